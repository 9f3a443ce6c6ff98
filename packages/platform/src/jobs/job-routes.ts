import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { JobQueue } from '../ports.js';

/** A job as `GET /jobs/:id` returns it (the `JobRecord` port shape). */
export const jobRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(['queued', 'running', 'completed', 'failed']),
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  progress: z.number().min(0).max(1),
  payload: z.unknown(),
  result: z.unknown().optional(),
  error: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export interface JobRoutesOptions {
  /** The queue to read from (either backend). */
  readonly jobs: Pick<JobQueue, 'get'>;
}

/**
 * `GET /jobs/:id`: status, progress, attempts, result or error of a job. Needs `jobs:read`; an unknown id answers
 * 404 `NOT_FOUND`. Register it at the root; it brings its own `/jobs` path.
 *
 * @example
 * await app.register(jobRoutes, { jobs });
 */
export const jobRoutes: FastifyPluginAsync<JobRoutesOptions> = async (app, options) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/jobs/:id',
    {
      config: { permission: 'jobs:read' },
      schema: {
        tags: ['jobs'],
        summary: 'A background job: state, progress, attempts, result or error',
        params: z.object({ id: z.string().min(1).max(200) }),
        response: { 200: jobRecordSchema },
      },
    },
    async (request) => {
      const job = await options.jobs.get(request.params.id);
      if (!job)
        throw new AppError('NOT_FOUND', `No job with id ${request.params.id}`, { details: { id: request.params.id } });
      return job;
    },
  );
};
