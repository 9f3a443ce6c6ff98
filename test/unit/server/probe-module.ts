import { AppError, type QuintessenceModule } from '@quintessence/platform';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * A small module mounted by the server tests: it exercises module mounting, validation, a domain error, an
 * unexpected error (500 without internals) and request auditing through the same path real modules take.
 */
export const probeModule: QuintessenceModule = {
  name: 'probe',
  permissions: { 'probe:write': ['operator'], 'probe:read': ['operator', 'viewer'] },
  errorCodes: { PROBE_BROKEN: 422 },
  http: {
    prefix: '/probe',
    plugin: async (instance) => {
      const app = instance.withTypeProvider<ZodTypeProvider>();
      app.post(
        '/echo',
        {
          config: { permission: 'probe:write' },
          schema: { body: z.object({ n: z.number().int(), text: z.string().optional() }) },
        },
        async (request) => ({ n: request.body.n }),
      );
      app.get('/items/:id', { config: { permission: 'probe:read' } }, async (request) => ({
        id: (request.params as { id: string }).id,
        caller: request.principal?.name,
      }));
      app.get('/slow', { config: { permission: 'probe:read' } }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return { done: true };
      });
      app.get('/boom', { config: { permission: 'probe:read' } }, async () => {
        throw new Error('connection to postgres://admin:hunter2@db.internal failed at /srv/app/secret.ts:42');
      });
      app.get('/domain-error', { config: { permission: 'probe:read' } }, async () => {
        throw new AppError('PROBE_BROKEN', 'the probe is broken on purpose', { details: { part: 'gear' } });
      });
    },
  },
};

/** A module with a route that declares no access rule: the server must refuse to start. */
export const undeclaredRouteModule: QuintessenceModule = {
  name: 'leaky',
  http: {
    prefix: '/leaky',
    plugin: async (app) => {
      app.get('/open', async () => ({ oops: true }));
    },
  },
};

/** A module with a route naming a permission nobody declared. */
export const unknownPermissionModule: QuintessenceModule = {
  name: 'typo',
  http: {
    prefix: '/typo',
    plugin: async (app) => {
      app.get('/x', { config: { permission: 'typo:raed' } }, async () => ({}));
    },
  },
};
