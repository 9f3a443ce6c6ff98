/** Health of one dependency (Redis, NATS, MQTT broker, ...) as `/health/detailed` shows it. */
export interface DependencyHealth {
  readonly status: 'up' | 'down';
  /** Round-trip time of the probe in milliseconds (time until failure when down). */
  readonly latencyMs: number;
  /** Why the dependency is down. */
  readonly error?: string;
}

/**
 * Runs `check` with a deadline and reports `up` with its latency, or `down` with the reason.
 *
 * @example
 * const health = await probeDependency(() => redis.ping(), { timeoutMs: 1000 });
 */
export async function probeDependency(
  check: () => Promise<unknown>,
  options: { timeoutMs?: number } = {},
): Promise<DependencyHealth> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', latencyMs: performance.now() - start };
  } catch (error) {
    return { status: 'down', latencyMs: performance.now() - start, error: (error as Error).message ?? String(error) };
  } finally {
    clearTimeout(timer);
  }
}
