import { ProviderError } from '../providers/provider-error.js';
import type { WireRequest } from '../providers/wire-format.js';

export interface PostJsonOptions {
  readonly fetch: typeof fetch;
  readonly request: WireRequest;
  readonly signal: AbortSignal;
  readonly maxResponseBytes: number;
  /** For `Retry-After: <HTTP-date>`. */
  readonly now: () => Date;
  /** Reads the provider's message out of an error body. */
  readonly errorMessage: (body: unknown) => string | undefined;
  /** Reads a retry delay out of an error body (used when no `Retry-After` header came). */
  readonly retryDelayMs?: (body: unknown) => number | undefined;
}

/** Milliseconds to wait from `retry-after-ms` (OpenAI), `Retry-After: <seconds>` or `Retry-After: <HTTP-date>`. */
export function parseRetryAfter(headers: Headers, now: Date): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new ProviderError('too_large', `response of ${declared} bytes exceeds the limit of ${maxBytes}`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ProviderError('too_large', `response exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * POSTs a JSON body and returns the parsed JSON reply. Throws {@link ProviderError}: `rate_limited` on 429, `http`
 * (retryable on 5xx, 408 and 409) on other statuses, `network` when the connection fails, `too_large` above the size
 * limit, `bad_response` when the body is not JSON. Aborts (timeouts) propagate as the signal's reason.
 */
export async function postJson(options: PostJsonOptions): Promise<unknown> {
  const { request } = options;
  let response: Response;
  try {
    response = await options.fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: JSON.stringify(request.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason ?? error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ProviderError(
      'network',
      `cannot reach ${new URL(request.url).host}: ${cause?.code ?? (error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const text = await readLimited(response, options.maxResponseBytes);
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const status = response.status;
    const detail = options.errorMessage(body) ?? text.slice(0, 200);
    const message = `HTTP ${status}${detail ? `: ${detail.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`;
    const retryAfterMs = parseRetryAfter(response.headers, options.now()) ?? options.retryDelayMs?.(body);
    if (status === 429) {
      throw new ProviderError('rate_limited', message, {
        status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    const retryable = status >= 500 || status === 408 || status === 409;
    throw new ProviderError('http', message, {
      status,
      retryable,
      ...(retryable && retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (body === undefined) throw new ProviderError('bad_response', 'the reply body is not JSON');
  return body;
}
