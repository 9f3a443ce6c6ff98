import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createCache } from './create-cache.js';
import { describeCacheConformance } from './internal/cache-conformance.js';

function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

function setup(maxEntries = 100) {
  const metrics = new Registry();
  const clock = fakeClock();
  const cache = createCache({ config: { cache: { maxEntries } }, metrics, clock, defaultTtlMs: 1000 });
  const count = async (name: string, labels: Record<string, string> = {}) => {
    const metric = await metrics.getSingleMetric(name)!.get();
    return metric.values
      .filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
      .reduce((sum, v) => sum + v.value, 0);
  };
  return { cache, clock, metrics, count };
}

describeCacheConformance('in-process', () => {
  const cache = createCache({ config: { cache: { maxEntries: 100 } }, metrics: new Registry() });
  return { writer: cache, reader: cache };
});

describe('createCache (in-process level)', () => {
  it('has only the memory level without Redis', () => {
    expect(setup().cache.levels).toEqual(['memory']);
  });

  it('expires entries on the injected clock, with the default TTL for set without one', async () => {
    const { cache, clock } = setup();
    await cache.set('short', 'x', 100);
    await cache.set('default', 'y');
    clock.advance(99);
    expect(await cache.get('short')).toBe('x');
    clock.advance(2);
    expect(await cache.get('short')).toBeUndefined();
    expect(await cache.get('default')).toBe('y');
    clock.advance(900);
    expect(await cache.get('default')).toBeUndefined();
  });

  it('recomputes a wrapped value once its TTL passed', async () => {
    const { cache, clock } = setup();
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return computed;
    };
    expect(await cache.wrap('w', 500, compute)).toBe(1);
    clock.advance(501);
    expect(await cache.wrap('w', 500, compute)).toBe(2);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const { cache } = setup(2);
    await cache.set('a', 1);
    await cache.set('b', 2);
    await cache.get('a');
    await cache.set('c', 3);
    expect(await cache.get('a')).toBe(1);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c')).toBe(3);
  });

  it('counts hits by level and misses', async () => {
    const { cache, count } = setup();
    await cache.set('k', 1);
    await cache.get('k');
    await cache.get('k');
    await cache.get('missing');
    expect(await count('cache_hits_total', { level: 'memory' })).toBe(2);
    expect(await count('cache_misses_total')).toBe(1);
  });

  it('shares the counters when two caches use one registry', async () => {
    const metrics = new Registry();
    const a = createCache({ config: { cache: { maxEntries: 10 } }, metrics });
    const b = createCache({ config: { cache: { maxEntries: 10 } }, metrics });
    await a.get('x');
    await b.get('x');
    const misses = await metrics.getSingleMetric('cache_misses_total')!.get();
    expect(misses.values[0]!.value).toBe(2);
  });

  it('reports the memory-only cache as up with no latency', async () => {
    const { cache } = setup();
    expect(await cache.health()).toEqual({ status: 'up', latencyMs: 0 });
    await cache.close();
  });
});
