import {
  AppError,
  factoryReadingsFilter,
  type Logger,
  type MqttIngestClient,
  parseFactoryTopic,
} from '@quintessence/platform';
import type { z } from 'zod';
import type { ScentService } from '../service/scent-service.js';
import { readingsBodySchema } from '../service/schemas.js';

/** Counts of the MQTT ingestion path since it started. */
export interface MqttIngestionStats {
  /** Messages received (counted when their handling starts). */
  readonly messages: number;
  /** Messages whose handling finished (stored, rejected or failed); the broker got their acknowledgement. */
  readonly handled: number;
  readonly stored: number;
  /** Readings the pipeline rejected (channel count, NaN, order, batch). */
  readonly rejected: number;
  /** Messages for sensors that are not registered. */
  readonly unknownSensor: number;
  /** Messages whose topic names another line or site than the sensor's. */
  readonly topicMismatch: number;
  readonly failed: number;
}

export interface MqttIngestion {
  stats(): MqttIngestionStats;
  stop(): Promise<void>;
}

export interface MqttIngestionOptions {
  readonly client: MqttIngestClient;
  readonly service: ScentService;
  readonly log: Logger;
  /** Topic filter (default `factory/+/+/+/readings`). */
  readonly filter?: string;
}

/**
 * Feeds MQTT readings (topic `factory/{site}/{line}/{sensor}/readings`, JSON: one reading or `{readings: [...]}`,
 * QoS 1 through the platform client) into the same pipeline as REST. The topic must name the sensor's own line and
 * site; unknown sensors, mismatched topics and rejected readings are counted and logged, never thrown at the broker.
 * Backpressure: the platform client hands over one message at a time and acknowledges it (PUBACK) only after the
 * pipeline stored it, and mqtt.js reads no more from the socket meanwhile, so a burst waits at the broker (its in-flight
 * window and queue), not in this process. Each message is one pipeline call: `{readings: [...]}` (up to 1000) is one
 * multi-row insert.
 *
 * @example
 * const mqtt = createMqttClient({ url: config.mqttUrl!, clientId: 'quintessence-scent', log });
 * const ingestion = await startMqttIngestion({ client: mqtt, service: scentServiceFor(ctx), log });
 */
export async function startMqttIngestion(options: MqttIngestionOptions): Promise<MqttIngestion> {
  const { service } = options;
  const log = options.log.child({ component: 'scent-mqtt' });
  const counts = { messages: 0, handled: 0, stored: 0, rejected: 0, unknownSensor: 0, topicMismatch: 0, failed: 0 };
  const lines = new Map<string, string | null>();
  const siteOf = async (lineId: string) => {
    if (!lines.has(lineId)) lines.set(lineId, (await service.store.getLine(lineId))?.siteId ?? null);
    return lines.get(lineId);
  };

  const unsubscribe = await options.client.subscribe<z.output<typeof readingsBodySchema>>(
    options.filter ?? factoryReadingsFilter,
    async (body, topic) => {
      counts.messages += 1;
      const source = parseFactoryTopic(topic);
      if (!source) {
        counts.handled += 1;
        return;
      }
      const readings = 'readings' in body ? body.readings : [body];
      try {
        // the topic check runs on the sensor the pipeline reads anyway (no query of its own per message)
        let mismatch = false;
        const result = await service.ingest(source.sensor, readings, {
          admit: async (sensor) => {
            if (sensor.lineId === source.line && (await siteOf(sensor.lineId)) === source.site) return null;
            mismatch = true;
            return `topic ${topic} names another line or site than sensor ${sensor.id} (line ${sensor.lineId})`;
          },
        });
        if (mismatch) {
          counts.topicMismatch += 1;
          log.warn({ topic }, 'MQTT topic names another line or site than the sensor; rejected');
          return;
        }
        counts.stored += result.accepted;
        counts.rejected += result.rejected;
        if (result.rejected > 0) {
          const first = result.results.find((r) => r.status === 'rejected');
          log.warn({ topic, rejected: result.rejected, first: first?.errors }, 'MQTT readings rejected');
        }
      } catch (error) {
        if (error instanceof AppError && error.code === 'SCENT_UNKNOWN_SENSOR') {
          counts.unknownSensor += 1;
          log.warn({ topic }, 'MQTT readings for an unknown sensor; rejected');
          return;
        }
        counts.failed += 1;
        throw error;
      } finally {
        counts.handled += 1;
      }
    },
    { schema: readingsBodySchema },
  );
  return {
    stats: () => ({ ...counts }),
    stop: unsubscribe,
  };
}
