import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST DOUBLE at the external boundary: a local HTTP server on 127.0.0.1 that speaks the wire formats of the three
 * LLM provider APIs (OpenAI-compatible chat completions, Anthropic Messages, Gemini generateContent) with scripted
 * replies. It stands in for the vendors' servers in the gateway's tests; no production code uses it.
 */

export type FakeProviderKind = 'openai' | 'anthropic' | 'gemini';

/** A scripted reply. `content` is the model's text, wrapped in the provider's success format. */
export type FakeReply =
  | {
      readonly content: string;
      readonly inputTokens?: number;
      readonly outputTokens?: number;
      readonly finishReason?: string;
      readonly delayMs?: number;
    }
  | {
      /** An HTTP error with the provider's error body. */
      readonly status: number;
      readonly message?: string;
      /** Gemini only: a `google.rpc.RetryInfo` detail (`"0.1s"`) in the error body. */
      readonly retryDelay?: string;
      readonly headers?: Readonly<Record<string, string>>;
      readonly delayMs?: number;
    }
  | { readonly raw: string; readonly status?: number; readonly delayMs?: number };

export interface RecordedRequest {
  readonly slot: string;
  readonly kind: FakeProviderKind;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  // biome-ignore lint/suspicious/noExplicitAny: wire bodies are inspected freely in tests
  readonly body: any;
  /** `performance.now()` when the request arrived. */
  readonly at: number;
}

export interface FakeProviderServer {
  readonly url: string;
  /** Base URL to configure for a provider of `kind`; `slot` separates several providers of one kind. */
  baseUrlFor(kind: FakeProviderKind, slot?: string): string;
  /** Replies served in order to the slot's next requests; afterwards the fallback. */
  enqueue(slot: string, ...replies: FakeReply[]): void;
  /** The reply once the queue is empty (default: HTTP 500). */
  setFallback(slot: string, reply: FakeReply): void;
  requests(slot?: string): RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

function errorBody(kind: FakeProviderKind, status: number, message: string, retryDelay?: string): unknown {
  switch (kind) {
    case 'openai':
      return { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } };
    case 'anthropic':
      return { type: 'error', error: { type: status === 429 ? 'rate_limit_error' : 'api_error', message } };
    default:
      return {
        error: {
          code: status,
          message,
          status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL',
          ...(retryDelay ? { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] } : {}),
        },
      };
  }
}

// biome-ignore lint/suspicious/noExplicitAny: request bodies are untyped JSON
function successBody(kind: FakeProviderKind, request: any, reply: Extract<FakeReply, { content: string }>): unknown {
  const inputTokens = reply.inputTokens ?? 100;
  const outputTokens = reply.outputTokens ?? 20;
  switch (kind) {
    case 'openai':
      return {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        model: request.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: reply.content },
            finish_reason: reply.finishReason ?? 'stop',
          },
        ],
        usage: {
          prompt_tokens: inputTokens,
          completion_tokens: outputTokens,
          total_tokens: inputTokens + outputTokens,
        },
      };
    case 'anthropic': {
      let block: unknown = { type: 'text', text: reply.content };
      if (request.tool_choice?.type === 'tool') {
        try {
          const input = JSON.parse(reply.content);
          if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
            block = { type: 'tool_use', id: 'toolu_fake', name: request.tool_choice.name, input };
          }
        } catch {
          // a non-JSON reply stays a text block
        }
      }
      return {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model: request.model,
        content: [block],
        stop_reason: reply.finishReason ?? ((block as { type: string }).type === 'tool_use' ? 'tool_use' : 'end_turn'),
        usage: { input_tokens: inputTokens, output_tokens: outputTokens },
      };
    }
    default:
      return {
        candidates: [
          {
            content: { role: 'model', parts: [{ text: reply.content }] },
            finishReason: reply.finishReason ?? 'STOP',
          },
        ],
        usageMetadata: {
          promptTokenCount: inputTokens,
          candidatesTokenCount: outputTokens,
          totalTokenCount: inputTokens + outputTokens,
        },
      };
  }
}

/** What the real APIs reject with 400 (missing fields), so malformed requests fail here too. */
// biome-ignore lint/suspicious/noExplicitAny: request bodies are untyped JSON
function requestProblem(kind: FakeProviderKind, headers: IncomingMessage['headers'], body: any): string | undefined {
  if (typeof body !== 'object' || body === null) return 'body must be a JSON object';
  switch (kind) {
    case 'openai':
      if (typeof body.model !== 'string') return 'model is required';
      if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages is required';
      return undefined;
    case 'anthropic':
      if (headers['anthropic-version'] === undefined) return 'anthropic-version header is required';
      if (typeof body.model !== 'string') return 'model: Field required';
      if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
      if (!Array.isArray(body.messages) || body.messages[0]?.role !== 'user') return 'messages: first must be user';
      return undefined;
    default:
      if (!Array.isArray(body.contents) || body.contents.length === 0) return 'contents is required';
      return undefined;
  }
}

function route(path: string): { slot: string; kind: FakeProviderKind } | undefined {
  const match = /^\/([a-z0-9_-]+)\/(.+)$/.exec(path);
  if (!match) return undefined;
  const [, slot, rest] = match as unknown as [string, string, string];
  if (rest === 'v1/chat/completions') return { slot, kind: 'openai' };
  if (rest === 'v1/messages') return { slot, kind: 'anthropic' };
  if (/^v1beta\/models\/[^/]+:generateContent$/.test(rest)) return { slot, kind: 'gemini' };
  return undefined;
}

/** Starts the test double on an ephemeral port of 127.0.0.1. */
export async function startFakeProviderServer(): Promise<FakeProviderServer> {
  const queues = new Map<string, FakeReply[]>();
  const fallbacks = new Map<string, FakeReply>();
  let recorded: RecordedRequest[] = [];

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const target = req.method === 'POST' ? route(path) : undefined;
      if (!target) {
        send(res, 404, { error: { message: `no route ${req.method} ${path}` } });
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        send(res, 400, errorBody(target.kind, 400, 'body is not JSON'));
        return;
      }
      recorded.push({ ...target, path, headers: req.headers, body, at });
      const problem = requestProblem(target.kind, req.headers, body);
      if (problem) {
        send(res, 400, errorBody(target.kind, 400, problem));
        return;
      }
      const reply = queues.get(target.slot)?.shift() ??
        fallbacks.get(target.slot) ?? { status: 500, message: 'no scripted reply' };
      const respond = () => {
        if ('raw' in reply) send(res, reply.status ?? 200, reply.raw);
        else if ('content' in reply) send(res, 200, successBody(target.kind, body, reply));
        else
          send(
            res,
            reply.status,
            errorBody(target.kind, reply.status, reply.message ?? `HTTP ${reply.status}`, reply.retryDelay),
            reply.headers ? { ...reply.headers } : {},
          );
      };
      if (reply.delayMs) {
        const timer = setTimeout(respond, reply.delayMs);
        res.on('close', () => clearTimeout(timer));
      } else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrlFor(kind, slot = kind) {
      return kind === 'openai' ? `${url}/${slot}/v1` : `${url}/${slot}`;
    },
    enqueue(slot, ...replies) {
      queues.set(slot, [...(queues.get(slot) ?? []), ...replies]);
    },
    setFallback(slot, reply) {
      fallbacks.set(slot, reply);
    },
    requests(slot) {
      return slot === undefined ? [...recorded] : recorded.filter((r) => r.slot === slot);
    },
    reset() {
      queues.clear();
      fallbacks.clear();
      recorded = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
