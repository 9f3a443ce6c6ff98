import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobRecord, JobState } from '../../ports.js';
import type { WorkerJobQueue } from '../worker-job-queue.js';

export interface ConformanceTarget {
  /** A new queue instance on the shared store (several may exist at once, like several processes). */
  make(): WorkerJobQueue;
  /** Empties the store before each test. */
  reset?(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `get(id)` until the job reaches `state` (and `extra` holds), failing after `timeoutMs`. */
export async function waitForJob(
  queue: Pick<WorkerJobQueue, 'get'>,
  id: string,
  state: JobState,
  extra: (job: JobRecord) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<JobRecord> {
  const deadline = Date.now() + timeoutMs;
  let last: JobRecord | null = null;
  while (Date.now() < deadline) {
    last = await queue.get(id);
    if (last?.state === state && extra(last)) return last;
    await sleep(10);
  }
  throw new Error(`job ${id} did not reach ${state} in ${timeoutMs} ms; last seen ${JSON.stringify(last)}`);
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/**
 * The behaviour every `WorkerJobQueue` backend shares (embedded on PGlite and PostgreSQL, BullMQ on Redis): one
 * suite, run by each backend's tests.
 */
export function describeJobQueueConformance(label: string, target: ConformanceTarget): void {
  describe(`${label}: job queue conformance`, () => {
    const made: WorkerJobQueue[] = [];
    const make = () => {
      const queue = target.make();
      made.push(queue);
      return queue;
    };

    beforeEach(async () => {
      await target.reset?.();
    });
    afterEach(async () => {
      await Promise.all(made.splice(0).map((q) => q.stop()));
    });

    it('enqueues a job as a queued record', async () => {
      const queue = make();
      const job = await queue.enqueue('conf.echo', { sku: 'A-1', qty: [1, 2] }, { attempts: 4 });
      expect(job).toMatchObject({
        name: 'conf.echo',
        state: 'queued',
        attempts: 0,
        maxAttempts: 4,
        progress: 0,
        payload: { sku: 'A-1', qty: [1, 2] },
      });
      expect(job.result).toBeUndefined();
      expect(new Date(job.createdAt).toISOString()).toBe(job.createdAt);
      expect(await queue.get(job.id)).toMatchObject({ id: job.id, state: 'queued' });
    });

    it('runs the registered handler and stores its result', async () => {
      const queue = make();
      queue.register<{ a: number; b: number }, { sum: number }>('conf.add', async (payload, ctx) => {
        expect(ctx.attempt).toBe(1);
        expect(ctx.signal.aborted).toBe(false);
        return { sum: payload.a + payload.b };
      });
      await queue.start();
      const job = await queue.enqueue('conf.add', { a: 2, b: 3 });
      const done = await waitForJob(queue, job.id, 'completed');
      expect(done).toMatchObject({ state: 'completed', attempts: 1, progress: 1, result: { sum: 5 } });
      expect(done.error).toBeUndefined();
    });

    it('shows progress while the job runs', async () => {
      const queue = make();
      const release = gate();
      queue.register('conf.progress', async (_payload, ctx) => {
        await ctx.reportProgress(0.25);
        await release.opened;
        return 'ok';
      });
      await queue.start();
      const job = await queue.enqueue('conf.progress', null);
      const running = await waitForJob(queue, job.id, 'running', (j) => j.progress === 0.25);
      expect(running.attempts).toBe(1);
      release.open();
      expect(await waitForJob(queue, job.id, 'completed')).toMatchObject({ progress: 1, result: 'ok' });
    });

    it('rejects progress outside [0, 1]', async () => {
      const queue = make();
      queue.register('conf.bad-progress', async (_payload, ctx) => {
        await ctx.reportProgress(1.5);
      });
      await queue.start();
      const job = await queue.enqueue('conf.bad-progress', {}, { attempts: 1 });
      const failed = await waitForJob(queue, job.id, 'failed');
      expect(failed.error).toMatch(/progress must be in \[0, 1\]/);
    });

    it('retries a failing attempt with backoff and then completes', async () => {
      const queue = make();
      const attempts: number[] = [];
      const times: number[] = [];
      queue.register('conf.flaky', async (_payload, ctx) => {
        attempts.push(ctx.attempt);
        times.push(Date.now());
        if (ctx.attempt < 3) throw new Error(`flaky attempt ${ctx.attempt}`);
        return 'third time lucky';
      });
      await queue.start();
      const job = await queue.enqueue('conf.flaky', {}, { attempts: 3, backoffMs: 50 });
      const done = await waitForJob(queue, job.id, 'completed');
      expect(done).toMatchObject({ attempts: 3, result: 'third time lucky' });
      expect(attempts).toEqual([1, 2, 3]);
      // backoff 50 ms, then 100 ms
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(45);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(95);
    });

    it('fails the job after its last attempt and keeps the error', async () => {
      const queue = make();
      let calls = 0;
      queue.register('conf.broken', async () => {
        calls += 1;
        throw new Error('supplier API rejected the order');
      });
      await queue.start();
      const job = await queue.enqueue('conf.broken', {}, { attempts: 2, backoffMs: 10 });
      const failed = await waitForJob(queue, job.id, 'failed');
      expect(failed).toMatchObject({ attempts: 2, maxAttempts: 2, error: 'supplier API rejected the order' });
      expect(failed.result).toBeUndefined();
      expect(calls).toBe(2);
    });

    it('returns the same job for the same idempotency key and runs it once', async () => {
      const queue = make();
      let calls = 0;
      queue.register('conf.once', async () => {
        calls += 1;
        return calls;
      });
      const first = await queue.enqueue('conf.once', { v: 1 }, { idempotencyKey: 'order-42' });
      const second = await queue.enqueue('conf.once', { v: 2 }, { idempotencyKey: 'order-42' });
      expect(second.id).toBe(first.id);
      expect(second.payload).toEqual({ v: 1 });
      await queue.start();
      await waitForJob(queue, first.id, 'completed');
      const third = await queue.enqueue('conf.once', { v: 3 }, { idempotencyKey: 'order-42' });
      expect(third).toMatchObject({ id: first.id, state: 'completed', result: 1 });
      expect(calls).toBe(1);
    });

    it('holds a delayed job until its time', async () => {
      const queue = make();
      queue.register('conf.later', async () => 'done');
      await queue.start();
      const job = await queue.enqueue('conf.later', {}, { delayMs: 400 });
      await sleep(150);
      expect((await queue.get(job.id))?.state).toBe('queued');
      await waitForJob(queue, job.id, 'completed');
    });

    it('answers null for an unknown id', async () => {
      const queue = make();
      expect(await queue.get('00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await queue.get('no-such-job')).toBeNull();
    });

    it('lets stop() finish the running job', async () => {
      const queue = make();
      let started = false;
      queue.register('conf.slow', async () => {
        started = true;
        await sleep(150);
        return 'finished';
      });
      await queue.start();
      const job = await queue.enqueue('conf.slow', {});
      await waitForJob(queue, job.id, 'running');
      expect(started).toBe(true);
      await queue.stop();
      const reader = make();
      expect(await reader.get(job.id)).toMatchObject({ state: 'completed', result: 'finished' });
    });

    it('keeps queued jobs for the next process (restart)', async () => {
      const before = make();
      const job = await before.enqueue('conf.persist', { n: 7 });
      await before.stop();
      const after = make();
      after.register<{ n: number }, number>('conf.persist', async (payload) => payload.n * 6);
      await after.start();
      expect(await waitForJob(after, job.id, 'completed')).toMatchObject({ result: 42 });
    });

    it('rejects invalid names and options', async () => {
      const queue = make();
      await expect(queue.enqueue('', {})).rejects.toThrow(RangeError);
      await expect(queue.enqueue('conf.x', {}, { attempts: 0 })).rejects.toThrow(RangeError);
      await expect(queue.enqueue('conf.x', {}, { backoffMs: -1 })).rejects.toThrow(RangeError);
      await expect(queue.enqueue('conf.x', {}, { delayMs: 1.5 })).rejects.toThrow(RangeError);
      await expect(queue.enqueue('conf.x', { n: 1n })).rejects.toThrow(TypeError);
      queue.register('conf.x', async () => null);
      expect(() => queue.register('conf.x', async () => null)).toThrow(RangeError);
    });

    it('reports its store as up', async () => {
      const health = await make().health();
      expect(health.status).toBe('up');
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    });
  });
}
