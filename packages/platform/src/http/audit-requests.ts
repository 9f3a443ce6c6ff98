import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditRecorder } from '../ports.js';

export interface AuditRequestsOptions {
  readonly audit: AuditRecorder;
  /** Methods that change state (default POST, PUT, PATCH, DELETE). */
  readonly methods?: readonly string[];
}

/**
 * Records one audit event per state-changing request that reached a route: actor, action `http.<method>`,
 * resource = route pattern, status, request id, client address. It runs in `onSend`, before the response leaves, so
 * a client that saw the answer can rely on the event being stored. Rate-limited (429) requests are not recorded.
 * A failure to record is logged, never turned into a failed response (the state change already happened).
 */
export const auditRequests = fp<AuditRequestsOptions>(
  async (app: FastifyInstance, options: AuditRequestsOptions) => {
    const methods = new Set(options.methods ?? ['POST', 'PUT', 'PATCH', 'DELETE']);
    app.addHook('onSend', async (request, reply, payload) => {
      const route = request.routeOptions.url;
      if (!methods.has(request.method) || route === undefined || reply.statusCode === 429) return payload;
      try {
        await options.audit.record({
          actor: request.principal?.name ?? 'anonymous',
          action: `http.${request.method.toLowerCase()}`,
          resource: route,
          details: {
            status: reply.statusCode,
            url: request.url.split('?')[0],
            ...(request.principal
              ? { principal_kind: request.principal.kind, principal_id: request.principal.id }
              : {}),
          },
          requestId: request.id,
          clientAddress: request.ip,
        });
      } catch (error) {
        request.log.error({ err: error }, 'audit event for request could not be recorded');
      }
      return payload;
    });
  },
  { name: 'quintessence-audit-requests', fastify: '5.x' },
);
