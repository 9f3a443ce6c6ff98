import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Histogram, type Registry } from 'prom-client';

export interface HttpMetricsOptions {
  readonly registry: Registry;
  /** Histogram buckets in seconds. */
  readonly buckets?: readonly number[];
}

/**
 * Records `http_request_duration_seconds{route,method,status_code}` for every response. `route` is the route
 * pattern (`/jobs/:id`), never the raw URL, so label cardinality stays bounded; unmatched URLs count as `unmatched`.
 */
export const httpMetrics = fp<HttpMetricsOptions>(
  async (app: FastifyInstance, options: HttpMetricsOptions) => {
    const name = 'http_request_duration_seconds';
    // One histogram per registry, even when several apps are built on it (tests, a rebuilt app).
    const existing = options.registry.getSingleMetric(name) as
      | Histogram<'route' | 'method' | 'status_code'>
      | undefined;
    const histogram =
      existing ??
      new Histogram({
        name,
        help: 'HTTP request duration in seconds by route pattern, method and status code',
        labelNames: ['route', 'method', 'status_code'] as const,
        buckets: [...(options.buckets ?? [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])],
        registers: [options.registry],
      });
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      histogram.observe(
        { route, method: request.method, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  },
  { name: 'quintessence-http-metrics', fastify: '5.x' },
);
