import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.js';
import { createLogger } from '../log/logger.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { EmbeddedJobQueue } from './embedded-job-queue.js';
import { waitForJob } from './internal/job-queue-conformance.js';
import { jobRoutes } from './job-routes.js';
import { jobsMigrations } from './jobs-migrations.js';

const log = createLogger({ log: { level: 'silent', pretty: false } });

describe('jobRoutes', () => {
  let t: TestDatabase;
  let queue: EmbeddedJobQueue;
  let app: FastifyInstance;
  const permissions: Record<string, unknown> = {};

  beforeAll(async () => {
    t = await openTestDatabase('pglite', [jobsMigrations]);
    queue = new EmbeddedJobQueue({ db: t.db, log, pollIntervalMs: 10 });
    queue.register<{ sku: string }, { units: number }>('restock.forecast', async (payload) => ({
      units: payload.sku.length * 3,
    }));
    await queue.start();
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.addHook('onRoute', (route) => {
      permissions[`${route.method} ${route.url}`] = (route.config as { permission?: string } | undefined)?.permission;
    });
    app.setErrorHandler((error, _request, reply) => {
      if (isAppError(error, 'NOT_FOUND')) return reply.status(404).send({ code: error.code, message: error.message });
      return reply.status(500).send({ message: (error as Error).message });
    });
    await app.register(jobRoutes, { jobs: queue });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await queue?.stop();
    await t?.close();
  });

  it('serves GET /jobs/:id behind the jobs:read permission', async () => {
    expect(permissions['GET /jobs/:id']).toBe('jobs:read');
    const job = await queue.enqueue('restock.forecast', { sku: 'A-1' });
    await waitForJob(queue, job.id, 'completed');
    const response = await app.inject({ method: 'GET', url: `/jobs/${job.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: job.id,
      name: 'restock.forecast',
      state: 'completed',
      attempts: 1,
      maxAttempts: 3,
      progress: 1,
      payload: { sku: 'A-1' },
      result: { units: 9 },
    });
  });

  it('answers NOT_FOUND for an unknown job', async () => {
    const response = await app.inject({ method: 'GET', url: '/jobs/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message: 'No job with id nope' });
  });
});
