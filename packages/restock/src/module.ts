import { createHmac } from 'node:crypto';
import {
  type ModuleContext,
  type QuintessenceModule,
  registerErrorCodes,
  registerPermissions,
} from '@quintessence/platform';
import { createKyselyRestockStore } from './adapters/kysely-store.js';
import { restockMigrations } from './adapters/migrations.js';
import { registerRestockCli } from './cli/restock-commands.js';
import { parseRestockConfig } from './config.js';
import { seedDemoCatalog } from './demo-catalog.js';
import { restockErrorCodes } from './errors.js';
import { restockRoutes } from './http/restock-routes.js';
import { restockPermissions } from './permissions.js';
import { createRestockService, scanJobName, webhookJobName } from './service/restock-service.js';

interface WebhookPayload {
  readonly url: string;
  readonly event: string;
  readonly order: unknown;
}

/**
 * POSTs a webhook; a non-2xx answer throws so the job queue retries with backoff. Every attempt of one delivery
 * carries the same `X-Quintessence-Delivery` (the job id) so receivers can drop duplicates; with a secret the raw
 * body is signed (`X-Quintessence-Signature: sha256=<hex HMAC-SHA256>`).
 */
export async function deliverWebhook(
  payload: WebhookPayload,
  job: { readonly jobId: string; readonly signal: AbortSignal },
  secret?: string,
): Promise<{ status: number }> {
  const body = JSON.stringify({ event: payload.event, order: payload.order });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'quintessence-restock',
    'x-quintessence-event': payload.event,
    'x-quintessence-delivery': job.jobId,
  };
  if (secret) headers['x-quintessence-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const res = await fetch(payload.url, { method: 'POST', headers, body, signal: job.signal });
  if (!res.ok) throw new Error(`webhook ${payload.url} answered ${res.status}`);
  return { status: res.status };
}

async function start(ctx: ModuleContext): Promise<(() => Promise<void>) | undefined> {
  const config = parseRestockConfig(ctx.config.modules?.restock);
  ctx.jobs.register<WebhookPayload, { status: number }>(webhookJobName, (payload, job) =>
    deliverWebhook(payload, job, config.webhookSecret),
  );
  ctx.jobs.register(scanJobName, async () =>
    createRestockService(ctx).scan({
      principal: { kind: 'system', id: 'restock-scan', name: 'system', roles: ['admin'] },
    }),
  );
  if (config.scanIntervalMinutes <= 0) return undefined;
  const timer = setInterval(() => {
    const slot = Math.floor(ctx.clock.now().getTime() / (config.scanIntervalMinutes * 60_000));
    ctx.jobs
      .enqueue(scanJobName, {}, { attempts: 1, idempotencyKey: `restock-scan:${slot}` })
      .catch((error) => ctx.log.error({ err: error }, 'restock: scheduling the scan failed'));
  }, config.scanIntervalMinutes * 60_000);
  timer.unref();
  return async () => clearInterval(timer);
}

registerErrorCodes(restockErrorCodes);
registerPermissions(restockPermissions);

/**
 * The restock module: forecasting, safety stock and reorder policies, the restocking agent with evidence-based
 * confidence, and the review queue. Seed-compatible routes mount at the root.
 */
export const restockModule: QuintessenceModule = {
  name: 'restock',
  permissions: restockPermissions,
  errorCodes: restockErrorCodes,
  migrations: restockMigrations,
  http: { prefix: '', plugin: restockRoutes },
  cli: registerRestockCli,
  async seedDemo(ctx) {
    const config = parseRestockConfig(ctx.config.modules?.restock);
    await seedDemoCatalog(createKyselyRestockStore(ctx.db), ctx.clock.now(), config.defaultLocation);
  },
  start,
};
