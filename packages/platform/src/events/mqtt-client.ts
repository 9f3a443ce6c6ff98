import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Registry } from 'prom-client';
import type { ZodType } from 'zod';
import type { Logger } from '../ports.js';
import { type DependencyHealth, probeDependency } from '../resilience/dependency-health.js';
import { registeredCounter } from '../resilience/internal/registered-metric.js';
import { checkMqttFilter, mqttTopicMatches } from './mqtt-topic.js';

export interface MqttClientOptions {
  /** Broker URL (`MQTT_URL`), e.g. `mqtt://127.0.0.1:1883` or `mqtts://...`. */
  readonly url: string;
  /** Stable per consumer: with a persistent session the broker keeps QoS 1 messages for this id while offline. */
  readonly clientId: string;
  readonly log: Logger;
  readonly username?: string;
  readonly password?: string;
  /** Keep the broker session across reconnects (`clean: false`, default true), so QoS 1 messages are not lost. */
  readonly persistentSession?: boolean;
  /** Pause between reconnect attempts (default 1000 ms). */
  readonly reconnectPeriodMs?: number;
  /** Registry for `mqtt_messages_total{outcome}` (ok, invalid_json, invalid_payload, handler_error). */
  readonly metrics?: Registry;
}

/** Message counts since the client was created. */
export interface MqttStats {
  readonly received: number;
  readonly delivered: number;
  readonly invalidJson: number;
  readonly invalidPayload: number;
  readonly handlerErrors: number;
}

export interface MqttSubscribeOptions<T> {
  /** Validates each parsed message; failures are counted as `invalidPayload` and skipped. */
  readonly schema?: ZodType<T>;
}

/** MQTT client for ingesting JSON messages (factory sensors) with QoS 1. */
export interface MqttIngestClient {
  /**
   * Subscribes with QoS 1 and calls `handler` for each message whose topic matches `filter` (`+`, `#`), after
   * JSON parsing (and validation when a schema is given). Messages are handled one at a time and acknowledged
   * after the handler finished. Resolves when the broker granted the subscription; returns an unsubscribe function.
   */
  subscribe<T = unknown>(
    filter: string,
    handler: (payload: T, topic: string) => void | Promise<void>,
    options?: MqttSubscribeOptions<T>,
  ): Promise<() => Promise<void>>;
  /** Publishes JSON (QoS 1 by default) and resolves when the broker acknowledged it. */
  publish(topic: string, payload: unknown, options?: { qos?: 0 | 1 | 2; retain?: boolean }): Promise<void>;
  stats(): MqttStats;
  /** Resolves on the first connection. */
  ready(): Promise<void>;
  /** Connected, with the round trip of a QoS 1 publish to `qx/health/<clientId>`. */
  health(): Promise<DependencyHealth>;
  /**
   * Disconnects without unsubscribing: the message being handled finishes and is acknowledged, later ones are left
   * unacknowledged, so on a persistent session the broker keeps and redelivers them after a restart.
   */
  close(): Promise<void>;
}

interface Route {
  readonly filter: string;
  readonly handler: (payload: unknown, topic: string) => void | Promise<void>;
  readonly schema?: ZodType<unknown>;
}

/**
 * Connects to an MQTT broker with automatic reconnect for modules that ingest from factories (topics
 * `factory/{site}/{line}/{sensor}/readings`, see `factoryReadingsFilter`). Subscriptions use QoS 1 on a persistent
 * session; a message is acknowledged only after its handler ran, so the broker redelivers what a crash interrupted.
 * Malformed JSON and payloads failing the schema are counted and logged, never passed on.
 *
 * @example
 * const mqtt = createMqttClient({ url: config.mqttUrl!, clientId: 'scent-ingest', log });
 * await mqtt.subscribe(factoryReadingsFilter, async (reading, topic) => ingest(parseFactoryTopic(topic)!, reading),
 *   { schema: readingSchema });
 */
export function createMqttClient(options: MqttClientOptions): MqttIngestClient {
  const log = options.log.child({ component: 'mqtt', clientId: options.clientId });
  const routes = new Set<Route>();
  const counts = { received: 0, delivered: 0, invalidJson: 0, invalidPayload: 0, handlerErrors: 0 };
  const outcomes = options.metrics
    ? registeredCounter(options.metrics, {
        name: 'mqtt_messages_total',
        help: 'MQTT messages received, by outcome (ok, invalid_json, invalid_payload, handler_error)',
        labelNames: ['outcome'],
      })
    : undefined;
  let lastError: string | undefined;

  const clientOptions: IClientOptions = {
    clientId: options.clientId,
    clean: !(options.persistentSession ?? true),
    reconnectPeriod: options.reconnectPeriodMs ?? 1000,
    connectTimeout: 10_000,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
  };
  const client: MqttClient = connect(options.url, clientOptions);

  const dispatch = async (topic: string, raw: Buffer): Promise<void> => {
    const matching = [...routes].filter((r) => mqttTopicMatches(r.filter, topic));
    if (matching.length === 0) return;
    counts.received += 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      counts.invalidJson += 1;
      outcomes?.inc({ outcome: 'invalid_json' });
      log.warn({ topic, err: (error as Error).message, bytes: raw.length }, 'MQTT message is not JSON; skipped');
      return;
    }
    for (const route of matching) {
      let payload = parsed;
      if (route.schema) {
        const result = route.schema.safeParse(parsed);
        if (!result.success) {
          counts.invalidPayload += 1;
          outcomes?.inc({ outcome: 'invalid_payload' });
          const issue = result.error.issues[0];
          log.warn(
            { topic, path: issue?.path.join('.'), err: issue?.message },
            'MQTT message fails its schema; skipped',
          );
          continue;
        }
        payload = result.data;
      }
      try {
        await route.handler(payload, topic);
        counts.delivered += 1;
        outcomes?.inc({ outcome: 'ok' });
      } catch (error) {
        counts.handlerErrors += 1;
        outcomes?.inc({ outcome: 'handler_error' });
        log.error({ topic, err: error }, 'MQTT message handler failed');
      }
    }
  };

  let closing = false;
  let inFlight: Promise<void> | undefined;
  // handleMessage runs once per incoming publish; the PUBACK of a QoS 1 message is sent when its callback is called
  client.handleMessage = (packet, callback) => {
    if (packet.cmd !== 'publish') {
      callback();
      return;
    }
    // while closing, a message is neither handled nor acknowledged: a persistent session gets it again on reconnect
    if (closing) return;
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : Buffer.from(packet.payload);
    const handled = dispatch(packet.topic, payload).then(
      () => callback(),
      () => callback(),
    );
    inFlight = handled;
    handled.finally(() => {
      if (inFlight === handled) inFlight = undefined;
    });
  };

  const ready = new Promise<void>((resolve) => {
    client.once('connect', () => resolve());
  });
  client.on('connect', () => {
    lastError = undefined;
    log.info({ url: redactUrl(options.url) }, 'connected to MQTT broker');
  });
  client.on('reconnect', () => log.debug({}, 'reconnecting to MQTT broker'));
  client.on('offline', () => log.warn({}, 'MQTT broker unreachable; reconnecting'));
  client.on('error', (error) => {
    lastError = error.message;
    log.warn({ err: error.message }, 'MQTT client error');
  });

  return {
    async subscribe<T>(
      filter: string,
      handler: (payload: T, topic: string) => void | Promise<void>,
      subscribeOptions: MqttSubscribeOptions<T> = {},
    ) {
      checkMqttFilter(filter);
      const route: Route = {
        filter,
        handler: handler as Route['handler'],
        ...(subscribeOptions.schema ? { schema: subscribeOptions.schema as ZodType<unknown> } : {}),
      };
      routes.add(route);
      const granted = await client.subscribeAsync(filter, { qos: 1 });
      const refused = granted.find((g) => g.qos === 128);
      if (refused) {
        routes.delete(route);
        throw new Error(`MQTT broker refused the subscription to ${filter}`);
      }
      return async () => {
        routes.delete(route);
        if (![...routes].some((r) => r.filter === filter) && client.connected) await client.unsubscribeAsync(filter);
      };
    },

    async publish(topic, payload, publishOptions = {}) {
      if (typeof topic !== 'string' || topic.length === 0 || /[+#]/.test(topic)) {
        throw new RangeError(`invalid MQTT topic ${JSON.stringify(topic)}`);
      }
      const json = JSON.stringify(payload ?? null);
      if (json === undefined) throw new TypeError(`payload for ${topic} is not JSON-serialisable`);
      await client.publishAsync(topic, json, { qos: publishOptions.qos ?? 1, retain: publishOptions.retain ?? false });
    },

    stats: () => ({ ...counts }),

    ready: () => ready,

    async health(): Promise<DependencyHealth> {
      if (!client.connected) return { status: 'down', latencyMs: 0, error: lastError ?? 'not connected' };
      return probeDependency(() => client.publishAsync(`qx/health/${options.clientId}`, '1', { qos: 1 }), {
        timeoutMs: 2000,
      });
    },

    async close() {
      // finish (and acknowledge) the message being handled; later ones stay unacknowledged for the broker to redeliver
      closing = true;
      await inFlight;
      routes.clear();
      await client.endAsync(!client.connected);
    },
  };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:[redacted]@');
}
