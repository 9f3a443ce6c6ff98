import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database.js';
import { createLogger } from '../log/logger.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { EmbeddedJobQueue } from './embedded-job-queue.js';
import { describeJobQueueConformance, waitForJob } from './internal/job-queue-conformance.js';
import { jobsMigrations } from './jobs-migrations.js';

const log = createLogger({ log: { level: 'silent', pretty: false } });

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('postgres', [jobsMigrations]);
});
afterAll(async () => {
  await t?.close();
});

describeJobQueueConformance('embedded on PostgreSQL', {
  make: () => new EmbeddedJobQueue({ db: t.db, log, pollIntervalMs: 10, stopTimeoutMs: 2000 }),
  reset: () => t.reset(),
});

describe('EmbeddedJobQueue on PostgreSQL', () => {
  it('never runs a job twice with two workers on separate connection pools', async () => {
    await t.reset();
    const url = (t as TestDatabase & { url: string }).url;
    const second: Database = await openDatabase({ databaseUrl: url, dataDir: '' }, { poolMax: 4 });
    const a = new EmbeddedJobQueue({ db: t.db, log, pollIntervalMs: 5, concurrency: 4, workerId: 'worker-a' });
    const b = new EmbeddedJobQueue({ db: second, log, pollIntervalMs: 5, concurrency: 4, workerId: 'worker-b' });
    const runs = new Map<number, string[]>();
    const handler = (worker: string) => async (payload: { n: number }) => {
      runs.set(payload.n, [...(runs.get(payload.n) ?? []), worker]);
      await new Promise((r) => setTimeout(r, 3));
      return worker;
    };
    a.register('twin.work', handler('a'));
    b.register('twin.work', handler('b'));
    try {
      const jobs = await Promise.all(Array.from({ length: 120 }, (_, n) => a.enqueue('twin.work', { n })));
      await Promise.all([a.start(), b.start()]);
      for (const job of jobs) await waitForJob(a, job.id, 'completed', () => true, 30_000);
      expect(runs.size).toBe(120);
      const doubles = [...runs].filter(([, workers]) => workers.length !== 1);
      expect(doubles).toEqual([]);
      const byA = [...runs.values()].filter((w) => w[0] === 'a').length;
      expect(byA).toBeGreaterThan(0);
      expect(byA).toBeLessThan(120);
    } finally {
      await a.stop();
      await b.stop();
      await second.close();
    }
  });
});
