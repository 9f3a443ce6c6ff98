/** What one dependency answered. */
export interface DependencyHealth {
  readonly name: string;
  readonly status: 'up' | 'down' | 'degraded';
  /** Round-trip time of the check in milliseconds. */
  readonly latency_ms: number;
  /** A required dependency that is down makes the server not ready. */
  readonly required: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly error?: string;
}

/** A dependency check: resolves with optional details when the dependency answers, throws (or times out) otherwise. */
export interface HealthCheck {
  readonly name: string;
  readonly required: boolean;
  check(): Promise<{ status?: 'up' | 'degraded'; details?: Record<string, unknown> } | undefined>;
}

export interface HealthReport {
  readonly status: 'up' | 'down' | 'degraded';
  readonly dependencies: readonly DependencyHealth[];
}

/** Runs every check in parallel, each bounded by `timeoutMs` (default 2000). */
export async function checkHealth(checks: readonly HealthCheck[], timeoutMs = 2000): Promise<HealthReport> {
  const dependencies = await Promise.all(
    checks.map(async (c): Promise<DependencyHealth> => {
      const start = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        });
        const result = await Promise.race([c.check(), timeout]);
        return {
          name: c.name,
          status: result?.status ?? 'up',
          latency_ms: round(performance.now() - start),
          required: c.required,
          ...(result?.details ? { details: result.details } : {}),
        };
      } catch (error) {
        return {
          name: c.name,
          status: 'down',
          latency_ms: round(performance.now() - start),
          required: c.required,
          error: (error as Error)?.message ?? String(error),
        };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const requiredDown = dependencies.some((d) => d.required && d.status === 'down');
  const anyNotUp = dependencies.some((d) => d.status !== 'up');
  return { status: requiredDown ? 'down' : anyNotUp ? 'degraded' : 'up', dependencies };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
