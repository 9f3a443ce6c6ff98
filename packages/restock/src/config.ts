import { AppError } from '@quintessence/platform';
import { z } from 'zod';

/** `modules.restock` settings (`QX__MODULES__RESTOCK__CONFIDENCE_THRESHOLD=0.7`, …). */
export const restockConfigSchema = z.object({
  /** Confidence at or above this executes; below goes to human review. */
  confidenceThreshold: z.number().min(0).max(1).default(0.6),
  /** Transfer instead of purchase when another location's surplus exceeds this... */
  transferMinSurplus: z.number().min(0).default(200),
  /** ...and the shortage is below this. */
  transferMaxShortage: z.number().min(0).default(500),
  /** Location whose stock the seed endpoints use. */
  defaultLocation: z.string().min(1).default('MAIN'),
  /** POSTed on pending and executed orders (retried through the job queue). */
  webhookUrl: z.string().url().optional(),
  /** Signs each webhook body: `X-Quintessence-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. */
  webhookSecret: z.string().min(16).optional(),
  /** Scan every SKU on this interval (minutes); 0 = off. */
  scanIntervalMinutes: z.number().min(0).default(0),
  /** Ask the LLM gateway for a proposal when it is available. */
  useLlm: z.boolean().default(true),
});

export type RestockConfig = z.infer<typeof restockConfigSchema>;

/** Validates the module's configuration section. */
export function parseRestockConfig(section: unknown): RestockConfig {
  const r = restockConfigSchema.safeParse(section ?? {});
  if (!r.success) {
    throw new AppError(
      'CONFIG_INVALID',
      `Invalid configuration modules.restock: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return r.data;
}
