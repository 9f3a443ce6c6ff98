import { createMqttClient, factoryReadingsTopic, type MqttIngestClient } from '@quintessence/platform';
import { until } from '@quintessence/platform/testing';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupDemoLine } from '../service/scent-demo.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import { openScentTestContext, type ScentTestContext, silentLogger } from '../testing/scent-test-context.js';
import { startMqttIngestion } from './mqtt-ingestion.js';

const url = process.env.QX_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

describe('MQTT ingestion on a persistent session (local Mosquitto, PostgreSQL)', () => {
  let tc: ScentTestContext;
  let producer: MqttIngestClient;
  const clients: MqttIngestClient[] = [];
  // a fixed client id per run, as the module uses ('quintessence-scent-ingest'); persistentSession defaults to true
  const clientId = `scent-int-durable-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    tc = await openScentTestContext('postgres');
    await tc.reset();
    producer = createMqttClient({
      url,
      clientId: `${clientId}-producer`,
      log: silentLogger,
      persistentSession: false,
    });
    await producer.ready();
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    await producer?.close();
    // drop the durable session from the broker
    const cleaner = await connectAsync(url, { clientId, clean: true });
    await cleaner.endAsync();
    await tc?.t.close();
  });

  it('stores readings published while the ingesting client was disconnected once it reconnects', async () => {
    const scent = scentServiceFor(tc.ctx);
    const start = tc.clock.now().getTime();
    const line = await setupDemoLine(scent, { startMs: start, referenceReadings: 40 });
    const sensor = 'enose-process';
    const sim = line.simulators.get(sensor)!;
    const topic = factoryReadingsTopic({ site: 'demo-site', line: 'demo-line-1', sensor });
    const reading = (i: number) => {
      const t = start + i * 1000;
      return { timestamp: new Date(t).toISOString(), values: sim.sample('orange-juice', t).values };
    };
    const before = (await scent.getSensor(sensor)).acceptedReadings;

    const first = createMqttClient({ url, clientId, log: silentLogger });
    clients.push(first);
    const firstIngestion = await startMqttIngestion({ client: first, service: scent, log: silentLogger });
    await first.ready();
    await producer.publish(topic, reading(1));
    await until(() => firstIngestion.stats().handled === 1);
    // the connection drops (crash, network): the client goes away without unsubscribing
    await first.close();
    clients.splice(clients.indexOf(first), 1);

    for (let i = 2; i <= 6; i++) await producer.publish(topic, reading(i));
    expect((await scent.getSensor(sensor)).acceptedReadings).toBe(before + 1);

    const second = createMqttClient({ url, clientId, log: silentLogger });
    clients.push(second);
    const secondIngestion = await startMqttIngestion({ client: second, service: scent, log: silentLogger });
    await second.ready();
    await until(() => secondIngestion.stats().handled === 5);
    expect(secondIngestion.stats()).toMatchObject({ stored: 5, rejected: 0, failed: 0 });
    const stored = await scent.store.listReadings({ sensorId: sensor, since: reading(1).timestamp });
    expect(stored.map((r) => r.timestamp)).toEqual([1, 2, 3, 4, 5, 6].map((i) => reading(i).timestamp));
    expect((await scent.getSensor(sensor)).acceptedReadings).toBe(before + 6);
  });
});
