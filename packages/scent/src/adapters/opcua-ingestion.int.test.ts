import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@quintessence/platform/testing';
import {
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  StatusCodes,
  type UAVariable,
  Variant,
  VariantArrayType,
} from 'node-opcua';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scentModule } from '../module.js';
import type { Alert } from '../ports.js';
import { type DemoLine, setupDemoLine } from '../service/scent-demo.js';
import type { ScentService } from '../service/scent-service.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import { openScentTestContext, type ScentTestContext, silentLogger } from '../testing/scent-test-context.js';
import { type OpcuaIngestion, startOpcuaIngestion } from './opcua-ingestion.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const channels = 8;
const arrayNode = 'demo-line-1.enose-process.channels';
const batchNode = 'demo-line-1.batch';
const channelNode = (j: number) => `demo-line-1.enose-packaging.ch${j}`;

/** A node-opcua server on 127.0.0.1 exposing the line's e-nose array node, per-channel nodes and the batch node. */
async function startLineServer(port: number, pki: string) {
  const server = new OPCUAServer({
    port,
    hostname: '127.0.0.1',
    alternateHostname: ['127.0.0.1'],
    serverCertificateManager: new OPCUACertificateManager({
      rootFolder: pki,
      automaticallyAcceptUnknownCertificate: true,
    }),
    securityModes: [MessageSecurityMode.None],
    securityPolicies: [SecurityPolicy.None],
    allowAnonymous: true,
    // every change of an exception-based item goes out (no 50 ms coalescing), so the test sees each value
    serverCapabilities: { minSupportedSampleRate: 0 },
  });
  await server.initialize();
  const addressSpace = server.engine.addressSpace!;
  const ns = addressSpace.getOwnNamespace();
  const line = ns.addObject({ organizedBy: addressSpace.rootFolder.objects, browseName: 'DemoLine1' });
  const array = ns.addVariable({
    componentOf: line,
    browseName: 'EnoseProcess',
    nodeId: `s=${arrayNode}`,
    dataType: 'Double',
    valueRank: 1,
    arrayDimensions: [channels],
  });
  const batch = ns.addVariable({
    componentOf: line,
    browseName: 'Batch',
    nodeId: `s=${batchNode}`,
    dataType: 'String',
  });
  const perChannel = Array.from({ length: channels }, (_, j) =>
    ns.addVariable({
      componentOf: line,
      browseName: `EnosePackagingCh${j}`,
      nodeId: `s=${channelNode(j)}`,
      dataType: 'Double',
    }),
  );
  await server.start();
  return { server, ns: ns.index, array, batch, perChannel, endpoint: `opc.tcp://127.0.0.1:${port}` };
}

const setArray = (v: UAVariable, values: readonly number[], t: number, status = StatusCodes.Good) =>
  v.setValueFromSource(
    new Variant({ dataType: DataType.Double, arrayType: VariantArrayType.Array, value: [...values] }),
    status,
    new Date(t),
  );
const setString = (v: UAVariable, value: string, t: number) =>
  v.setValueFromSource(new Variant({ dataType: DataType.String, value }), StatusCodes.Good, new Date(t));
const setDouble = (v: UAVariable, value: number, t: number) =>
  v.setValueFromSource(new Variant({ dataType: DataType.Double, value }), StatusCodes.Good, new Date(t));

describe('OPC UA ingestion from a node-opcua server on 127.0.0.1, storage on PostgreSQL', () => {
  let tc: ScentTestContext;
  let scent: ScentService;
  let demo: DemoLine;
  let lineServer: Awaited<ReturnType<typeof startLineServer>>;
  let ingestion: OpcuaIngestion;
  let start: number;
  let port: number;
  const dir = mkdtempSync(join(tmpdir(), 'qx-opcua-'));
  const alerts: Alert[] = [];
  let lastProcess: number[] = [];

  beforeAll(async () => {
    tc = await openScentTestContext('postgres');
    await tc.reset();
    scent = scentServiceFor(tc.ctx);
    start = tc.clock.now().getTime();
    demo = await setupDemoLine(scent, { startMs: start, referenceReadings: 60 });
    await scent.openBatch(
      { id: 'O1', productId: 'orange-juice', lineId: 'demo-line-1' },
      { principal: { kind: 'system', id: 't', name: 't', roles: ['admin'] } },
    );
    tc.events.subscribe<Alert>('scent.alerts.>', (a) => {
      alerts.push(a);
    });
    port = await freePort();
    lineServer = await startLineServer(port, join(dir, 'server-pki'));
    // values present before the client subscribes: the first notification of each item
    setString(lineServer.batch, 'O1', start);
    setArray(
      lineServer.array,
      demo.simulators.get('enose-process')!.sample('orange-juice', start + 1000).values,
      start + 1000,
    );
    const pack = demo.simulators.get('enose-packaging')!.sample('orange-juice', start + 1000).values;
    lineServer.perChannel.forEach((v, j) => {
      setDouble(v, pack[j]!, start + 1000);
    });
  }, 120_000);

  afterAll(async () => {
    await ingestion?.stop();
    await lineServer?.server.shutdown(0);
    await tc?.t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores array-node readings, rejects and counts bad values, and raises an alert on an injected anomaly', async () => {
    const ns = lineServer.ns;
    ingestion = await startOpcuaIngestion({
      endpoint: lineServer.endpoint,
      sensors: [
        { sensorId: 'enose-process', nodeId: `ns=${ns};s=${arrayNode}`, batchNodeId: `ns=${ns};s=${batchNode}` },
        {
          sensorId: 'enose-packaging',
          channelNodeIds: Array.from({ length: channels }, (_, j) => `ns=${ns};s=${channelNode(j)}`),
          batchNodeId: `ns=${ns};s=${batchNode}`,
        },
      ],
      samplingIntervalMs: 0,
      publishingIntervalMs: 20,
      service: scent,
      log: silentLogger,
      pkiDir: join(dir, 'client-pki'),
      acceptUnknownServerCertificate: true,
      reconnectInitialDelayMs: 100,
      reconnectMaxDelayMs: 500,
    });
    await ingestion.ready();
    expect(ingestion.stats().connected).toBe(true);
    // the initial values: one reading per sensor
    await until(() => ingestion.stats().stored === 2);

    const sim = demo.simulators.get('enose-process')!;
    const at = (i: number) => start + i * 1000;
    let expected = 2;
    const push = async (values: readonly number[], i: number, status = StatusCodes.Good) => {
      const before = ingestion.stats();
      setArray(lineServer.array, values, at(i), status);
      await until(() => {
        const s = ingestion.stats();
        return s.notifications > before.notifications && s.buffered === 0;
      });
    };
    for (let i = 2; i <= 20; i++) await push(sim.sample('orange-juice', at(i)).values, i);
    expected += 19;
    await push(
      sim.sample('orange-juice', at(21), [{ kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 1 }]).values,
      21,
    );
    expected += 1;
    // bad values: wrong channel count and NaN are rejected by the pipeline; a Bad status never reaches it
    await push([1, 2, 3], 22);
    await push([0.1, 0.2, Number.NaN, 0.4, 0.5, 0.6, 0.7, 0.8], 23);
    await push(sim.sample('orange-juice', at(24)).values, 24, StatusCodes.BadSensorFailure);
    lastProcess = sim.sample('orange-juice', at(25)).values;
    await push(lastProcess, 25);
    expected += 1;

    expect(ingestion.stats()).toMatchObject({
      stored: expected,
      rejected: 2,
      badStatus: 1,
      unknownSensor: 0,
      failed: 0,
      buffered: 0,
    });
    const stored = await scent.store.listReadings({ sensorId: 'enose-process', batchId: 'O1' });
    expect(stored).toHaveLength(expected - 1);
    expect(stored.map((r) => Date.parse(r.timestamp))).toEqual([
      ...Array.from({ length: 21 }, (_, k) => at(k + 1)),
      at(25),
    ]);
    expect(stored.filter((r) => r.isAnomaly).map((r) => Date.parse(r.timestamp))).toContain(at(21));
    expect(stored.find((r) => Date.parse(r.timestamp) === at(2))!.isAnomaly).toBe(false);
    expect((await scent.getSensor('enose-process')).rejectedReadings).toBe(2);
    await until(() => alerts.some((a) => a.kind === 'anomaly' && a.batchId === 'O1' && a.sensorId === 'enose-process'));

    // per-channel nodes: one reading assembled from the eight channel values
    const pack = demo.simulators.get('enose-packaging')!.sample('orange-juice', at(30)).values;
    lineServer.perChannel.forEach((v, j) => {
      setDouble(v, pack[j]!, at(30));
    });
    await until(
      async () => (await scent.store.listReadings({ sensorId: 'enose-packaging', batchId: 'O1' })).length >= 2,
    );
    const packaging = await scent.store.listReadings({ sensorId: 'enose-packaging', batchId: 'O1' });
    expect(packaging.at(-1)!.raw).toEqual(pack);
    expect(Date.parse(packaging.at(-1)!.timestamp)).toBe(at(30));
  }, 120_000);

  it('resumes through node-opcua reconnection after the server restarts, skipping the value sent again', async () => {
    const sim = demo.simulators.get('enose-process')!;
    const before = ingestion.stats();
    await lineServer.server.shutdown(0);
    await until(() => !ingestion.stats().connected);
    lineServer = await startLineServer(port, join(dir, 'server-pki'));
    setString(lineServer.batch, 'O1', start);
    // the restarted server still holds the last value; the new subscription delivers it again
    setArray(lineServer.array, lastProcess, start + 25_000);
    await until(() => ingestion.stats().duplicates > before.duplicates, 60_000);
    const t = start + 40_000;
    setArray(lineServer.array, sim.sample('orange-juice', t).values, t);
    await until(async () => {
      const last = (await scent.store.listReadings({ sensorId: 'enose-process', batchId: 'O1' })).at(-1);
      return last !== undefined && Date.parse(last.timestamp) === t;
    });
    expect(ingestion.stats().reconnections).toBeGreaterThanOrEqual(1);
    const stored = await scent.store.listReadings({ sensorId: 'enose-process', batchId: 'O1' });
    expect(Date.parse(stored.at(-1)!.timestamp)).toBe(t);
    expect(ingestion.stats()).toMatchObject({ failed: 0, rejected: before.rejected, stored: before.stored + 1 });
  }, 120_000);

  it('is started by the module when modules.scent.opcua is configured, and stops cleanly', async () => {
    await ingestion.stop();
    const ns = lineServer.ns;
    const config = {
      ...tc.ctx.config,
      modules: {
        scent: {
          opcua: {
            endpoint: lineServer.endpoint,
            sensors: [
              { sensorId: 'enose-process', nodeId: `ns=${ns};s=${arrayNode}`, batchNodeId: `ns=${ns};s=${batchNode}` },
            ],
            samplingIntervalMs: 0,
            pkiDir: join(dir, 'client-pki'),
            acceptUnknownServerCertificate: true,
          },
        },
      },
    };
    const ctx = { ...tc.ctx, config };
    const stop = await scentModule.start!(ctx);
    expect(stop).toBeTypeOf('function');
    const t = start + 50_000;
    const values = demo.simulators.get('enose-process')!.sample('orange-juice', t).values;
    setArray(lineServer.array, values, t);
    await until(async () => {
      const last = (await scent.store.listReadings({ sensorId: 'enose-process', batchId: 'O1' })).at(-1);
      return last !== undefined && Date.parse(last.timestamp) === t;
    });
    await stop!();
  }, 120_000);

  it('stops cleanly while node-opcua is still retrying an endpoint nobody listens on', async () => {
    const absent = await startOpcuaIngestion({
      endpoint: `opc.tcp://127.0.0.1:${await freePort()}`,
      sensors: [{ sensorId: 'enose-process', nodeId: 'ns=1;s=x' }],
      service: scent,
      log: silentLogger,
      pkiDir: join(dir, 'client-pki'),
      reconnectInitialDelayMs: 50,
      reconnectMaxDelayMs: 200,
    });
    const ready = absent.ready().then(
      () => 'subscribed',
      () => 'gave up',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(absent.stats().connected).toBe(false);
    const stopping = Date.now();
    await absent.stop();
    expect(Date.now() - stopping).toBeLessThan(5000);
    expect(await ready).toBe('gave up');
  }, 60_000);

  it('pauses publishing when maxBuffered readings wait for the pipeline, and loses none of them', async () => {
    const ns = lineServer.ns;
    ingestion = await startOpcuaIngestion({
      endpoint: lineServer.endpoint,
      sensors: [
        { sensorId: 'enose-process', nodeId: `ns=${ns};s=${arrayNode}`, batchNodeId: `ns=${ns};s=${batchNode}` },
      ],
      samplingIntervalMs: 0,
      publishingIntervalMs: 200,
      queueSize: 1000,
      maxBuffered: 8,
      insertChunk: 4,
      service: scent,
      log: silentLogger,
      pkiDir: join(dir, 'client-pki'),
      acceptUnknownServerCertificate: true,
    });
    await ingestion.ready();
    await until(() => ingestion.stats().duplicates + ingestion.stats().stored >= 1);
    const before = ingestion.stats();
    const sim = demo.simulators.get('enose-process')!;
    const t0 = start + 60_000;
    const n = 60;
    // all changes within one publishing interval: they arrive in one or two publish responses
    for (let i = 0; i < n; i++)
      setArray(lineServer.array, sim.sample('orange-juice', t0 + i * 100).values, t0 + i * 100);
    await until(() => ingestion.stats().stored >= before.stored + n, 30_000);
    const s = ingestion.stats();
    expect(s.pauses).toBeGreaterThanOrEqual(1);
    expect(s).toMatchObject({ stored: before.stored + n, rejected: before.rejected, failed: 0, buffered: 0 });
    const stored = await scent.store.listReadings({ sensorId: 'enose-process', batchId: 'O1' });
    expect(stored.slice(-n).map((r) => Date.parse(r.timestamp))).toEqual(
      Array.from({ length: n }, (_, i) => t0 + i * 100),
    );
  }, 120_000);
});
