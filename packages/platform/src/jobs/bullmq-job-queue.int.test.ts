import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import { BullmqJobQueue } from './bullmq-job-queue.js';
import { describeJobQueueConformance, waitForJob } from './internal/job-queue-conformance.js';

const redisUrl = process.env.QX_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `qxtest-${process.pid}-${randomBytes(4).toString('hex')}`;
const log = createLogger({ log: { level: 'silent', pretty: false } });

const make = () => new BullmqJobQueue({ redisUrl, log, prefix, stopTimeoutMs: 5000 });

afterAll(async () => {
  const admin = new Redis(redisUrl);
  const keys = await admin.keys(`${prefix}:*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

describeJobQueueConformance('BullMQ on Redis', { make });

describe('BullmqJobQueue', () => {
  it('processes each job once with two workers on one queue', async () => {
    const a = make();
    const b = make();
    const seen = new Map<string, number>();
    const handler = async (payload: { n: number }) => {
      seen.set(String(payload.n), (seen.get(String(payload.n)) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 2));
      return payload.n;
    };
    a.register('twin.work', handler);
    b.register('twin.work', handler);
    try {
      await a.start();
      await b.start();
      const jobs = await Promise.all(Array.from({ length: 40 }, (_, n) => a.enqueue('twin.work', { n })));
      for (const job of jobs) await waitForJob(a, job.id, 'completed');
      expect(seen.size).toBe(40);
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('keeps its keys under the configured prefix', async () => {
    const queue = make();
    try {
      await queue.enqueue('prefix.check', {});
      const admin = new Redis(redisUrl);
      const keys = await admin.keys(`${prefix}:qx-jobs:*`);
      await admin.quit();
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      await queue.stop();
    }
  });
});
