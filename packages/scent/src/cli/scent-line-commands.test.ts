import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIo, registerErrorCodes, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scentModule } from '../module.js';
import { openScentTestContext, type ScentTestContext } from '../testing/scent-test-context.js';

registerErrorCodes(scentModule.errorCodes!);

describe('scent demo, status, fingerprint and batch commands', () => {
  let tc: ScentTestContext;
  beforeAll(async () => {
    tc = await openScentTestContext('pglite');
    await tc.reset();
  });
  afterAll(async () => {
    await tc?.t.close();
  });

  async function run(args: string[]) {
    const cap = captureIo();
    const program = new Command('quintessence');
    scentModule.cli!(program, {
      ...cap.io,
      withContext: (use) => use(tc.ctx),
      config: () => tc.ctx.config,
    });
    const code = await runProgram(program, args, cap.io);
    return { code, out: cap.out(), err: cap.err() };
  }

  it('runs the demo through the pipeline, then shows status, models and batches', async () => {
    const demo = await run(['scent', 'demo', '--duration', '2', '--speed', '60']);
    expect(demo.err).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/ANOMALY enose-/);
    expect(demo.out).toMatch(/Summary/);
    expect(demo.out).toMatch(/injected faults detected \d\/3/);

    const status = await run(['scent', 'status', '--format', 'json']);
    expect(status.code).toBe(0);
    const s = JSON.parse(status.out);
    expect(s.sensors.map((x: { id: string }) => x.id)).toEqual(['enose-packaging', 'enose-process']);
    expect(s.sensors[0].calibrationState).toBe('valid');
    expect(s.models).toHaveLength(2);
    expect(s.recentAlerts.length).toBeGreaterThan(0);
    // the six production batches were assessed (none released yet); the reference batch stays open
    const assessed = s.openBatches.filter((b: { status: string }) => b.status === 'assessed');
    expect(assessed.length).toBe(6);
    expect(
      s.openBatches.filter((b: { id: string; status: string }) => b.status === 'open').map((b: { id: string }) => b.id),
    ).toEqual([expect.stringMatching(/^REF-/)]);

    const list = await run(['scent', 'fingerprint', 'list', '--format', 'json']);
    const models = JSON.parse(list.out) as Array<{ id: string; sensor: string }>;
    expect(models).toHaveLength(2);

    const dir = mkdtempSync(join(tmpdir(), 'scent-cli-'));
    const csv = join(dir, 'samples.csv');
    writeFileSync(csv, '# calibrated values\n0,0,0,0,0,0,0,0\n50,50,50,50,50,50,50,50\n');
    const score = await run([
      'scent',
      'fingerprint',
      'score',
      '--model',
      models[0]!.id,
      '--input',
      csv,
      '--format',
      'json',
    ]);
    expect(score.code).toBe(0);
    const scores = JSON.parse(score.out);
    expect(scores).toHaveLength(2);
    expect(scores[1].is_anomaly).toBe(true);
    const badCsv = join(dir, 'bad.csv');
    writeFileSync(badCsv, '1,2,x\n');
    const bad = await run(['scent', 'fingerprint', 'score', '--model', models[0]!.id, '--input', badCsv]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/line 1: not a row of numbers/);

    const batchId = assessed.find((b: { assessment: { decision: string } }) => b.assessment.decision === 'reject').id;
    process.env.QX_TEST_SIGN = 'quinn-password-1';
    const noReason = await run([
      'scent',
      'batch',
      'release',
      '--batch',
      batchId,
      '--username',
      'quinn',
      '--password-env',
      'QX_TEST_SIGN',
      '--reject',
    ]);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toMatch(/needs --reason/);
    const notQa = await run([
      'scent',
      'batch',
      'release',
      '--batch',
      batchId,
      '--username',
      'abe',
      '--password-env',
      'QX_TEST_SIGN',
      '--reject',
      '--reason',
      'x',
    ]);
    expect(notQa.code).toBe(2);
    expect(notQa.err).toMatch(/not a qa_approver/);
    const rejected = await run([
      'scent',
      'batch',
      'release',
      '--batch',
      batchId,
      '--username',
      'quinn',
      '--password-env',
      'QX_TEST_SIGN',
      '--reject',
      '--reason',
      'contamination',
      '--format',
      'json',
    ]);
    expect(rejected.err).toBe('');
    const view = JSON.parse(rejected.out);
    expect(view.batch.status).toBe('rejected');
    expect(view.signatures[0].meaning).toBe('rejected');
    delete process.env.QX_TEST_SIGN;
  }, 120_000);

  it('replays a CSV through the pipeline, counting rejected lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scent-replay-'));
    const t = tc.clock.now().getTime() + 3_600_000;
    const row = (i: number, values: string) => `${new Date(t + i * 1000).toISOString()},${values}`;
    const ok = '20,21,22,23,24,25,26,27';
    const csv = join(dir, 'replay.csv');
    writeFileSync(
      csv,
      [
        'timestamp,c0,c1,c2,c3,c4,c5,c6,c7',
        row(1, ok),
        row(2, ok),
        row(3, '1,2,3'),
        row(4, 'x,21,22,23,24,25,26,27'),
        row(5, ok),
      ].join('\n'),
    );
    const r = await run(['scent', 'replay', '--input', csv, '--sensor', 'enose-process', '--format', 'json']);
    expect(r.err).toBe('');
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ received: 5, accepted: 3, rejected: 2 });
    expect(out.first_errors[0]).toMatch(/^line 4: expected 8 channel values, got 3/);
    expect(out.first_errors[1]).toMatch(/^line 5: channels 0 are NaN/);
    const header = join(dir, 'header.csv');
    writeFileSync(header, 'time,a\n1,2\n');
    const bad = await run(['scent', 'replay', '--input', header, '--sensor', 'enose-process']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/line 1: the header must be timestamp/);
  });

  it('gives clear errors for bad options and unknown records', async () => {
    expect((await run(['scent', 'demo', '--duration', '0'])).err).toMatch(/--duration must be a number in 1..3600/);
    const unknown = await run(['scent', 'batch', 'assess', '--batch', 'NOPE']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown batch "NOPE"/);
    const train = await run([
      'scent',
      'fingerprint',
      'train',
      '--product',
      'orange-juice',
      '--sensor',
      'ghost',
      '--batches',
      'X',
    ]);
    expect(train.code).toBe(2);
    expect(train.err).toMatch(/Unknown sensor "ghost"/);
    expect((await run(['scent', 'batch', 'open', '--id', 'bad id', '--product', 'p', '--line', 'l'])).err).toMatch(
      /--id must be an id/,
    );
  });

  it('releases with --update-model, updates fingerprints explicitly and shows drift in status', async () => {
    const s = JSON.parse((await run(['scent', 'status', '--format', 'json'])).out);
    const approved = s.openBatches.find(
      (b: { status: string; assessment: { decision: string } | null }) =>
        b.status === 'assessed' && b.assessment?.decision === 'approve',
    );
    process.env.QX_TEST_SIGN = 'quinn-password-1';
    const released = await run([
      'scent',
      'batch',
      'release',
      '--batch',
      approved.id,
      '--username',
      'quinn',
      '--password-env',
      'QX_TEST_SIGN',
      '--update-model',
      '--format',
      'json',
    ]);
    delete process.env.QX_TEST_SIGN;
    expect(released.err).toBe('');
    const view = JSON.parse(released.out);
    expect(view.batch.status).toBe('released');
    // both e-noses measured the batch: one update (or refusal) per sensor, and a normal batch updates
    expect(view.modelUpdates.map((u: { sensorId: string }) => u.sensorId)).toEqual([
      'enose-packaging',
      'enose-process',
    ]);
    const updated = view.modelUpdates.filter((u: { updated: boolean }) => u.updated);
    expect(updated.length).toBeGreaterThan(0);
    expect(updated[0].model.training.adaptive.batchId).toBe(approved.id);

    const again = await run(['scent', 'fingerprint', 'update', '--model', updated[0].model.id, '--batch', approved.id]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already in the reference set/);
    const ghost = await run(['scent', 'fingerprint', 'update', '--model', 'nope', '--batch', approved.id]);
    expect(ghost.code).toBe(2);
    expect(ghost.err).toMatch(/Unknown fingerprint model "nope"/);
    const badOption = await run(['scent', 'fingerprint', 'update', '--model', 'x', '--batch', 'B', '--window', '1']);
    expect(badOption.code).toBe(2);
    expect(badOption.err).toMatch(/--window must be an integer in 3..100000/);

    const table = await run(['scent', 'status']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/drift_days/);
    expect(table.out).toMatch(/drift_due/);
  });
});
