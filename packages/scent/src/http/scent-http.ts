import type { ModuleContext } from '@quintessence/platform';
import type { FastifyPluginAsync } from 'fastify';
import { scentRoutes } from './scent-routes.js';

/**
 * The Scent QC HTTP surface, mounted at the root: the seed's REST API under `/v1`. Each route family is its own plugin
 * registered here.
 */
export const scentHttp: FastifyPluginAsync<{ ctx: ModuleContext }> = async (fastify, options) => {
  await fastify.register(scentRoutes, { prefix: '/v1', ctx: options.ctx });
};
