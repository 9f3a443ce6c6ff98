// MQTT ingestion against the local Mosquitto: readings/s from publish into storage (embedded PGlite and PostgreSQL)
// through the real pipeline (validate → calibrate → score → batched insert → alerts), and end-to-end alert latency
// (publish of an anomalous reading → alert event on the bus), p50/p99.
// Run: npm run bench -- scent/mqtt [--readings=2000] [--alerts=100] [--storage=pglite|postgres]
// Needs Mosquitto on QX_TEST_MQTT_URL (default mqtt://127.0.0.1:1883) and PostgreSQL on QX_TEST_PG_ADMIN_URL.
import { loadavg } from 'node:os';
import { createMqttClient, factoryReadingsTopic, type RequestContext } from '@quintessence/platform';
import { type Alert, LineSimulator, scentServiceFor, seededRng, startMqttIngestion } from '@quintessence/scent';
import { openScentTestContext, silentLogger } from '../../packages/scent/src/testing/scent-test-context.js';
import { intFlag, printTable } from './simulated-line.js';

const url = process.env.QX_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const total = intFlag('readings', 2000);
const alertRuns = intFlag('alerts', 100);
const batchSize = 50;
const product = 'orange-juice';
const system: RequestContext = { principal: { kind: 'system', id: 'bench', name: 'bench', roles: ['admin'] } };

async function until(check: () => boolean, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function run(kind: 'pglite' | 'postgres'): Promise<Array<Array<string | number>>> {
  const tc = await openScentTestContext(kind);
  await tc.reset();
  const suffix = `${process.pid}-${Date.now()}`;
  // a private site so parallel runs on the shared broker never see each other's messages
  const site = `bench-site-${suffix}`;
  const lineId = 'bench-line';
  const sensorId = 'bench-enose';
  const scent = scentServiceFor(tc.ctx);
  const consumer = createMqttClient({
    url,
    clientId: `scent-bench-c-${suffix}`,
    log: silentLogger,
    persistentSession: false,
  });
  const producer = createMqttClient({
    url,
    clientId: `scent-bench-p-${suffix}`,
    log: silentLogger,
    persistentSession: false,
  });
  try {
    await Promise.all([consumer.ready(), producer.ready()]);
    const start = tc.clock.now().getTime();
    await scent.upsertSite({ id: site, name: 'bench plant' });
    await scent.upsertLine({ id: lineId, siteId: site, name: 'bench line' });
    await scent.upsertProduct({ id: product, name: 'orange juice' });
    await scent.upsertSensor({ id: sensorId, line_id: lineId, stage: 'process', kind: 'MOS', channels: 8 });
    const sim = new LineSimulator({ rng: seededRng(2026), channels: 8, startMs: start - 9 * 3_600_000 });
    const zero = Array.from({ length: 10 }, (_, i) => sim.zeroAir(start - 9 * 3_600_000 + i * 1000).values);
    const offset = zero[0]!.map((_, j) => zero.reduce((s, z) => s + z[j]!, 0) / zero.length);
    await scent.calibrate(sensorId, { offset, scale: offset.map((o) => 1 / o) }, 'bench');
    await scent.openBatch({ id: 'REF', productId: product, lineId }, system);
    const refStart = start - 8 * 3_600_000;
    await scent.ingest(
      sensorId,
      Array.from({ length: 160 }, (_, i) => {
        const t = refStart + i * 180_000;
        return {
          timestamp: new Date(t).toISOString(),
          values: sim.sample(product, t).values,
          metadata: { batch_id: 'REF' },
        };
      }),
    );
    await scent.trainFingerprint({ productId: product, sensorId, batchIds: ['REF'] }, system);
    await scent.openBatch({ id: 'P1', productId: product, lineId }, system);
    const ingestion = await startMqttIngestion({
      client: consumer,
      service: scent,
      log: silentLogger,
      filter: `factory/${site}/+/+/readings`,
    });
    const topic = factoryReadingsTopic({ site, line: lineId, sensor: sensorId });
    let t = start;
    const reading = (faulty = false) => {
      t += 1000;
      const faults = faulty ? [{ kind: 'contamination' as const, compound: 'hydrogen_sulfide', ppm: 1 }] : [];
      return {
        timestamp: new Date(t).toISOString(),
        values: sim.sample(product, t, faults).values,
        metadata: { batch_id: 'P1' },
      };
    };
    const rows: Array<Array<string | number>> = [];

    // throughput: one reading per message, then batches of 50 readings per message; QoS 1, 64 publishes in flight,
    // and at most 500 messages published but not yet handled: Mosquitto's default max_queued_messages (1000) drops
    // QoS 1 messages for a subscriber that falls further behind, so an unthrottled producer measures the broker's
    // queue, not the ingestion
    for (const [perMessage, throttled] of [
      [1, true],
      [batchSize, true],
      [1, false],
    ] as const) {
      const messages = Math.ceil((throttled ? total : 1.5 * total) / perMessage);
      const payloads = Array.from({ length: messages }, () =>
        perMessage === 1 ? reading() : { readings: Array.from({ length: perMessage }, () => reading()) },
      );
      const before = ingestion.stats();
      const handled = () => ingestion.stats().messages - before.messages;
      const began = performance.now();
      for (let i = 0; i < payloads.length; i += 64) {
        if (throttled) await until(() => i - handled() < 500);
        await Promise.all(payloads.slice(i, i + 64).map((p) => producer.publish(topic, p)));
      }
      const published = performance.now();
      let complete = true;
      await until(() => {
        const now = ingestion.stats();
        return now.stored + now.rejected - before.stored - before.rejected >= messages * perMessage || now.failed > 0;
      }, 60_000).catch(() => {
        complete = false;
      });
      const seconds = (performance.now() - began) / 1000;
      const after = ingestion.stats();
      const stored = after.stored - before.stored;
      rows.push([
        kind,
        `${perMessage} reading${perMessage > 1 ? 's' : ''} / message${throttled ? '' : ', burst: no producer throttling'}`,
        stored,
        after.rejected - before.rejected + after.failed - before.failed,
        Math.round(stored / seconds).toLocaleString('en'),
        `publish ${((published - began) / 1000).toFixed(2)} s, stored ${seconds.toFixed(2)} s${
          complete ? '' : `; ${messages * perMessage - stored} readings never arrived within 60 s`
        }`,
      ]);
    }

    // the same pipeline called directly (no MQTT), as the baseline of the broker path
    for (const perCall of [1, batchSize]) {
      const calls = Math.ceil(total / perCall);
      const payloads = Array.from({ length: calls }, () => Array.from({ length: perCall }, () => reading()));
      const began = performance.now();
      let stored = 0;
      for (const p of payloads) stored += (await scent.ingest(sensorId, p)).accepted;
      const seconds = (performance.now() - began) / 1000;
      rows.push([
        kind,
        `baseline: ScentService.ingest called directly, ${perCall} reading${perCall > 1 ? 's' : ''} / call`,
        stored,
        calls * perCall - stored,
        Math.round(stored / seconds).toLocaleString('en'),
        `${seconds.toFixed(2)} s`,
      ]);
    }

    // alert latency: one anomalous reading at a time, publish → alert event on the bus
    let resolveAlert: (() => void) | undefined;
    const off = tc.events.subscribe<Alert>('scent.alerts.>', (a) => {
      if (a.kind === 'anomaly' && a.batchId === 'P1') resolveAlert?.();
    });
    const latencies: number[] = [];
    for (let i = 0; i < alertRuns + 5; i++) {
      const payload = reading(true);
      const arrived = new Promise<void>((resolve) => {
        resolveAlert = resolve;
      });
      const began = performance.now();
      await producer.publish(topic, payload);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        arrived,
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no alert within 10 s (ingestion ${JSON.stringify(ingestion.stats())})`)),
            10_000,
          );
        }),
      ]);
      clearTimeout(timer);
      if (i >= 5) latencies.push(performance.now() - began);
    }
    off();
    await ingestion.stop();
    rows.push([
      kind,
      `alert latency over ${latencies.length} anomalous readings`,
      '',
      '',
      `p50 ${pct(latencies, 0.5).toFixed(2)} ms, p99 ${pct(latencies, 0.99).toFixed(2)} ms, max ${Math.max(...latencies).toFixed(2)} ms`,
      '',
    ]);
    return rows;
  } finally {
    await consumer.close();
    await producer.close();
    await tc.t.close();
  }
}

const rows: Array<Array<string | number>> = [];
const loadBefore = loadavg().map((x) => x.toFixed(2));
const only = process.argv.find((a) => a.startsWith('--storage='))?.slice('--storage='.length);
for (const kind of (['pglite', 'postgres'] as const).filter((k) => !only || k === only)) {
  try {
    rows.push(...(await run(kind)));
  } catch (error) {
    rows.push([kind, `not measured: ${(error as Error).message}`, '', '', '', '']);
  }
}
printTable(['storage', 'workload', 'stored', 'rejected', 'readings/s (publish → stored)', 'notes'], rows);
console.log(
  `\nNode ${process.version}; load average (1/5/15 min) before ${loadBefore.join(' ')}, after ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}.`,
);
process.exit(0);
