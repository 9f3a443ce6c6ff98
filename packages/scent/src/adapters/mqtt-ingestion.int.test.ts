import { createMqttClient, factoryReadingsTopic, type MqttIngestClient } from '@quintessence/platform';
import { until } from '@quintessence/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineSimulator } from '../domain/simulation/line-simulator.js';
import { seededRng } from '../domain/simulation/rng.js';
import type { Alert } from '../ports.js';
import { setupDemoLine } from '../service/scent-demo.js';
import type { ScentService } from '../service/scent-service.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import { openScentTestContext, type ScentTestContext, silentLogger } from '../testing/scent-test-context.js';
import { type MqttIngestion, startMqttIngestion } from './mqtt-ingestion.js';

const url = process.env.QX_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

describe('MQTT ingestion against the local Mosquitto, storage on PostgreSQL', () => {
  let tc: ScentTestContext;
  let consumer: MqttIngestClient;
  let producer: MqttIngestClient;
  let ingestion: MqttIngestion;
  const suffix = `${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    tc = await openScentTestContext('postgres');
    await tc.reset();
    consumer = createMqttClient({
      url,
      clientId: `scent-int-consumer-${suffix}`,
      log: silentLogger,
      persistentSession: false,
    });
    producer = createMqttClient({
      url,
      clientId: `scent-int-producer-${suffix}`,
      log: silentLogger,
      persistentSession: false,
    });
    await Promise.all([consumer.ready(), producer.ready()]);
  }, 60_000);
  afterAll(async () => {
    await ingestion?.stop().catch(() => undefined);
    await consumer?.close();
    await producer?.close();
    await tc?.t.close();
  });

  it('stores good readings, rejects and counts bad ones, and raises alerts from QoS 1 messages', async () => {
    const scent = scentServiceFor(tc.ctx);
    const start = tc.clock.now().getTime();
    const line = await setupDemoLine(scent, { startMs: start, referenceReadings: 60 });
    await scent.openBatch(
      { id: 'M1', productId: 'orange-juice', lineId: 'demo-line-1' },
      {
        principal: { kind: 'system', id: 't', name: 't', roles: ['admin'] },
      },
    );
    // a private filter so parallel runs on the shared broker do not see each other
    const site = `demo-site`;
    ingestion = await startMqttIngestion({
      client: consumer,
      service: scent,
      log: silentLogger,
      filter: `factory/${site}/+/+/readings`,
    });
    const alerts: Alert[] = [];
    tc.events.subscribe<Alert>('scent.alerts.>', (a) => {
      alerts.push(a);
    });
    const sim = line.simulators.get('enose-process')!;
    const topic = factoryReadingsTopic({ site, line: 'demo-line-1', sensor: 'enose-process' });
    const at = (i: number) => new Date(start + i * 1000).toISOString();
    for (let i = 1; i <= 20; i++) {
      await producer.publish(topic, {
        timestamp: at(i),
        values: sim.sample('orange-juice', start + i * 1000).values,
        metadata: { batch_id: 'M1' },
      });
    }
    await producer.publish(topic, {
      readings: [
        {
          timestamp: at(21),
          values: sim.sample('orange-juice', start + 21_000, [
            { kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 1 },
          ]).values,
          metadata: { batch_id: 'M1' },
        },
        { timestamp: at(22), values: [1, 2, 3], metadata: { batch_id: 'M1' } },
        { timestamp: at(5), values: sim.sample('orange-juice', start + 23_000).values, metadata: { batch_id: 'M1' } },
      ],
    });
    await producer.publish(factoryReadingsTopic({ site, line: 'demo-line-1', sensor: 'ghost' }), {
      timestamp: at(30),
      values: [1],
    });
    await producer.publish(factoryReadingsTopic({ site, line: 'other-line', sensor: 'enose-process' }), {
      timestamp: at(31),
      values: [1],
    });
    await until(() => ingestion.stats().handled >= 23);
    expect(ingestion.stats()).toMatchObject({
      messages: 23,
      handled: 23,
      stored: 21,
      rejected: 2,
      unknownSensor: 1,
      topicMismatch: 1,
      failed: 0,
    });
    const stored = await scent.store.listReadings({ batchId: 'M1' });
    expect(stored).toHaveLength(21);
    expect(stored.at(-1)!.isAnomaly).toBe(true);
    const sensor = await scent.getSensor('enose-process');
    expect(sensor.rejectedReadings).toBe(3);
    await until(() => alerts.some((a) => a.kind === 'anomaly' && a.batchId === 'M1'));
  }, 90_000);

  it('handles one message at a time and acknowledges it after storage, so a burst waits at the broker, not in memory', async () => {
    const scent = scentServiceFor(tc.ctx);
    await ingestion.stop();
    let inFlight = 0;
    let maxInFlight = 0;
    const observed: ScentService = {
      ...scent,
      ingest: async (sensorId, readings) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await scent.ingest(sensorId, readings);
        } finally {
          inFlight -= 1;
        }
      },
    };
    ingestion = await startMqttIngestion({
      client: consumer,
      service: observed,
      log: silentLogger,
      filter: 'factory/demo-site/+/+/readings',
    });
    const sim = new LineSimulator({ rng: seededRng(7), channels: 8, startMs: tc.clock.now().getTime() });
    const topic = factoryReadingsTopic({ site: 'demo-site', line: 'demo-line-1', sensor: 'enose-packaging' });
    const t0 = tc.clock.now().getTime() + 60_000;
    const n = 150;
    // published without waiting for each other: the broker holds what the consumer has not acknowledged yet
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        producer.publish(topic, {
          timestamp: new Date(t0 + i * 1000).toISOString(),
          values: sim.sample('orange-juice', t0 + i * 1000).values,
          metadata: { batch_id: 'M1' },
        }),
      ),
    );
    await until(() => ingestion.stats().handled >= n, 60_000);
    expect(maxInFlight).toBe(1);
    expect(ingestion.stats()).toMatchObject({ messages: n, handled: n, stored: n, rejected: 0, failed: 0 });
    const stored = await scent.store.listReadings({ sensorId: 'enose-packaging', batchId: 'M1' });
    expect(stored).toHaveLength(n);
  }, 90_000);
});
