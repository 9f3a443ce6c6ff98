import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scentModule } from '../module.js';
import { type DemoLine, setupDemoLine } from '../service/scent-demo.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import { openScentTestApp, type ScentTestApp } from '../testing/scent-test-app.js';

describe('scent HTTP routes under /v1', () => {
  let t: ScentTestApp;
  let simulators: DemoLine['simulators'];
  let start: number;

  beforeAll(async () => {
    t = await openScentTestApp({
      roleKeys: ['operator', 'qa_approver', 'viewer'],
      seed: async (tc) => {
        start = tc.clock.now().getTime();
        ({ simulators } = await setupDemoLine(scentServiceFor(tc.ctx), { startMs: start, referenceReadings: 60 }));
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('declares a scent permission on every route', () => {
    const scent = t.routes.filter((r) => r.url.startsWith('/v1/'));
    expect(scent.length).toBeGreaterThanOrEqual(12);
    for (const r of scent) {
      expect(r.public).toBe(false);
      expect(r.permission).toMatch(/^scent:/);
      expect(Object.keys(scentModule.permissions!)).toContain(r.permission);
    }
  });

  it('lists sensors, needs credentials, and 404s an unknown sensor', async () => {
    const list = await t.call('viewer', 'GET', '/v1/sensors');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((s: { id: string }) => s.id)).toEqual(['enose-packaging', 'enose-process']);
    expect((await t.app.inject({ method: 'GET', url: '/v1/sensors' })).statusCode).toBe(401);
    const one = await t.call('viewer', 'GET', '/v1/sensors/enose-process');
    expect(one.json()).toMatchObject({ id: 'enose-process', channels: 8, calibrationState: 'valid' });
    const missing = await t.call('viewer', 'GET', '/v1/sensors/ghost');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('SCENT_UNKNOWN_SENSOR');
  });

  it('ingests single and batch readings; bad ones get a 422 with per-reading results while the rest are stored', async () => {
    const sim = simulators.get('enose-process')!;
    const opened = await t.call('operator', 'POST', '/v1/quality/batches', {
      id: 'H1',
      product_id: 'orange-juice',
      line_id: 'demo-line-1',
    });
    expect(opened.statusCode).toBe(201);
    const at = (i: number) => start + i * 1000;
    const single = await t.call('operator', 'POST', '/v1/sensors/enose-process/readings', {
      timestamp: new Date(at(1)).toISOString(),
      values: sim.sample('orange-juice', at(1)).values,
      metadata: { batch_id: 'H1' },
    });
    expect(single.statusCode).toBe(201);
    expect(single.json()).toMatchObject({ received: 1, accepted: 1, rejected: 0 });
    expect(single.json().results[0].score.model_id).toBeTruthy();
    expect(
      (await t.call('viewer', 'POST', '/v1/sensors/enose-process/readings', { timestamp: 1, values: [] })).statusCode,
    ).toBe(403);
    const good = Array.from({ length: 30 }, (_, i) => ({
      timestamp: at(i + 2),
      values: sim.sample('orange-juice', at(i + 2)).values,
      metadata: { batch_id: 'H1' },
    }));
    const batch = await t.call('operator', 'POST', '/v1/sensors/enose-process/readings', {
      readings: [
        ...good.slice(0, 10),
        { timestamp: at(50), values: [1, 2, 3], metadata: { batch_id: 'H1' } },
        { timestamp: at(51), values: ['NaN', ...good[0]!.values.slice(1)], metadata: { batch_id: 'H1' } },
        { timestamp: at(52), values: [null, ...good[0]!.values.slice(1)], metadata: { batch_id: 'H1' } },
        { ...good[0]!, timestamp: at(1) },
        ...good.slice(10),
      ],
    });
    expect(batch.statusCode).toBe(422);
    const body = batch.json();
    expect(body.error.code).toBe('SCENT_BAD_READINGS');
    expect(body.error.message).toMatch(/4 of 34 readings rejected/);
    expect(body.error.details).toMatchObject({ received: 34, accepted: 30, rejected: 4 });
    const status = await t.call('viewer', 'GET', '/v1/quality/batch/H1/status');
    expect(status.json().counts.readings).toBe(31);
    expect((await t.call('viewer', 'GET', '/v1/sensors/enose-process')).json().rejectedReadings).toBe(4);
    const ghost = await t.call('operator', 'POST', '/v1/sensors/ghost/readings', { timestamp: at(99), values: [1] });
    expect(ghost.statusCode).toBe(404);
    const malformed = await t.call('operator', 'POST', '/v1/sensors/enose-process/readings', { values: 'x' });
    expect(malformed.statusCode).toBe(400);
  });

  it('analyzes, assesses, releases with a qa_approver signature and reports status', async () => {
    const sim = simulators.get('enose-process')!;
    const analyze = await t.call('operator', 'POST', '/v1/quality/analyze', {
      product_id: 'orange-juice',
      sensor_id: 'enose-process',
      values: sim.sample('orange-juice', start + 200_000, [{ kind: 'contamination', compound: 'ammonia', ppm: 5 }])
        .values,
    });
    expect(analyze.statusCode).toBe(200);
    expect(analyze.json().is_anomaly).toBe(true);
    const assess = await t.call('operator', 'POST', '/v1/quality/batch/H1/assess');
    expect(assess.statusCode).toBe(200);
    expect(assess.json()).toMatchObject({ status: 'assessed', assessment: { samples: 31 } });
    expect(
      (
        await t.call('operator', 'POST', '/v1/quality/batch/H1/release', {
          decision: 'release',
          username: 'oscar',
          password: 'oscar-password-1',
        })
      ).statusCode,
    ).toBe(403);
    const noReason = await t.call('qa_approver', 'POST', '/v1/quality/batch/H1/release', {
      decision: 'reject',
      username: 'quinn',
      password: 'quinn-password-1',
    });
    expect(noReason.statusCode).toBe(400);
    // an API key is not the signer: the signature must come from the calling user
    const other = await t.call('qa_approver', 'POST', '/v1/quality/batch/H1/release', {
      decision: 'release',
      username: 'quinn',
      password: 'quinn-password-1',
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/request comes from qa_approver-key/);
    const tokens = await t.tc.auth.login({ username: 'quinn', password: 'quinn-password-1' });
    const released = await t.app.inject({
      method: 'POST',
      url: '/v1/quality/batch/H1/release',
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      payload: { decision: 'release', username: 'quinn', password: 'quinn-password-1' },
    });
    expect(released.statusCode).toBe(200);
    expect(released.json().batch).toMatchObject({ id: 'H1', status: 'released', decidedBy: 'quinn' });
    expect(released.json().signatures[0]).toMatchObject({ meaning: 'released', signerUsername: 'quinn' });
    const status = (await t.call('viewer', 'GET', '/v1/quality/batch/H1/status')).json();
    expect(status.batch.status).toBe('released');
    expect(status.signatures).toHaveLength(1);
    const missing = await t.call('qa_approver', 'POST', '/v1/quality/batch/NOPE/release', {
      decision: 'release',
      username: 'quinn',
      password: 'x',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('trains, lists and compares fingerprints', async () => {
    const sim = simulators.get('enose-packaging')!;
    // seedDemo is idempotent: the line already has its fingerprints
    await scentModule.seedDemo!(t.tc.ctx);
    await scentModule.seedDemo!(t.tc.ctx);
    const ref = (await t.call('viewer', 'GET', '/v1/analytics/fingerprints?product_id=orange-juice')).json();
    expect(ref).toHaveLength(2);
    expect(ref.map((m: { version: number }) => m.version)).toEqual([1, 1]);
    const trained = await t.call('qa_approver', 'POST', '/v1/analytics/fingerprints', {
      product_id: 'orange-juice',
      sensor_id: 'enose-packaging',
      batch_ids: ref[0].training.batches,
    });
    expect(trained.statusCode).toBe(201);
    expect(trained.json().version).toBe(2);
    expect(
      (
        await t.call('operator', 'POST', '/v1/analytics/fingerprints', {
          product_id: 'orange-juice',
          sensor_id: 'enose-packaging',
          batch_ids: ['x'],
        })
      ).statusCode,
    ).toBe(403);
    const status = await t.call('viewer', 'GET', '/v1/sensors/enose-packaging');
    const cal = status.json().calibration;
    const calibrated = (raw: number[]) => raw.map((v, j) => (v - cal.offset[j]) * cal.scale[j]);
    const compare = await t.call('operator', 'POST', `/v1/analytics/fingerprints/${trained.json().id}/compare`, {
      samples: [
        calibrated(sim.sample('orange-juice', start + 300_000).values),
        calibrated(sim.sample('lager-beer', start + 301_000).values),
      ],
    });
    expect(compare.statusCode).toBe(200);
    const [same, beer] = compare.json().results;
    expect(same.similarity).toBeGreaterThan(beer.similarity);
    expect(beer.is_anomaly).toBe(true);
    expect(
      (await t.call('operator', 'POST', '/v1/analytics/fingerprints/nope/compare', { samples: [[1]] })).statusCode,
    ).toBe(404);
  });

  it('updates a fingerprint from a released batch (409 when a guard refuses) and shows drift in sensor status', async () => {
    const models = (await t.call('viewer', 'GET', '/v1/analytics/fingerprints?product_id=orange-juice')).json();
    const latest = models.filter((m: { sensorId: string }) => m.sensorId === 'enose-process').at(-1);
    const url = `/v1/analytics/fingerprints/${latest.id}/update`;
    expect((await t.call('viewer', 'POST', url, { batch_id: 'H1' })).statusCode).toBe(403);
    expect((await t.call('qa_approver', 'POST', url, { batch_id: 'H1', max_step_shift: -1 })).statusCode).toBe(400);
    const ghost = await t.call('qa_approver', 'POST', '/v1/analytics/fingerprints/nope/update', { batch_id: 'H1' });
    expect(ghost.statusCode).toBe(404);
    const refused = await t.call('qa_approver', 'POST', url, { batch_id: 'H1', max_step_shift: 1e-6 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'SCENT_MODEL_UPDATE_REFUSED',
      details: { updated: false, reason: 'step_shift', batchId: 'H1' },
    });
    const ok = await t.call('qa_approver', 'POST', url, { batch_id: 'H1' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      updated: true,
      previousModelId: latest.id,
      model: { version: latest.version + 1 },
    });
    const again = await t.call('qa_approver', 'POST', `/v1/analytics/fingerprints/${ok.json().model.id}/update`, {
      batch_id: 'H1',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SCENT_CONFLICT');
    // one batch since the calibration is one baseline point: no slope yet
    const sensor = (await t.call('viewer', 'GET', '/v1/sensors/enose-process')).json();
    expect(sensor.drift).toMatchObject({ state: 'insufficient_data', points: 1, recalibrationDue: false });
  });
});
