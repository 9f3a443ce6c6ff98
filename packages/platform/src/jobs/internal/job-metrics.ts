import type { Counter, Histogram, Registry } from 'prom-client';
import { registeredCounter, registeredHistogram } from '../../resilience/internal/registered-metric.js';

export interface JobMetrics {
  readonly processed: Counter<'name' | 'outcome'>;
  readonly duration: Histogram<'name'>;
}

/** The job metrics on `registry` (shared by both backends). */
export function jobMetrics(registry: Registry): JobMetrics {
  return {
    processed: registeredCounter(registry, {
      name: 'jobs_processed_total',
      help: 'Job attempts by outcome (completed, retried, failed)',
      labelNames: ['name', 'outcome'],
    }),
    duration: registeredHistogram(registry, {
      name: 'job_duration_seconds',
      help: 'Duration of job attempts',
      labelNames: ['name'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    }),
  };
}
