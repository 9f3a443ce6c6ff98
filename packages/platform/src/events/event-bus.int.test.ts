import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import { until } from '../testing/until.js';
import { createEventBus, type PlatformEventBus } from './event-bus.js';

const natsUrl = process.env.QX_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const run = `${process.pid}_${randomBytes(4).toString('hex')}`;
const stream = `QX_TEST_EVENTS_${run}`;
const subjectPrefix = `qxtest.${run}`;
const log = createLogger({ log: { level: 'silent', pretty: false } });

describe('createEventBus with the NATS JetStream bridge', () => {
  const buses: PlatformEventBus[] = [];
  const make = (metrics?: Registry) => {
    const bus = createEventBus({
      config: { natsUrl },
      log,
      stream,
      subjectPrefix,
      maxAgeMs: 60_000,
      ...(metrics ? { metrics } : {}),
    });
    buses.push(bus);
    return bus;
  };

  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    const nc = await connect({ servers: natsUrl });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(stream).catch(() => false);
    await nc.close();
  });

  it('carries events between two bus instances, matching wildcards on the receiving side', async () => {
    const a = make();
    const b = make();
    await Promise.all([a.ready(), b.ready()]);
    expect(a.bridged).toBe(true);

    const atB: Array<[string, unknown]> = [];
    const atA: Array<[string, unknown]> = [];
    b.subscribe('scent.alerts.*', (payload, topic) => {
      atB.push([topic, payload]);
    });
    a.subscribe('scent.>', (payload, topic) => {
      atA.push([topic, payload]);
    });

    await a.publish('scent.alerts.line1', { level: 'high', value: 3.2 });
    await a.publish('scent.batches.released', { batch: 'B-7' });
    await until(() => atB.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    // B sees only what matches its pattern; A gets its own events once (locally), not echoed back from NATS
    expect(atB).toEqual([['scent.alerts.line1', { level: 'high', value: 3.2 }]]);
    expect(atA).toEqual([
      ['scent.alerts.line1', { level: 'high', value: 3.2 }],
      ['scent.batches.released', { batch: 'B-7' }],
    ]);

    await b.publish('scent.alerts.line2', { level: 'low' });
    await until(() => atA.length === 3);
    expect(atA[2]).toEqual(['scent.alerts.line2', { level: 'low' }]);
  });

  it('stores the events in the JetStream stream', async () => {
    const nc = await connect({ servers: natsUrl });
    try {
      const jsm = await nc.jetstreamManager();
      const info = await jsm.streams.info(stream);
      expect(info.config.subjects).toEqual([`${subjectPrefix}.>`]);
      expect(info.state.messages).toBeGreaterThanOrEqual(3);
    } finally {
      await nc.close();
    }
  });

  it('reports NATS health with its round-trip time', async () => {
    const bus = make();
    await bus.ready();
    const health = await bus.health();
    expect(health.status).toBe('up');
    expect(health.latencyMs).toBeGreaterThan(0);
  });

  it('keeps delivering locally when NATS is unreachable and counts the lost remote copy', async () => {
    const metrics = new Registry();
    const bus = createEventBus({ config: { natsUrl: 'nats://127.0.0.1:1' }, log, metrics, publishTimeoutMs: 1000 });
    try {
      let delivered = 0;
      bus.subscribe('a.b', () => {
        delivered += 1;
      });
      await bus.publish('a.b', {});
      expect(delivered).toBe(1);
      // after the start-up grace period publishes no longer wait for the bridge
      const started = performance.now();
      await bus.publish('a.b', {});
      expect(performance.now() - started).toBeLessThan(500);
      expect(delivered).toBe(2);
      const errors = await metrics.getSingleMetric('events_bridge_errors_total')!.get();
      expect(errors.values[0]).toMatchObject({ labels: { direction: 'out' }, value: 2 });
      expect((await bus.health()).status).toBe('down');
    } finally {
      await bus.close();
    }
  });
});
