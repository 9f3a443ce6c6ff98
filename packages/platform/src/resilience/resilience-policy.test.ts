import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { BreakerRegistry, breakerRegistry } from './breaker-registry.js';
import { createResiliencePolicy, type ResiliencePolicyOptions } from './resilience-policy.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup(overrides: Partial<ResiliencePolicyOptions> = {}) {
  const metrics = new Registry();
  const breakers = new BreakerRegistry();
  const policy = createResiliencePolicy({
    name: 'test.dep',
    retries: 2,
    timeoutMs: 200,
    backoff: { initialDelayMs: 1, maxDelayMs: 4 },
    breaker: { threshold: 3, halfOpenAfterMs: 60 },
    metrics,
    breakers,
    ...overrides,
  });
  const gauge = async () => {
    const metric = await metrics.getSingleMetric('circuit_breaker_state')!.get();
    return metric.values.find((v) => v.labels.name === 'test.dep')?.value;
  };
  const calls = async (outcome: string) => {
    const metric = await metrics.getSingleMetric('resilience_calls_total')!.get();
    return metric.values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
  };
  return { policy, metrics, breakers, gauge, calls };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createResiliencePolicy', () => {
  it('retries transient failures and returns the first success', async () => {
    const { policy, calls } = setup();
    let attempts = 0;
    const value = await policy.execute(async () => {
      attempts += 1;
      if (attempts < 3) throw new Error(`transient ${attempts}`);
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(attempts).toBe(3);
    expect(await calls('success')).toBe(1);
  });

  it('gives up after retries + 1 attempts and rethrows the last error', async () => {
    const { policy, calls } = setup({ retries: 1 });
    let attempts = 0;
    const error = await rejection(
      policy.execute(async () => {
        attempts += 1;
        throw new Error(`boom ${attempts}`);
      }),
    );
    expect(attempts).toBe(2);
    expect((error as Error).message).toBe('boom 2');
    expect(await calls('failure')).toBe(1);
  });

  it('waits between attempts with growing backoff', async () => {
    const { policy } = setup({
      retries: 3,
      backoff: { initialDelayMs: 15, maxDelayMs: 200 },
      breaker: { threshold: 10 },
    });
    const times: number[] = [];
    await rejection(
      policy.execute(async () => {
        times.push(performance.now());
        throw new Error('down');
      }),
    );
    expect(times).toHaveLength(4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // half jitter: retry n waits between 15 * 2^n / 2 and 15 * 2^n ms (timers may fire ~1 ms early)
    gaps.forEach((gap, n) => {
      expect(gap).toBeGreaterThanOrEqual(Math.floor((15 * 2 ** n) / 2) - 1);
    });
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
  });

  it('times out a slow attempt, aborts its signal and reports UNAVAILABLE/timeout', async () => {
    const { policy, calls } = setup({ retries: 0, timeoutMs: 20 });
    let seen: AbortSignal | undefined;
    const error = await rejection(
      policy.execute((signal) => {
        seen = signal;
        return new Promise<never>(() => {});
      }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNAVAILABLE');
    expect((error as AppError).details).toMatchObject({ reason: 'timeout', breaker: 'test.dep' });
    expect(seen?.aborted).toBe(true);
    expect(await calls('timeout')).toBe(1);
  });

  it('opens the breaker after consecutive failures, refuses calls, then half-opens and closes', async () => {
    const { policy, breakers, gauge, calls } = setup({ retries: 0 });
    expect(await gauge()).toBe(0);
    for (let i = 0; i < 3; i += 1) {
      await rejection(policy.execute(() => Promise.reject(new Error('refused by upstream'))));
    }
    expect(breakers.get('test.dep')).toEqual({ name: 'test.dep', state: 'open', lastFailure: 'refused by upstream' });
    expect(await gauge()).toBe(2);

    let invoked = false;
    const refused = await rejection(
      policy.execute(async () => {
        invoked = true;
      }),
    );
    expect(invoked).toBe(false);
    expect((refused as AppError).details).toMatchObject({ reason: 'circuit_open' });
    expect(await calls('circuit_open')).toBe(1);

    await sleep(80);
    let stateDuringTrial: string | undefined;
    let gaugeDuringTrial: number | undefined;
    await policy.execute(async () => {
      await sleep(1);
      stateDuringTrial = breakers.get('test.dep')?.state;
      gaugeDuringTrial = await gauge();
    });
    expect(stateDuringTrial).toBe('half-open');
    expect(gaugeDuringTrial).toBe(1);
    expect(breakers.get('test.dep')?.state).toBe('closed');
    expect(await gauge()).toBe(0);
  });

  it('does not retry or count errors that isFailure rejects', async () => {
    const { policy, breakers } = setup({
      retries: 3,
      breaker: { threshold: 1 },
      isFailure: (e) => !(e instanceof TypeError),
    });
    let attempts = 0;
    await rejection(
      policy.execute(async () => {
        attempts += 1;
        throw new TypeError('bad request');
      }),
    );
    expect(attempts).toBe(1);
    expect(breakers.get('test.dep')?.state).toBe('closed');
  });

  it('rejects calls beyond the bulkhead limit with UNAVAILABLE/bulkhead_full', async () => {
    const { policy } = setup({ bulkhead: { limit: 1, queue: 0 } });
    let release!: () => void;
    const first = policy.execute(() => new Promise<string>((resolve) => (release = () => resolve('first'))));
    const second = await rejection(policy.execute(async () => 'second'));
    expect((second as AppError).details).toMatchObject({ reason: 'bulkhead_full' });
    release();
    expect(await first).toBe('first');
    expect(await policy.execute(async () => 'third')).toBe('third');
  });

  it('queues calls beyond the limit when the bulkhead has a queue', async () => {
    const { policy } = setup({ bulkhead: { limit: 1, queue: 1 } });
    const order: string[] = [];
    const a = policy.execute(async () => {
      await sleep(10);
      order.push('a');
    });
    const b = policy.execute(async () => {
      order.push('b');
    });
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
  });

  it('passes the caller abort through without retrying', async () => {
    const { policy } = setup({ retries: 3 });
    const controller = new AbortController();
    let attempts = 0;
    const pending = policy.execute(async (signal) => {
      attempts += 1;
      controller.abort();
      await sleep(5);
      if (signal.aborted) throw new Error('aborted by caller');
      return 'late';
    }, controller.signal);
    await rejection(pending);
    expect(attempts).toBe(1);
  });

  it('registers in the process-wide breaker registry by default', () => {
    createResiliencePolicy({ name: 'test.default-registry', metrics: new Registry() });
    expect(breakerRegistry.list().map((b) => b.name)).toContain('test.default-registry');
    breakerRegistry.unregister('test.default-registry');
    expect(breakerRegistry.get('test.default-registry')).toBeUndefined();
  });

  it('rejects invalid options with RangeError', () => {
    expect(() => createResiliencePolicy({ name: 'x', retries: -1 })).toThrow(RangeError);
    expect(() => createResiliencePolicy({ name: 'x', timeoutMs: 0 })).toThrow(RangeError);
    expect(() => createResiliencePolicy({ name: 'x', breaker: { threshold: 0 } })).toThrow(RangeError);
    expect(() => createResiliencePolicy({ name: 'x', bulkhead: { limit: 0 } })).toThrow(RangeError);
    expect(() => createResiliencePolicy({ name: '' })).toThrow(RangeError);
  });
});
