import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformCache } from '../create-cache.js';

export interface CachePair {
  /** Writes go here... */
  readonly writer: PlatformCache;
  /** ...reads here: the same instance for the in-process cache, a second instance sharing Redis otherwise. */
  readonly reader: PlatformCache;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let counter = 0;
/** A key no other test (or earlier run on a shared Redis) used. */
function fresh(name: string): string {
  counter += 1;
  return `${name}-${Date.now()}-${counter}`;
}

/** The behaviour every cache configuration shares (in-process only, and with the Redis second level). */
export function describeCacheConformance(label: string, make: () => CachePair | Promise<CachePair>): void {
  describe(`${label}: cache conformance`, () => {
    const opened: CachePair[] = [];
    const open = async () => {
      const pair = await make();
      opened.push(pair);
      return pair;
    };
    afterEach(async () => {
      for (const { writer, reader } of opened.splice(0)) {
        await writer.close();
        if (reader !== writer) await reader.close();
      }
    });

    it('returns what was set and undefined for unknown keys', async () => {
      const { writer, reader } = await open();
      const key = fresh('value');
      await writer.set(key, { n: 1, list: [1, 2], nested: { ok: true } });
      expect(await reader.get(key)).toEqual({ n: 1, list: [1, 2], nested: { ok: true } });
      expect(await reader.get(fresh('unknown'))).toBeUndefined();
    });

    it('caches null but refuses undefined', async () => {
      const { writer, reader } = await open();
      const key = fresh('null');
      await writer.set(key, null);
      expect(await reader.get(key)).toBeNull();
      await expect(writer.set(fresh('undefined'), undefined)).rejects.toThrow(TypeError);
    });

    it('returns JSON copies', async () => {
      const { writer, reader } = await open();
      const key = fresh('copy');
      const value = { items: [1], at: new Date('2026-11-23T12:00:00Z') };
      await writer.set(key, value);
      value.items.push(2);
      const read = await reader.get<{ items: number[]; at: string }>(key);
      expect(read).toEqual({ items: [1], at: '2026-11-23T12:00:00.000Z' });
      read!.items.push(3);
      expect(await reader.get(key)).toEqual({ items: [1], at: '2026-11-23T12:00:00.000Z' });
    });

    it('forgets deleted keys', async () => {
      const { writer, reader } = await open();
      const key = fresh('delete');
      await writer.set(key, 1);
      await writer.delete(key);
      expect(await reader.get(key)).toBeUndefined();
    });

    it('expires entries after their TTL', async () => {
      const { writer, reader } = await open();
      const key = fresh('ttl');
      await writer.set(key, 'short-lived', 60);
      expect(await reader.get(key)).toBe('short-lived');
      await sleep(120);
      expect(await reader.get(key)).toBeUndefined();
    });

    it('wrap computes once and serves the stored value afterwards', async () => {
      const { writer, reader } = await open();
      const key = fresh('wrap');
      let computed = 0;
      const compute = async () => {
        computed += 1;
        return { run: computed };
      };
      expect(await writer.wrap(key, 10_000, compute)).toEqual({ run: 1 });
      expect(await reader.wrap(key, 10_000, compute)).toEqual({ run: 1 });
      expect(computed).toBe(1);
    });

    it('wrap runs one computation for concurrent callers of one instance', async () => {
      const { writer } = await open();
      const key = fresh('flight');
      let computed = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const compute = async () => {
        computed += 1;
        await gate;
        return 'v';
      };
      const all = Promise.all([writer.wrap(key, 500, compute), writer.wrap(key, 500, compute)]);
      release();
      expect(await all).toEqual(['v', 'v']);
      expect(computed).toBe(1);
    });

    it('wrap does not store a failed computation', async () => {
      const { writer, reader } = await open();
      const key = fresh('fail');
      await expect(writer.wrap(key, 500, () => Promise.reject(new Error('upstream down')))).rejects.toThrow(
        'upstream down',
      );
      expect(await reader.wrap(key, 500, async () => 'ok')).toBe('ok');
    });

    it('rejects empty keys and invalid TTLs', async () => {
      const { writer } = await open();
      await expect(writer.get('')).rejects.toThrow(TypeError);
      await expect(writer.set('k', 1, 0)).rejects.toThrow(RangeError);
      await expect(writer.set('k', 1, 1.5)).rejects.toThrow(RangeError);
      await expect(writer.wrap('k', -1, async () => 1)).rejects.toThrow(RangeError);
    });

    it('reports itself up', async () => {
      const { writer } = await open();
      expect((await writer.health()).status).toBe('up');
    });
  });
}
