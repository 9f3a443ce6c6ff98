import websocket from '@fastify/websocket';
import {
  type CredentialHeaders,
  hasPermission,
  isAppError,
  type ModuleContext,
  type Principal,
} from '@quintessence/platform';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { scentAlertTopic, scentReadingsTopic } from '../service/scent-service.js';
import { scentIdSchema } from '../service/schemas.js';

/** The event-bus topic the scent agents publish their updates on (forwarded as `agent_updates`). */
export const scentAgentUpdatesTopic = 'scent.agents.updates';

export const monitoringChannels = ['quality_alerts', 'sensor_readings', 'agent_updates'] as const;
export type MonitoringChannel = (typeof monitoringChannels)[number];

/** The permission a monitoring client needs (checked on its auth message). */
export const monitoringPermission = 'scent:read';

/** Close codes: 4401 authentication failed or missing, 4403 the principal lacks `scent:read`. */
export const monitoringCloseCodes = { unauthorized: 4401, forbidden: 4403 } as const;

const channel = z.enum(monitoringChannels);
/** Messages a client sends; the first must be `auth`. */
export const monitoringClientMessageSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('auth'),
      api_key: z.string().min(1).max(512).optional(),
      token: z.string().min(1).max(8192).optional().describe('a bearer JWT from POST /auth/login'),
    })
    .strict()
    .refine((m) => (m.api_key === undefined) !== (m.token === undefined), {
      message: 'send exactly one of api_key or token',
    }),
  z
    .object({
      type: z.literal('subscribe'),
      channels: z.array(channel).min(1).max(monitoringChannels.length),
      line_ids: z.array(scentIdSchema).min(1).max(50).optional().describe('only these lines (default: all lines)'),
    })
    .strict(),
  z.object({ type: z.literal('unsubscribe'), channels: z.array(channel).min(1) }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type MonitoringClientMessage = z.infer<typeof monitoringClientMessageSchema>;

export interface WsMonitoringOptions {
  readonly ctx: ModuleContext;
  /** A client that has not authenticated within this time is closed (default 10 000 ms). */
  readonly authTimeoutMs?: number;
  /** Events are dropped for a client whose unsent data exceeds this many bytes (default 1 MiB). */
  readonly maxBufferedBytes?: number;
  /**
   * The credentials are checked again on this interval (default 60 000 ms): a revoked API key, an expired token or a
   * lost permission closes the connection (4401 / 4403).
   */
  readonly recheckMs?: number;
}

function topicsFor(ch: MonitoringChannel, lineIds: readonly string[] | undefined): string[] {
  switch (ch) {
    case 'quality_alerts':
      return lineIds ? lineIds.map(scentAlertTopic) : ['scent.alerts.*'];
    case 'sensor_readings':
      return lineIds ? lineIds.map(scentReadingsTopic) : ['scent.readings.*'];
    case 'agent_updates':
      return [scentAgentUpdatesTopic];
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}

/**
 * `WS /ws/monitoring`: live quality alerts (`scent.alerts.<line>`), per-call reading summaries
 * (`scent.readings.<line>`) and agent updates (`scent.agents.updates`) from the event bus.
 *
 * Protocol (JSON text frames): the first message must be `{"type":"auth","api_key":"..."}` or
 * `{"type":"auth","token":"<JWT>"}`, verified by the platform's authenticator; the principal needs `scent:read`.
 * Anything else first, bad credentials or no auth within `authTimeoutMs` -> an `error` message and close 4401
 * (4403 without the permission). Then `{"type":"subscribe","channels":["quality_alerts",...],"line_ids":[...]}`
 * -> `subscribed`; events arrive as `{"type":"event","channel","topic","data"}`; `unsubscribe` and `ping` -> `pong`.
 * A malformed message after authentication gets an `error` message and the connection stays open.
 * The credentials are checked again every `recheckMs`: a revoked key or expired token ends the stream.
 *
 * The HTTP upgrade itself is public (browsers cannot set headers on a WebSocket); authentication is in-band.
 */
export const wsMonitoring: FastifyPluginAsync<WsMonitoringOptions> = async (fastify, options) => {
  const { ctx } = options;
  const authTimeoutMs = options.authTimeoutMs ?? 10_000;
  const maxBuffered = options.maxBufferedBytes ?? 1 << 20;
  const recheckMs = options.recheckMs ?? 60_000;
  await fastify.register(websocket, { options: { maxPayload: 64 * 1024 } });

  fastify.get(
    '/ws/monitoring',
    {
      websocket: true,
      config: { public: true },
      schema: {
        tags: ['scent'],
        summary:
          'WebSocket: auth message (API key or JWT, needs scent:read), then subscribe to quality_alerts, sensor_readings, agent_updates',
      },
    },
    (socket: WebSocket, request) => {
      const log = request.log;
      let principal: Principal | null = null;
      let authenticating = false;
      let dropped = 0;
      let recheck: ReturnType<typeof setInterval> | undefined;
      /** channel -> unsubscribe functions of its topics */
      const subscriptions = new Map<MonitoringChannel, Array<() => void>>();

      const send = (message: Record<string, unknown>): void => {
        if (socket.readyState !== socket.OPEN) return;
        socket.send(JSON.stringify(message));
      };
      const fail = (code: string, message: string, close?: number): void => {
        send({ type: 'error', code, message });
        if (close !== undefined) socket.close(close, code);
      };
      const unsubscribe = (ch: MonitoringChannel): void => {
        for (const off of subscriptions.get(ch) ?? []) off();
        subscriptions.delete(ch);
      };

      const timer = setTimeout(() => {
        if (!principal)
          fail('UNAUTHORIZED', `No auth message within ${authTimeoutMs} ms`, monitoringCloseCodes.unauthorized);
      }, authTimeoutMs);
      socket.on('close', () => {
        clearTimeout(timer);
        clearInterval(recheck);
        for (const ch of [...subscriptions.keys()]) unsubscribe(ch);
      });

      /** The principal the credentials stand for now, or an error message and close code. */
      const check = async (
        credentials: CredentialHeaders,
      ): Promise<{ who: Principal } | { code: string; message: string; close: number }> => {
        let who: Principal | null;
        try {
          who = await ctx.authenticator.authenticate(credentials);
        } catch (error) {
          if (!isAppError(error)) log.error({ err: error }, 'ws monitoring: authentication failed');
          const message = isAppError(error) ? error.message : 'Authentication failed';
          return { code: 'UNAUTHORIZED', message, close: monitoringCloseCodes.unauthorized };
        }
        if (!who)
          return { code: 'UNAUTHORIZED', message: 'Invalid credentials', close: monitoringCloseCodes.unauthorized };
        if (!hasPermission(who, monitoringPermission)) {
          return {
            code: 'FORBIDDEN',
            message: `Permission "${monitoringPermission}" is required`,
            close: monitoringCloseCodes.forbidden,
          };
        }
        return { who };
      };

      const authenticate = async (m: Extract<MonitoringClientMessage, { type: 'auth' }>): Promise<void> => {
        authenticating = true;
        const credentials: CredentialHeaders =
          m.api_key !== undefined ? { 'x-api-key': m.api_key } : { authorization: `Bearer ${m.token}` };
        const r = await check(credentials).finally(() => {
          authenticating = false;
        });
        if (!('who' in r)) return fail(r.code, r.message, r.close);
        clearTimeout(timer);
        principal = r.who;
        send({ type: 'authenticated', principal: { kind: r.who.kind, name: r.who.name, roles: r.who.roles } });
        recheck = setInterval(() => {
          void check(credentials).then((again) => {
            if (!('who' in again)) fail(again.code, again.message, again.close);
          });
        }, recheckMs);
      };

      const subscribe = (m: Extract<MonitoringClientMessage, { type: 'subscribe' }>): void => {
        const lineIds = m.line_ids ? [...new Set(m.line_ids)] : undefined;
        const topics: string[] = [];
        for (const ch of new Set(m.channels)) {
          unsubscribe(ch);
          const chTopics = [...new Set(topicsFor(ch, lineIds))];
          topics.push(...chTopics);
          subscriptions.set(
            ch,
            chTopics.map((topic) =>
              ctx.events.subscribe<unknown>(topic, (data, actualTopic) => {
                if (socket.readyState !== socket.OPEN) return;
                if (socket.bufferedAmount > maxBuffered) {
                  dropped++;
                  return;
                }
                send({ type: 'event', channel: ch, topic: actualTopic, data, ...(dropped > 0 ? { dropped } : {}) });
                dropped = 0;
              }),
            ),
          );
        }
        send({ type: 'subscribed', channels: [...subscriptions.keys()], line_ids: m.line_ids ?? null, topics });
      };

      socket.on('message', (raw, isBinary) => {
        let parsed: unknown;
        try {
          if (isBinary) throw new Error('binary frame');
          parsed = JSON.parse(raw.toString());
        } catch {
          return fail(
            'VALIDATION_ERROR',
            'Messages are JSON text frames',
            principal ? undefined : monitoringCloseCodes.unauthorized,
          );
        }
        const r = monitoringClientMessageSchema.safeParse(parsed);
        if (!principal) {
          if (authenticating) return fail('VALIDATION_ERROR', 'Wait for the authentication result');
          if (!r.success || r.data.type !== 'auth') {
            return fail(
              'UNAUTHORIZED',
              r.success
                ? `The first message must be {"type":"auth", "api_key" or "token"}; got "${r.data.type}"`
                : `The first message must be an auth message: ${describeIssues(r.error)}`,
              monitoringCloseCodes.unauthorized,
            );
          }
          void authenticate(r.data);
          return;
        }
        if (!r.success) return fail('VALIDATION_ERROR', describeIssues(r.error));
        switch (r.data.type) {
          case 'auth':
            return fail('VALIDATION_ERROR', 'Already authenticated');
          case 'subscribe':
            return subscribe(r.data);
          case 'unsubscribe':
            for (const ch of r.data.channels) unsubscribe(ch);
            return send({ type: 'unsubscribed', channels: r.data.channels });
          case 'ping':
            return send({ type: 'pong' });
        }
      });
    },
  );
};
