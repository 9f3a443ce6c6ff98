import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../log/logger.js';
import { until } from '../testing/until.js';
import { createMqttClient, type MqttIngestClient } from './mqtt-client.js';
import { factoryReadingsTopic, parseFactoryTopic } from './mqtt-topic.js';

const mqttUrl = process.env.QX_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const run = `${process.pid}-${randomBytes(4).toString('hex')}`;
const log = createLogger({ log: { level: 'silent', pretty: false } });

const readingSchema = z.object({ t: z.string(), values: z.array(z.number()) });

describe('createMqttClient against Mosquitto', () => {
  const clients: MqttIngestClient[] = [];
  // clean sessions except where a test needs a durable one, so the broker keeps nothing after the run
  const make = (clientId: string, metrics?: Registry, persistentSession = false) => {
    const client = createMqttClient({
      url: mqttUrl,
      clientId: `${clientId}-${run}`,
      log,
      persistentSession,
      ...(metrics ? { metrics } : {}),
    });
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  it('round-trips JSON readings with QoS 1 on factory topics', async () => {
    const consumer = make('ingest');
    const producer = make('sensor');
    await Promise.all([consumer.ready(), producer.ready()]);
    const received: Array<{ site?: string; sensor?: string; values: number[] }> = [];
    await consumer.subscribe(
      `factory/${run}/+/+/readings`,
      (reading, topic) => {
        const source = parseFactoryTopic(topic);
        received.push({ site: source?.site, sensor: source?.sensor, values: reading.values });
      },
      { schema: readingSchema },
    );
    const topic = factoryReadingsTopic({ site: run, line: 'line1', sensor: 'enose-3' });
    await producer.publish(topic, { t: '2026-11-23T12:00:00Z', values: [0.12, 0.5, 1.25] });
    await producer.publish(topic, { t: '2026-11-23T12:00:01Z', values: [0.13, 0.51, 1.2] });
    await until(() => received.length === 2);
    expect(received[0]).toEqual({ site: run, sensor: 'enose-3', values: [0.12, 0.5, 1.25] });
    expect(consumer.stats()).toMatchObject({ received: 2, delivered: 2, invalidJson: 0, invalidPayload: 0 });
  });

  it('counts malformed JSON and schema failures without calling the handler', async () => {
    const metrics = new Registry();
    const consumer = make('strict', metrics);
    const producer = make('noisy');
    await Promise.all([consumer.ready(), producer.ready()]);
    const good: unknown[] = [];
    await consumer.subscribe(
      `test/${run}/strict`,
      (payload) => {
        good.push(payload);
      },
      { schema: readingSchema },
    );
    // a raw, non-JSON payload from a misbehaving device, through a plain mqtt client
    const { connectAsync } = await import('mqtt');
    const raw = await connectAsync(mqttUrl, { clientId: `raw-${run}` });
    await raw.publishAsync(`test/${run}/strict`, '{"t": "2026-11-23", values: [1,', { qos: 1 });
    await raw.endAsync();
    await producer.publish(`test/${run}/strict`, { t: 'x', values: 'not numbers' });
    await producer.publish(`test/${run}/strict`, { t: 'ok', values: [1] });
    await until(() => consumer.stats().received === 3);
    expect(good).toEqual([{ t: 'ok', values: [1] }]);
    expect(consumer.stats()).toMatchObject({ received: 3, delivered: 1, invalidJson: 1, invalidPayload: 1 });
    const outcomes = (await metrics.getSingleMetric('mqtt_messages_total')!.get()).values;
    expect(Object.fromEntries(outcomes.map((v) => [v.labels.outcome, v.value]))).toEqual({
      ok: 1,
      invalid_json: 1,
      invalid_payload: 1,
    });
  });

  it('receives QoS 1 messages published while it was offline (persistent session)', async () => {
    const clientId = 'durable';
    const first = make(clientId, undefined, true);
    await first.ready();
    const unsubscribeLater = await first.subscribe(`test/${run}/durable`, () => {});
    expect(typeof unsubscribeLater).toBe('function');
    await first.close();
    clients.splice(clients.indexOf(first), 1);

    const producer = make('late-sensor');
    await producer.ready();
    await producer.publish(`test/${run}/durable`, { n: 1 });
    await producer.publish(`test/${run}/durable`, { n: 2 });

    const received: unknown[] = [];
    const second = createMqttClient({ url: mqttUrl, clientId: `${clientId}-${run}`, log });
    clients.push(second);
    // the route must exist before the broker replays the stored messages on connect
    const subscribed = second.subscribe(`test/${run}/durable`, (payload) => {
      received.push(payload);
    });
    await second.ready();
    await subscribed;
    await until(() => received.length === 2);
    expect(received).toEqual([{ n: 1 }, { n: 2 }]);

    // drop the durable session from the broker
    await second.close();
    clients.splice(clients.indexOf(second), 1);
    const { connectAsync } = await import('mqtt');
    const cleaner = await connectAsync(mqttUrl, { clientId: `${clientId}-${run}`, clean: true });
    await cleaner.endAsync();
  });

  it('closes gracefully: finishes the message in hand, leaves later ones for the broker to redeliver', async () => {
    const clientId = 'graceful';
    const topic = `test/${run}/graceful`;
    const handled: number[] = [];
    let release: () => void = () => {};
    const first = make(clientId, undefined, true);
    await first.ready();
    await first.subscribe<{ n: number }>(topic, async ({ n }) => {
      if (n === 1) await new Promise<void>((r) => (release = r));
      handled.push(n);
    });
    const producer = make('graceful-sensor');
    await producer.ready();
    for (let n = 1; n <= 4; n++) await producer.publish(topic, { n });
    await until(() => first.stats().received >= 1);
    const closed = first.close();
    release();
    await closed;
    clients.splice(clients.indexOf(first), 1);
    expect(handled).toEqual([1]);

    const received: number[] = [];
    const second = createMqttClient({ url: mqttUrl, clientId: `${clientId}-${run}`, log });
    clients.push(second);
    const subscribed = second.subscribe<{ n: number }>(topic, ({ n }) => {
      received.push(n);
    });
    await second.ready();
    await subscribed;
    await until(() => received.length >= 3);
    // 2..4 were never acknowledged, so the broker redelivers them; 1 was acknowledged and is not repeated
    expect(received).toEqual([2, 3, 4]);

    await second.close();
    clients.splice(clients.indexOf(second), 1);
    const { connectAsync } = await import('mqtt');
    const cleaner = await connectAsync(mqttUrl, { clientId: `${clientId}-${run}`, clean: true });
    await cleaner.endAsync();
  });

  it('reports health up with a round trip, and down for an unreachable broker', async () => {
    const client = make('health');
    await client.ready();
    const health = await client.health();
    expect(health.status).toBe('up');
    expect(health.latencyMs).toBeGreaterThan(0);

    const unreachable = createMqttClient({ url: 'mqtt://127.0.0.1:1', clientId: `down-${run}`, log });
    clients.push(unreachable);
    expect((await unreachable.health()).status).toBe('down');
  });
});
