import { sql } from 'kysely';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import type { Clock } from '../ports.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { EmbeddedJobQueue, type EmbeddedJobQueueOptions } from './embedded-job-queue.js';
import { describeJobQueueConformance, waitForJob } from './internal/job-queue-conformance.js';
import { jobsMigrations } from './jobs-migrations.js';

const log = createLogger({ log: { level: 'silent', pretty: false } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fakeClock(start = Date.UTC(2026, 10, 23, 12)): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
}

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('pglite', [jobsMigrations]);
});
afterAll(async () => {
  await t?.close();
});

// emptying the one table is enough between tests (and much faster on PGlite than re-creating the schema)
const emptyJobs = async () => {
  await sql`delete from platform_jobs`.execute(t.db.kysely);
};

describeJobQueueConformance('embedded on PGlite', {
  make: () => new EmbeddedJobQueue({ db: t.db, log, pollIntervalMs: 10, stopTimeoutMs: 2000 }),
  reset: emptyJobs,
});

describe('EmbeddedJobQueue', () => {
  const made: EmbeddedJobQueue[] = [];
  const make = (options: Partial<EmbeddedJobQueueOptions> = {}) => {
    const queue = new EmbeddedJobQueue({ db: t.db, log, pollIntervalMs: 10, stopTimeoutMs: 2000, ...options });
    made.push(queue);
    return queue;
  };
  beforeEach(emptyJobs);
  afterEach(async () => {
    await Promise.all(made.splice(0).map((q) => q.stop()));
  });

  it('waits backoffMs * 2^(attempt - 1) on the clock before each retry', async () => {
    const clock = fakeClock();
    const queue = make({ clock });
    queue.register('flaky', async (_p, ctx) => {
      throw new Error(`attempt ${ctx.attempt} failed`);
    });
    await queue.start();
    const job = await queue.enqueue('flaky', {}, { attempts: 3, backoffMs: 1000 });
    await waitForJob(queue, job.id, 'queued', (j) => j.attempts === 1);
    clock.advance(999);
    await sleep(80);
    expect(await queue.get(job.id)).toMatchObject({ state: 'queued', attempts: 1, error: 'attempt 1 failed' });
    clock.advance(1);
    await waitForJob(queue, job.id, 'queued', (j) => j.attempts === 2);
    clock.advance(1999);
    await sleep(80);
    expect((await queue.get(job.id))?.attempts).toBe(2);
    clock.advance(1);
    expect(await waitForJob(queue, job.id, 'failed')).toMatchObject({ attempts: 3, error: 'attempt 3 failed' });
  });

  it('re-queues a job whose worker stopped renewing its lease and lets another worker finish it', async () => {
    const start = Date.UTC(2026, 10, 23, 12);
    const deadClock = fakeClock(start);
    const dead = make({ clock: deadClock, leaseMs: 1000, workerId: 'dead-worker', stopTimeoutMs: 50 });
    dead.register(
      'report',
      (_p, ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
    );
    await dead.start();
    const job = await dead.enqueue('report', { month: '2026-10' });
    await waitForJob(dead, job.id, 'running');

    // a restarted process, 1001 ms later on the shared clock
    const liveClock = fakeClock(start + 1001);
    const live = make({ clock: liveClock, leaseMs: 1000, workerId: 'live-worker' });
    const attempts: number[] = [];
    live.register('report', async (_p, ctx) => {
      attempts.push(ctx.attempt);
      return 'rendered';
    });
    await live.start();
    expect(await waitForJob(live, job.id, 'completed')).toMatchObject({ attempts: 2, result: 'rendered' });
    expect(attempts).toEqual([2]);

    // the first worker's late failure must not touch the job it no longer holds
    await dead.stop();
    expect(await live.get(job.id)).toMatchObject({ state: 'completed', result: 'rendered' });
  });

  it('fails a job whose lease expired on its last attempt', async () => {
    const clock = fakeClock();
    const now = clock.now();
    await sql`insert into platform_jobs (id, name, state, payload, attempts, max_attempts, backoff_ms, run_at,
      locked_by, locked_until, created_at, updated_at)
      values ('left-running', 'report', 'running', '{}', 2, 2, 10, ${now}, 'killed-worker', ${new Date(now.getTime() - 1)},
      ${now}, ${now})`.execute(t.db.kysely);
    const queue = make({ clock });
    let ran = false;
    queue.register('report', async () => {
      ran = true;
    });
    await queue.start();
    const failed = await waitForJob(queue, 'left-running', 'failed');
    expect(failed.error).toMatch(/lease expired/);
    expect(ran).toBe(false);
  });

  it('gives the attempt back when stop() times out, aborting the handler', async () => {
    const queue = make({ stopTimeoutMs: 50 });
    let aborted = false;
    queue.register(
      'stuck',
      (_p, ctx) =>
        new Promise((_, reject) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          });
        }),
    );
    await queue.start();
    const job = await queue.enqueue('stuck', {});
    await waitForJob(queue, job.id, 'running');
    await queue.stop();
    expect(aborted).toBe(true);
    const reader = make();
    expect(await reader.get(job.id)).toMatchObject({
      state: 'queued',
      attempts: 0,
      error: 'interrupted by worker shutdown',
    });
  });

  it('runs at most `concurrency` jobs at once', async () => {
    const queue = make({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    queue.register('work', async () => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(40);
      running -= 1;
    });
    const jobs = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.enqueue('work', { n })));
    await queue.start();
    for (const job of jobs) await waitForJob(queue, job.id, 'completed');
    expect(peak).toBe(2);
  });

  it('leaves jobs without a local handler to other workers', async () => {
    const queue = make();
    queue.register('mine', async () => 'ok');
    await queue.start();
    const other = await queue.enqueue('someone-elses', {});
    const own = await queue.enqueue('mine', {});
    await waitForJob(queue, own.id, 'completed');
    await sleep(50);
    expect(await queue.get(other.id)).toMatchObject({ state: 'queued', attempts: 0 });
  });

  it('counts outcomes in jobs_processed_total', async () => {
    const metrics = new Registry();
    const queue = make({ metrics });
    queue.register('ok', async () => 1);
    queue.register('bad', async () => {
      throw new Error('no');
    });
    await queue.start();
    const ok = await queue.enqueue('ok', {});
    const bad = await queue.enqueue('bad', {}, { attempts: 2, backoffMs: 0 });
    await waitForJob(queue, ok.id, 'completed');
    await waitForJob(queue, bad.id, 'failed');
    const values = (await metrics.getSingleMetric('jobs_processed_total')!.get()).values;
    const count = (name: string, outcome: string) =>
      values.find((v) => v.labels.name === name && v.labels.outcome === outcome)?.value;
    expect(count('ok', 'completed')).toBe(1);
    expect(count('bad', 'retried')).toBe(1);
    expect(count('bad', 'failed')).toBe(1);
  });

  it('keeps polling through a database failure and resumes when it is back', async () => {
    const queue = make();
    queue.register('resilient', async () => 'ran');
    await sql`alter table platform_jobs rename to platform_jobs_away`.execute(t.db.kysely);
    try {
      await queue.start();
      await sleep(100);
      expect((await queue.health()).status).toBe('up');
    } finally {
      await sql`alter table platform_jobs_away rename to platform_jobs`.execute(t.db.kysely);
    }
    const job = await queue.enqueue('resilient', {});
    expect(await waitForJob(queue, job.id, 'completed')).toMatchObject({ result: 'ran' });
  });

  it('refuses to enqueue or start after stop', async () => {
    const queue = make();
    await queue.stop();
    await expect(queue.enqueue('x', {})).rejects.toThrow(/stopped/);
    await expect(queue.start()).rejects.toThrow(/stopped/);
  });
});
