import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createCache } from './create-cache.js';

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

describe('createCache (in-process level)', () => {
  it('returns what was set and undefined for unknown keys', async () => {
    const { cache } = setup();
    await cache.set('a', { n: 1, list: [1, 2] });
    expect(await cache.get('a')).toEqual({ n: 1, list: [1, 2] });
    expect(await cache.get('b')).toBeUndefined();
    expect(cache.levels).toEqual(['memory']);
  });

  it('caches null but refuses undefined', async () => {
    const { cache } = setup();
    await cache.set('nothing', null);
    expect(await cache.get('nothing')).toBeNull();
    await expect(cache.set('u', undefined)).rejects.toThrow(TypeError);
  });

  it('expires entries after their TTL on the injected clock', async () => {
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

  it('returns a JSON copy, so mutating a result does not change the cache', async () => {
    const { cache } = setup();
    const value = { items: [1] };
    await cache.set('k', value);
    value.items.push(2);
    const first = await cache.get<{ items: number[] }>('k');
    first!.items.push(3);
    expect(await cache.get('k')).toEqual({ items: [1] });
  });

  it('deletes keys', async () => {
    const { cache } = setup();
    await cache.set('k', 1);
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
  });

  it('wrap computes once, then serves the cached value until the TTL passes', async () => {
    const { cache, clock } = setup();
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return { run: computed };
    };
    expect(await cache.wrap('w', 500, compute)).toEqual({ run: 1 });
    expect(await cache.wrap('w', 500, compute)).toEqual({ run: 1 });
    clock.advance(501);
    expect(await cache.wrap('w', 500, compute)).toEqual({ run: 2 });
    expect(computed).toBe(2);
  });

  it('wrap runs one computation for concurrent callers of the same key', async () => {
    const { cache } = setup();
    let computed = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const compute = async () => {
      computed += 1;
      await gate;
      return 'v';
    };
    const all = Promise.all([
      cache.wrap('k', 500, compute),
      cache.wrap('k', 500, compute),
      cache.wrap('k', 500, compute),
    ]);
    release();
    expect(await all).toEqual(['v', 'v', 'v']);
    expect(computed).toBe(1);
  });

  it('wrap does not cache a failed computation', async () => {
    const { cache } = setup();
    await expect(cache.wrap('f', 500, () => Promise.reject(new Error('upstream down')))).rejects.toThrow(
      'upstream down',
    );
    expect(await cache.wrap('f', 500, async () => 'ok')).toBe('ok');
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

  it('reports the memory-only cache as up', async () => {
    const { cache } = setup();
    expect(await cache.health()).toEqual({ status: 'up', latencyMs: 0 });
    await cache.close();
  });

  it('rejects empty keys and invalid TTLs', async () => {
    const { cache } = setup();
    await expect(cache.get('')).rejects.toThrow(TypeError);
    await expect(cache.set('k', 1, 0)).rejects.toThrow(RangeError);
    await expect(cache.set('k', 1, 1.5)).rejects.toThrow(RangeError);
    await expect(cache.wrap('k', -1, async () => 1)).rejects.toThrow(RangeError);
  });
});
