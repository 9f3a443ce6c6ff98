import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

  it('re-queues the job of a worker process killed with SIGKILL, once its lease expires', async () => {
    await t.reset();
    const url = (t as TestDatabase & { url: string }).url;
    const module = (path: string) => pathToFileURL(fileURLToPath(new URL(path, import.meta.url))).href;
    const script = `
      import { openDatabase } from '${module('../db/database.ts')}';
      import { createLogger } from '${module('../log/logger.ts')}';
      import { EmbeddedJobQueue } from '${module('./embedded-job-queue.ts')}';
      const db = await openDatabase({ databaseUrl: process.env.QX_KILL_TEST_DB, dataDir: '' });
      const log = createLogger({ log: { level: 'silent', pretty: false } });
      const queue = new EmbeddedJobQueue({ db, log, pollIntervalMs: 20, leaseMs: 1000, workerId: 'doomed' });
      queue.register('render', async (_payload, ctx) => {
        await ctx.reportProgress(0.5);
        process.stdout.write('claimed\\n');
        await new Promise(() => {});
      });
      await queue.start();`;

    const reader = new EmbeddedJobQueue({ db: t.db, log });
    const job = await reader.enqueue('render', { report: 'monthly' }, { attempts: 3 });
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, QX_KILL_TEST_DB: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      const deadline = Date.now() + 30_000;
      while (!output.includes('claimed')) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`worker process did not claim: ${output}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await reader.get(job.id)).toMatchObject({ state: 'running', attempts: 1, progress: 0.5 });
    } finally {
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    }
    expect(child.signalCode).toBe('SIGKILL');

    const restarted = new EmbeddedJobQueue({ db: t.db, log, pollIntervalMs: 20, leaseMs: 1000 });
    restarted.register('render', async (_payload, ctx) => `rendered on attempt ${ctx.attempt}`);
    await restarted.start();
    try {
      const done = await waitForJob(restarted, job.id, 'completed');
      expect(done).toMatchObject({ attempts: 2, result: 'rendered on attempt 2' });
    } finally {
      await restarted.stop();
      await reader.stop();
    }
  });
});
