import { z } from 'zod';
import { sensorKinds } from '../domain/readings/reading-validator.js';
import { stages } from '../ports.js';

const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'letters, digits, _ . : - (starting with a letter or digit)');

/**
 * A channel value as it may arrive on the wire. JSON has no NaN or Infinity, so `null` and the strings "NaN",
 * "Infinity", "-Infinity" are accepted here and become non-finite numbers, which validation rejects per reading.
 */
const channelValue = z
  .union([z.number(), z.null(), z.string().max(32)])
  .transform((v) => (v === null ? Number.NaN : Number(v)));

/** One reading as received (REST body, MQTT payload, replay). */
export const readingInputSchema = z.object({
  timestamp: z.union([z.string().max(64), z.number()]).describe('UTC ISO-8601 time or epoch milliseconds'),
  values: z.array(channelValue).max(1024),
  metadata: z
    .object({
      batch_id: id.optional(),
      production_line: z.string().max(100).optional(),
    })
    .passthrough()
    .optional(),
});
export type ReadingInput = z.input<typeof readingInputSchema>;
export type ParsedReading = z.output<typeof readingInputSchema>;

/** `POST /sensors/:id/readings` accepts one reading or `{ readings: [...] }` (at most 1000). */
export const readingsBodySchema = z.union([
  z.object({ readings: z.array(readingInputSchema).min(1).max(1000) }),
  readingInputSchema,
]);

export const readingResultSchema = z.object({
  index: z.number().int(),
  status: z.enum(['stored', 'rejected']),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  quality_score: z.number(),
  score: z
    .object({
      model_id: z.string(),
      t2: z.number(),
      spe: z.number(),
      t2_limit: z.number(),
      spe_limit: z.number(),
      similarity: z.number(),
      is_anomaly: z.boolean(),
      suspect_channels: z.array(z.number().int()),
    })
    .nullable(),
});
export type ReadingResult = z.infer<typeof readingResultSchema>;

export const ingestResultSchema = z.object({
  sensor_id: z.string(),
  received: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  anomalies: z.number().int(),
  alerts: z.number().int(),
  results: z.array(readingResultSchema),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

export const sensorInputSchema = z.object({
  id,
  line_id: id,
  stage: z.enum(stages),
  kind: z.enum(sensorKinds),
  channels: z.number().int().min(1).max(1024),
});
export type SensorInput = z.infer<typeof sensorInputSchema>;

export const calibrationInputSchema = z.object({
  offset: z.array(z.number()).min(1).max(1024),
  scale: z.array(z.number()).min(1).max(1024),
});

export const analyzeBodySchema = z.object({
  product_id: id,
  sensor_id: id,
  values: z.array(z.number()).min(1).max(1024),
  calibrated: z.boolean().default(false).describe('true when values are already calibrated'),
});

export const trainBodySchema = z.object({
  product_id: id,
  sensor_id: id,
  batch_ids: z.array(id).min(1).max(100).describe('batches whose stored readings are good product'),
  alpha: z.number().gt(0).lt(0.5).default(0.01),
  components: z.number().int().min(1).max(64).optional(),
  variance_target: z.number().gt(0).max(1).default(0.9),
});

export const compareBodySchema = z.object({
  samples: z.array(z.array(z.number()).min(1).max(1024)).min(1).max(1000).describe('calibrated channel vectors'),
});

export const openBatchBodySchema = z.object({ id, product_id: id, line_id: id });

export const releaseBodySchema = z
  .object({
    decision: z.enum(['release', 'reject']),
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(1000),
    reason: z.string().min(1).max(1000).optional(),
    update_model: z
      .boolean()
      .optional()
      .describe(
        "after a release, update each sensor's fingerprint of the product from the batch's in-control readings (guarded; refusals are reported, not errors)",
      ),
  })
  .refine((b) => b.decision !== 'reject' || (b.reason !== undefined && b.reason.trim().length > 0), {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
export type ReleaseInput = z.infer<typeof releaseBodySchema>;

/** `POST /analytics/fingerprints/:model_id/update`: adaptive update from a released batch (guards as `adaptGoldenModel`). */
export const updateModelBodySchema = z.object({
  batch_id: id,
  window: z.number().int().min(3).max(100_000).optional().describe('reference readings kept (default: as before)'),
  max_anomaly_rate: z.number().min(0).max(1).default(0.1),
  max_step_shift: z.number().gt(0).max(100).default(0.5),
  max_cumulative_shift: z.number().gt(0).max(100).default(1),
});

export { id as scentIdSchema };
