import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../testing/until.js';
import { createCache, type PlatformCache } from './create-cache.js';
import { describeCacheConformance } from './internal/cache-conformance.js';

const redisUrl = process.env.QX_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `qx:test:cache:${process.pid}:${randomBytes(4).toString('hex')}:`;

describeCacheConformance('two instances sharing Redis', async () => {
  const config = { redisUrl, cache: { maxEntries: 100 } };
  const writer = createCache({ config, metrics: new Registry(), keyPrefix: prefix });
  const reader = createCache({ config, metrics: new Registry(), keyPrefix: prefix });
  expect((await writer.health()).status).toBe('up');
  expect((await reader.health()).status).toBe('up');
  return { writer, reader };
});

describe('createCache with the Redis second level', () => {
  const metricsA = new Registry();
  const metricsB = new Registry();
  let a: PlatformCache;
  let b: PlatformCache;
  let admin: Redis;

  beforeAll(async () => {
    admin = new Redis(redisUrl);
    const config = { redisUrl, cache: { maxEntries: 100 } };
    a = createCache({ config, metrics: metricsA, keyPrefix: prefix });
    b = createCache({ config, metrics: metricsB, keyPrefix: prefix });
    // health() waits for the connection; until then the caches would answer from memory only
    expect((await a.health()).status).toBe('up');
    expect((await b.health()).status).toBe('up');
    // both subscribers must be listening before invalidations are published
    await until(async () => {
      const [, count] = (await admin.call('PUBSUB', 'NUMSUB', `${prefix}__invalidate`)) as [string, number];
      return Number(count) >= 2;
    });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  const hits = async (metrics: Registry, level: string) => {
    const metric = await metrics.getSingleMetric('cache_hits_total')!.get();
    return metric.values.find((v) => v.labels.level === level)?.value ?? 0;
  };

  it('serves a value set by one instance to another through Redis', async () => {
    expect(a.levels).toEqual(['memory', 'redis']);
    await a.set('shared', { answer: 42 }, 10_000);
    expect(await b.get('shared')).toEqual({ answer: 42 });
    expect(await hits(metricsB, 'redis')).toBe(1);
    // now in B's memory level
    expect(await b.get('shared')).toEqual({ answer: 42 });
    expect(await hits(metricsB, 'memory')).toBe(1);
  });

  it('stores JSON with a Redis TTL (PX)', async () => {
    await a.set('ttl', [1, 2, 3], 5000);
    expect(await admin.get(`${prefix}ttl`)).toBe('[1,2,3]');
    const pttl = await admin.pttl(`${prefix}ttl`);
    expect(pttl).toBeGreaterThan(4000);
    expect(pttl).toBeLessThanOrEqual(5000);
  });

  it('lets a Redis key expire for every instance', async () => {
    await a.set('brief', 'soon gone', 50);
    expect(await b.get('brief')).toBe('soon gone');
    await new Promise((r) => setTimeout(r, 80));
    expect(await b.get('brief')).toBeUndefined();
    expect(await admin.exists(`${prefix}brief`)).toBe(0);
  });

  it('evicts the other instance memory copy on delete and on overwrite', async () => {
    await a.set('doc', 'v1', 10_000);
    expect(await b.get('doc')).toBe('v1');
    await a.set('doc', 'v2', 10_000);
    await until(async () => (await b.get('doc')) === 'v2');
    await a.delete('doc');
    await until(async () => (await b.get('doc')) === undefined);
    expect(await admin.exists(`${prefix}doc`)).toBe(0);
  });

  it('computes a wrapped value once across instances', async () => {
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return { at: computed };
    };
    expect(await a.wrap('wrapped', 10_000, compute)).toEqual({ at: 1 });
    expect(await b.wrap('wrapped', 10_000, compute)).toEqual({ at: 1 });
    expect(computed).toBe(1);
  });

  it('reports Redis health with latency', async () => {
    const health = await a.health();
    expect(health.status).toBe('up');
    expect(health.latencyMs).toBeGreaterThan(0);
  });

  it('keeps serving from memory and reports down when Redis is unreachable', async () => {
    const metrics = new Registry();
    const broken = createCache({
      config: { redisUrl: 'redis://127.0.0.1:1', cache: { maxEntries: 10 } },
      metrics,
      keyPrefix: prefix,
    });
    try {
      // no waiting on the unreachable Redis (its command timeout is 2 s)
      const started = performance.now();
      await broken.set('k', 'local');
      expect(await broken.get('k')).toBe('local');
      expect(await broken.get('other')).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(1000);
      const errors = await metrics.getSingleMetric('cache_errors_total')!.get();
      expect(errors.values.reduce((s, v) => s + v.value, 0)).toBeGreaterThanOrEqual(2);
      expect((await broken.health()).status).toBe('down');
    } finally {
      await broken.close();
    }
  });
});
