import type { ModuleContext } from '@quintessence/platform';
import type { FastifyPluginAsync } from 'fastify';
import { agentRoutes } from './agent-routes.js';
import { auditReportRoutes } from './audit-report-routes.js';
import { installScentRateLimits, parseScentRateLimits } from './scent-rate-limits.js';
import { scentRoutes } from './scent-routes.js';
import { wsMonitoring } from './ws-monitoring.js';

/**
 * The Scent QC HTTP surface, mounted at the root: the seed's REST API under `/v1` and `WS /ws/monitoring`. Each route
 * family is its own plugin registered here, after the per-principal data and analytics rate limits.
 */
export const scentHttp: FastifyPluginAsync<{ ctx: ModuleContext }> = async (fastify, options) => {
  installScentRateLimits(fastify, parseScentRateLimits(options.ctx.config));
  await fastify.register(scentRoutes, { prefix: '/v1', ctx: options.ctx });
  await fastify.register(auditReportRoutes, { prefix: '/v1', ctx: options.ctx });
  await fastify.register(agentRoutes, { prefix: '/v1', ctx: options.ctx });
  await fastify.register(wsMonitoring, { ctx: options.ctx });
};
