import { randomUUID } from 'node:crypto';
import {
  type ConsumerMessages,
  connect,
  DeliverPolicy,
  Events,
  type JetStreamClient,
  type NatsConnection,
  nanos,
  headers as natsHeaders,
  RetentionPolicy,
  StorageType,
} from 'nats';
import type { Registry } from 'prom-client';
import type { Config } from '../config/config.js';
import type { EventBus, Logger } from '../ports.js';
import type { DependencyHealth } from '../resilience/dependency-health.js';
import { probeDependency } from '../resilience/dependency-health.js';
import { registeredCounter } from '../resilience/internal/registered-metric.js';
import { checkTopicPattern, isValidTopic, topicMatches } from './topic-pattern.js';

export interface CreateEventBusOptions {
  /** With `natsUrl` set, events also travel through NATS JetStream to every other bus on the same stream. */
  readonly config: Pick<Config, 'natsUrl'>;
  readonly log: Logger;
  /** Registry for `events_handler_errors_total` and `events_bridge_errors_total`. */
  readonly metrics?: Registry;
  /** JetStream stream (default `QX_EVENTS`), created when missing. */
  readonly stream?: string;
  /** NATS subject prefix of the topics (default `qx.events`: topic `a.b` is subject `qx.events.a.b`). */
  readonly subjectPrefix?: string;
  /** How long the stream keeps events (default 24 h). */
  readonly maxAgeMs?: number;
  /** How long `publish` waits for the bridge to connect before giving up on the remote copy (default 5 s). */
  readonly publishTimeoutMs?: number;
}

/** The platform event bus: the `EventBus` port plus lifecycle and health. */
export interface PlatformEventBus extends EventBus {
  /** Whether events cross processes through NATS. */
  readonly bridged: boolean;
  /** Resolves when the bridge is connected and consuming (at once without NATS); rejects if setup failed. */
  ready(): Promise<void>;
  /** NATS round trip (`up` with 0 ms when there is no bridge). */
  health(): Promise<DependencyHealth>;
  /** Drops every subscription and closes the NATS connection. */
  close(): Promise<void>;
}

interface Subscription {
  readonly pattern: string;
  readonly handler: (payload: unknown, topic: string) => void | Promise<void>;
}

const originHeader = 'Qx-Origin';

/**
 * Typed in-process event bus with NATS-style wildcard subscriptions (`scent.alerts.*`, `restock.>`). Handlers run
 * for every matching publish and `publish` resolves when they have finished; a failing handler is logged and
 * counted, never thrown at the publisher. Payloads are JSON: each publish delivers one JSON copy to its handlers.
 *
 * With `config.natsUrl` set, a JetStream bridge publishes every event to a stream (subject `<prefix>.<topic>`)
 * and an ordered consumer delivers the events of other processes to local handlers, so events cross processes.
 * Local delivery never depends on NATS: while NATS is unreachable the remote copy is logged and counted as lost.
 *
 * @example
 * const bus = createEventBus({ config, log });
 * const off = bus.subscribe<Alert>('scent.alerts.*', (alert, topic) => notify(alert, topic));
 * await bus.publish('scent.alerts.line1', { level: 'high' });
 * @see https://docs.nats.io/nats-concepts/jetstream
 */
export function createEventBus(options: CreateEventBusOptions): PlatformEventBus {
  const log = options.log.child({ component: 'events' });
  const instanceId = randomUUID();
  const subscriptions = new Set<Subscription>();
  const handlerErrors = options.metrics
    ? registeredCounter(options.metrics, {
        name: 'events_handler_errors_total',
        help: 'Event handlers that threw',
        labelNames: ['pattern'],
      })
    : undefined;
  const bridgeErrors = options.metrics
    ? registeredCounter(options.metrics, {
        name: 'events_bridge_errors_total',
        help: 'Events that could not cross the NATS bridge',
        labelNames: ['direction'],
      })
    : undefined;

  const deliver = async (topic: string, payload: unknown): Promise<void> => {
    const matching = [...subscriptions].filter((s) => topicMatches(s.pattern, topic));
    await Promise.all(
      matching.map(async (s) => {
        try {
          await s.handler(payload, topic);
        } catch (error) {
          handlerErrors?.inc({ pattern: s.pattern });
          log.error({ err: error, topic, pattern: s.pattern }, 'event handler failed');
        }
      }),
    );
  };

  const bridge = options.config.natsUrl
    ? startBridge({
        url: options.config.natsUrl,
        stream: options.stream ?? 'QX_EVENTS',
        prefix: options.subjectPrefix ?? 'qx.events',
        maxAgeMs: options.maxAgeMs ?? 86_400_000,
        instanceId,
        log,
        onRemote: deliver,
        onError: (direction) => bridgeErrors?.inc({ direction }),
      })
    : undefined;
  const publishTimeoutMs = options.publishTimeoutMs ?? 5000;
  let closed = false;

  return {
    bridged: bridge !== undefined,

    async publish<T>(topic: string, payload: T): Promise<void> {
      if (closed) throw new Error('event bus is closed');
      if (!isValidTopic(topic)) throw new RangeError(`invalid event topic ${JSON.stringify(topic)}`);
      const json = JSON.stringify(payload ?? null);
      if (json === undefined) throw new TypeError(`payload of event ${topic} is not JSON-serialisable`);
      await Promise.all([deliver(topic, JSON.parse(json)), bridge?.publish(topic, json, publishTimeoutMs)]);
    },

    subscribe<T>(pattern: string, handler: (payload: T, topic: string) => void | Promise<void>): () => void {
      checkTopicPattern(pattern);
      const subscription: Subscription = { pattern, handler: handler as Subscription['handler'] };
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
      };
    },

    ready: () => bridge?.ready ?? Promise.resolve(),

    async health(): Promise<DependencyHealth> {
      if (!bridge) return { status: 'up', latencyMs: 0 };
      return bridge.health();
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      subscriptions.clear();
      await bridge?.close();
    },
  };
}

interface BridgeOptions {
  readonly url: string;
  readonly stream: string;
  readonly prefix: string;
  readonly maxAgeMs: number;
  readonly instanceId: string;
  readonly log: Logger;
  readonly onRemote: (topic: string, payload: unknown) => Promise<void>;
  readonly onError: (direction: 'out' | 'in') => void;
}

interface Bridge {
  readonly ready: Promise<void>;
  publish(topic: string, json: string, timeoutMs: number): Promise<void>;
  health(): Promise<DependencyHealth>;
  close(): Promise<void>;
}

function startBridge(options: BridgeOptions): Bridge {
  const { log, prefix } = options;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let nc: NatsConnection | undefined;
  let js: JetStreamClient | undefined;
  let messages: ConsumerMessages | undefined;
  let closing = false;
  let connected = false;
  let isReady = false;
  let setupError: Error | undefined;
  // publishes wait for the bridge only during start-up; afterwards an unready or disconnected bridge fails fast
  let graceUntil = 0;

  const ready = (async () => {
    nc = await connect({
      servers: options.url,
      name: `quintessence-events-${options.instanceId.slice(0, 8)}`,
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1000,
    });
    if (closing) {
      await nc.close();
      return;
    }
    connected = true;
    const connection = nc;
    void (async () => {
      for await (const status of connection.status()) {
        if (status.type === Events.Disconnect) connected = false;
        if (status.type === Events.Reconnect) connected = true;
      }
    })().catch(() => undefined);
    const jsm = await nc.jetstreamManager();
    try {
      await jsm.streams.info(options.stream);
    } catch {
      await jsm.streams.add({
        name: options.stream,
        subjects: [`${prefix}.>`],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: nanos(options.maxAgeMs),
      });
    }
    js = nc.jetstream();
    const consumer = await js.consumers.get(options.stream, {
      // one subject as a string: `filter_subject` works on NATS 2.9, the array form needs 2.10
      filterSubjects: `${prefix}.>`,
      deliver_policy: DeliverPolicy.New,
    });
    messages = await consumer.consume();
    isReady = true;
    log.info({ stream: options.stream, prefix }, 'event bus bridged to NATS JetStream');
    void (async () => {
      for await (const m of messages!) {
        if (m.headers?.get(originHeader) === options.instanceId) continue;
        const topic = m.subject.slice(prefix.length + 1);
        let payload: unknown;
        try {
          payload = JSON.parse(decoder.decode(m.data));
        } catch (error) {
          options.onError('in');
          log.warn({ err: error, subject: m.subject }, 'event from NATS is not JSON; dropped');
          continue;
        }
        await options.onRemote(topic, payload);
      }
    })().catch((error: unknown) => {
      if (!closing) log.error({ err: error }, 'event bridge consumer stopped');
    });
  })();
  ready.catch((error: unknown) => {
    setupError = error as Error;
    log.error({ err: error }, 'event bus cannot bridge to NATS; events stay in this process');
  });

  return {
    ready,

    async publish(topic, json, timeoutMs) {
      try {
        if (!isReady) {
          if (graceUntil === 0) graceUntil = Date.now() + timeoutMs;
          const wait = graceUntil - Date.now();
          if (wait <= 0) throw new Error('the NATS bridge is not connected');
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            ready,
            new Promise((_, reject) => {
              timer = setTimeout(
                () => reject(new Error(`the NATS bridge did not connect within ${timeoutMs} ms`)),
                wait,
              );
            }),
          ]).finally(() => clearTimeout(timer));
        }
        if (!connected) throw new Error('disconnected from NATS');
        const h = natsHeaders();
        h.set(originHeader, options.instanceId);
        await js!.publish(`${prefix}.${topic}`, encoder.encode(json), { headers: h, timeout: timeoutMs });
      } catch (error) {
        options.onError('out');
        log.warn({ err: error, topic }, 'event could not cross the NATS bridge (delivered locally only)');
      }
    },

    async health() {
      if (setupError) return { status: 'down', latencyMs: 0, error: setupError.message };
      if (!nc || nc.isClosed() || !connected) return { status: 'down', latencyMs: 0, error: 'not connected to NATS' };
      const connection = nc;
      return probeDependency(() => connection.rtt());
    },

    async close() {
      closing = true;
      // a bridge still waiting for its first connection closes itself once it connects
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        ready.catch(() => undefined),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 1000);
        }),
      ]);
      clearTimeout(timer);
      messages?.stop();
      if (nc && !nc.isClosed()) await nc.drain().catch(() => nc?.close());
    },
  };
}
