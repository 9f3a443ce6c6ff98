import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Registry } from 'prom-client';
import type { Config } from '../config/config.js';
import type { Cache, Clock, Logger } from '../ports.js';
import { type DependencyHealth, probeDependency } from '../resilience/dependency-health.js';
import { registeredCounter } from '../resilience/internal/registered-metric.js';

export interface CreateCacheOptions {
  /** `cache.maxEntries` bounds the in-process level; `redisUrl` turns on the Redis second level. */
  readonly config: Pick<Config, 'redisUrl' | 'cache'>;
  /** Registry for `cache_hits_total{level}`, `cache_misses_total` and `cache_errors_total`. */
  readonly metrics: Registry;
  /** An existing Redis client for the second level (the caller closes it); otherwise one is made from `redisUrl`. */
  readonly redis?: Redis;
  readonly log?: Logger;
  /** Prefix of every Redis key (default `qx:cache:`). */
  readonly keyPrefix?: string;
  /** TTL of `set` without one (default 60 000 ms). */
  readonly defaultTtlMs?: number;
  /** Time source of the in-process TTL (tests pass a fake clock). */
  readonly clock?: Clock;
}

/** The platform cache: the `Cache` port plus lifecycle and health. */
export interface PlatformCache extends Cache {
  /** `['memory']` or `['memory', 'redis']`. */
  readonly levels: readonly ('memory' | 'redis')[];
  /** Health of the Redis level (`up` with 0 ms when there is none). */
  health(): Promise<DependencyHealth>;
  /** Empties the in-process level and closes the Redis connections this cache opened. */
  close(): Promise<void>;
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError('cache key must be a non-empty string');
}

function checkTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0)
    throw new RangeError(`cache TTL must be a positive integer, got ${ttlMs}`);
}

/**
 * Two-level cache: an in-process LRU with TTL (lru-cache) in front of Redis when `config.redisUrl` is set (or a
 * client is passed). Values are stored as JSON on both levels, so a read returns a JSON copy whatever the level:
 * values must be JSON-serialisable, and `Date`s come back as strings. Redis keys carry a TTL (`SET ... PX`); a
 * `set` or `delete` on one instance evicts the key from the in-process level of every other instance through
 * Redis pub/sub. When Redis fails or is reconnecting, the cache keeps answering from the in-process level at once
 * and counts `cache_errors_total`.
 *
 * @example
 * const cache = createCache({ config, metrics: registry });
 * const forecast = await cache.wrap(`restock:forecast:${sku}`, 300_000, () => computeForecast(sku));
 */
export function createCache(options: CreateCacheOptions): PlatformCache {
  const { config, metrics, log } = options;
  const prefix = options.keyPrefix ?? 'qx:cache:';
  const defaultTtlMs = options.defaultTtlMs ?? 60_000;
  checkTtl(defaultTtlMs);
  const instanceId = randomUUID();
  const clock = options.clock;

  const memory = new LRUCache<string, string>({
    max: config.cache.maxEntries,
    ttl: defaultTtlMs,
    ...(clock ? { perf: { now: () => clock.now().getTime() }, ttlResolution: 0 } : {}),
  });
  const hits = registeredCounter(metrics, {
    name: 'cache_hits_total',
    help: 'Cache reads answered, by level (memory, redis)',
    labelNames: ['level'],
  });
  const misses = registeredCounter(metrics, { name: 'cache_misses_total', help: 'Cache reads not answered' });
  const errors = registeredCounter(metrics, {
    name: 'cache_errors_total',
    help: 'Failed Redis operations of the cache (the in-process level kept serving)',
    labelNames: ['operation'],
  });

  const ownsRedis = options.redis === undefined && config.redisUrl !== undefined;
  const redis: Redis | undefined =
    options.redis ??
    (config.redisUrl === undefined
      ? undefined
      : new Redis(config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 2000 }));
  const channel = `${prefix}__invalidate`;
  let subscriber: Redis | undefined;
  if (redis) {
    if (ownsRedis) redis.on('error', (error) => log?.debug({ err: error }, 'cache redis connection error'));
    subscriber = redis.duplicate({ maxRetriesPerRequest: null });
    subscriber.on('error', (error) => log?.debug({ err: error }, 'cache redis subscriber error'));
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        const { origin, key } = JSON.parse(message) as { origin: string; key: string };
        if (origin !== instanceId) memory.delete(key);
      } catch {
        // not ours
      }
    });
    subscriber.subscribe(channel).catch((error: unknown) => {
      errors.inc({ operation: 'subscribe' });
      log?.warn({ err: error }, 'cache cannot subscribe to invalidations; other instances may serve stale values');
    });
  }

  const failed = (operation: string, error: unknown) => {
    errors.inc({ operation });
    log?.warn({ err: error, operation }, 'cache redis operation failed; serving from memory');
  };

  // while Redis is (re)connecting the cache answers from memory at once instead of queueing commands
  const redisReady = (): Redis | undefined => {
    if (!redis) return undefined;
    if (redis.status === 'ready') return redis;
    errors.inc({ operation: 'unavailable' });
    return undefined;
  };

  const invalidateOthers = async (key: string) => {
    await redis!.publish(channel, JSON.stringify({ origin: instanceId, key }));
  };

  const inflight = new Map<string, Promise<string>>();

  const cache: PlatformCache = {
    levels: redis ? ['memory', 'redis'] : ['memory'],

    async get<T>(key: string): Promise<T | undefined> {
      checkKey(key);
      const local = memory.get(key);
      if (local !== undefined) {
        hits.inc({ level: 'memory' });
        return JSON.parse(local) as T;
      }
      if (redis) {
        try {
          const replies = await redis
            .multi()
            .get(prefix + key)
            .pttl(prefix + key)
            .exec();
          const raw = replies?.[0]?.[1] as string | null | undefined;
          const pttl = replies?.[1]?.[1] as number | undefined;
          if (typeof raw === 'string') {
            const value = JSON.parse(raw) as T;
            memory.set(key, raw, { ttl: pttl !== undefined && pttl > 0 ? Math.min(pttl, defaultTtlMs) : defaultTtlMs });
            hits.inc({ level: 'redis' });
            return value;
          }
        } catch (error) {
          failed('get', error);
        }
      }
      misses.inc();
      return undefined;
    },

    async set<T>(key: string, value: T, ttlMs = defaultTtlMs): Promise<void> {
      checkKey(key);
      checkTtl(ttlMs);
      const raw = JSON.stringify(value);
      if (raw === undefined) throw new TypeError(`cache value for ${key} is not JSON-serialisable`);
      memory.set(key, raw, { ttl: ttlMs });
      const second = redisReady();
      if (second) {
        try {
          await second.set(prefix + key, raw, 'PX', ttlMs);
          await invalidateOthers(key);
        } catch (error) {
          failed('set', error);
        }
      }
    },

    async delete(key: string): Promise<void> {
      checkKey(key);
      memory.delete(key);
      const second = redisReady();
      if (second) {
        try {
          await second.del(prefix + key);
          await invalidateOthers(key);
        } catch (error) {
          failed('delete', error);
        }
      }
    },

    async wrap<T>(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
      checkTtl(ttlMs);
      const cached = await cache.get<T>(key);
      if (cached !== undefined) return cached;
      let running = inflight.get(key);
      if (!running) {
        running = (async () => {
          const value = await compute();
          await cache.set(key, value, ttlMs);
          return JSON.stringify(value);
        })();
        inflight.set(key, running);
        running.then(
          () => inflight.delete(key),
          () => inflight.delete(key),
        );
      }
      return JSON.parse(await running) as T;
    },

    async health(): Promise<DependencyHealth> {
      if (!redis) return { status: 'up', latencyMs: 0 };
      return probeDependency(() => redis.ping());
    },

    async close(): Promise<void> {
      memory.clear();
      if (subscriber) {
        subscriber.disconnect();
        subscriber = undefined;
      }
      if (redis && ownsRedis) {
        try {
          await redis.quit();
        } catch {
          redis.disconnect();
        }
      }
    },
  };
  return cache;
}
