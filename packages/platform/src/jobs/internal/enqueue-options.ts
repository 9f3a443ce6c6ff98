import type { EnqueueOptions } from '../../ports.js';
import type { ResolvedEnqueueOptions } from '../worker-job-queue.js';

function int(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/** Checks a job name and enqueue options; throws `RangeError` for invalid values. */
export function resolveEnqueueOptions(name: string, options: EnqueueOptions = {}): ResolvedEnqueueOptions {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
    throw new RangeError('job name must be a non-empty string of at most 200 characters');
  }
  const key = options.idempotencyKey;
  if (key !== undefined && (typeof key !== 'string' || key.length === 0 || key.length > 500)) {
    throw new RangeError('idempotencyKey must be a non-empty string of at most 500 characters');
  }
  return {
    attempts: int('attempts', options.attempts ?? 3, 1, 100),
    backoffMs: int('backoffMs', options.backoffMs ?? 1000, 0, 86_400_000),
    delayMs: int('delayMs', options.delayMs ?? 0, 0, 365 * 86_400_000),
    ...(key === undefined ? {} : { idempotencyKey: key }),
  };
}

/** Delay before the attempt after `attempt` failed ones: `backoffMs * 2^(attempt - 1)`, capped. */
export function backoffDelayMs(backoffMs: number, attempt: number, maxMs: number): number {
  return Math.min(backoffMs * 2 ** Math.max(0, attempt - 1), maxMs);
}

/** Serialises a payload or result; `undefined` becomes `null`. Throws `TypeError` for values JSON cannot hold. */
export function toJson(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value ?? null);
  } catch (error) {
    throw new TypeError(`${what} is not JSON-serialisable: ${(error as Error).message}`);
  }
  if (text === undefined) throw new TypeError(`${what} is not JSON-serialisable`);
  return text;
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
