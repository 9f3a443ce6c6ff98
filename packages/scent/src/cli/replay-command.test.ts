import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../../test/support/shared-data.js';
import type { ScentService } from '../service/scent-service.js';
import { scentServiceFor } from '../service/scent-service-registry.js';
import { runScentCli } from '../testing/scent-cli.js';
import { openScentTestContext, type ScentTestContext } from '../testing/scent-test-context.js';
import { cquReplaySource, type ReplayItem, replayIntoPipeline } from './replay-command.js';

const fixtures = fileURLToPath(new URL('./fixtures/replay/', import.meta.url));

describe('scent replay --data-format csv|uci-raw|cqu', () => {
  let tc: ScentTestContext;
  let scent: ScentService;
  beforeAll(async () => {
    tc = await openScentTestContext('pglite');
    await tc.reset();
    scent = scentServiceFor(tc.ctx);
    await scent.upsertSite({ id: 'lab', name: 'Lab' });
    await scent.upsertLine({ id: 'lab-line', siteId: 'lab', name: 'Lab line' });
    for (const [id, channels] of [
      ['uci-array', 128],
      ['cqu-nose', 32],
      ['cqu-paced', 32],
      ['cqu-bounded', 32],
      ['uci-shared', 128],
      ['cqu-shared', 32],
    ] as const) {
      await scent.upsertSensor({ id, line_id: 'lab-line', stage: 'process', kind: 'MOS', channels });
    }
  });
  afterAll(async () => {
    await tc?.t.close();
  });

  const run = (args: string[]) => runScentCli(tc, args);

  it('replays UCI drift raw rows of a batch folder in ascending batch order, 128 features per reading', async () => {
    const r = await run([
      'scent',
      'replay',
      '--data-format',
      'uci-raw',
      '--input',
      join(fixtures, 'uci-raw'),
      '--sensor',
      'uci-array',
      '--start',
      '2026-01-01T00:00:00Z',
      '--interval-ms',
      '60000',
      '--format',
      'json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ received: 4, accepted: 4, rejected: 0, pipeline_calls: 1 });
    const stored = await scent.store.listReadings({ sensorId: 'uci-array' });
    expect(stored.map((s) => s.timestamp)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:01:00.000Z',
      '2026-01-01T00:02:00.000Z',
      '2026-01-01T00:03:00.000Z',
    ]);
    const batch2 = readFileSync(join(fixtures, 'uci-raw', 'batch2.csv'), 'utf8')
      .split('\n')[0]!
      .split(',');
    expect(stored[2]!.raw).toEqual(batch2.slice(2).map(Number));
    expect(stored[0]!.raw).toHaveLength(128);
  });

  it('replays CQU raw series in header-time order, one reading per sample, in chunked inserts', async () => {
    const r = await run([
      'scent',
      'replay',
      '--data-format',
      'cqu',
      '--input',
      join(fixtures, 'cqu'),
      '--sensor',
      'cqu-nose',
      '--chunk',
      '5',
      '--format',
      'json',
    ]);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ received: 24, accepted: 24, rejected: 0, pipeline_calls: 5 });
    const stored = await scent.store.listReadings({ sensorId: 'cqu-nose' });
    // wine (08:50) before beer (09:00), one sample per second, channel j = line j of the file
    expect(stored[0]!.timestamp).toBe('2016-07-28T08:50:00.000Z');
    expect(stored[12]!.timestamp).toBe('2016-07-28T09:00:00.000Z');
    expect(stored[13]!.timestamp).toBe('2016-07-28T09:00:01.000Z');
    const beer = readFileSync(join(fixtures, 'cqu', 'beer_50_50_1_zhiliu.txt'), 'utf8')
      .split('\n')
      .filter((l) => /^\d/.test(l))
      .map((l) => l.trim().split(/\s+/).map(Number));
    expect(stored[13]!.raw).toEqual(beer.map((channel) => channel[1]));
  });

  it('paces readings at --speed and batches the ones already due', async () => {
    const started = Date.now();
    const totals = await replayIntoPipeline(
      scent,
      cquReplaySource(join(fixtures, 'cqu', 'beer_50_50_1_zhiliu.txt'), { baseMs: 0, intervalMs: 1000 }),
      { sensorId: 'cqu-paced', speed: 10, chunk: 100 },
    );
    const elapsed = Date.now() - started;
    // 12 samples one second apart at 10x: the last is due 1.1 s after the first
    expect(elapsed).toBeGreaterThanOrEqual(1090);
    expect(totals).toMatchObject({ received: 12, accepted: 12 });
    // each reading waited for its own time, so no two went in one call
    expect(totals.pipeline_calls).toBe(12);
  });

  it('pulls the source no further ahead of the pipeline than one chunk (backpressure)', async () => {
    let pulled = 0;
    const maxAhead: number[] = [];
    async function* counted(): AsyncGenerator<ReplayItem> {
      for await (const item of cquReplaySource(join(fixtures, 'cqu'), { baseMs: 0, intervalMs: 1000 })) {
        pulled += 1;
        yield item;
      }
    }
    let ingested = 0;
    const observed: ScentService = {
      ...scent,
      ingest: async (sensorId, readings) => {
        maxAhead.push(pulled - ingested);
        const r = await scent.ingest(sensorId, readings);
        ingested += readings.length;
        return r;
      },
    };
    const totals = await replayIntoPipeline(observed, counted(), { sensorId: 'cqu-bounded', speed: 0, chunk: 7 });
    expect(totals).toMatchObject({ received: 24, accepted: 24, pipeline_calls: 4 });
    expect(Math.max(...maxAhead)).toBe(7);
  });

  it('stops with the file and line of a malformed file, non-zero, before storing anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qx-replay-bad-'));
    const good = readFileSync(join(fixtures, 'uci-raw', 'batch1.csv'), 'utf8').split('\n')[0]!;
    writeFileSync(join(dir, 'batch1.csv'), `${good}\n${good}\nMethane,1.0,${good.split(',').slice(2).join(',')}\n`);
    const uci = await run(['scent', 'replay', '--data-format', 'uci-raw', '--input', dir, '--sensor', 'uci-array']);
    expect(uci.code).toBe(2);
    expect(uci.err).toMatch(/batch1\.csv:3: unknown gas "Methane"/);
    expect(await scent.store.listReadings({ sensorId: 'uci-array' })).toHaveLength(4);

    const short = join(dir, 'short.txt');
    const beer = readFileSync(join(fixtures, 'cqu', 'beer_50_50_1_zhiliu.txt'), 'utf8').split('\r\n');
    beer[5] = beer[5]!.trim().split(' ').slice(0, 11).join(' ');
    writeFileSync(short, beer.join('\r\n'));
    const cqu = await run(['scent', 'replay', '--data-format', 'cqu', '--input', short, '--sensor', 'cqu-nose']);
    expect(cqu.code).toBe(2);
    expect(cqu.err).toMatch(/short\.txt:6: 11 samples, expected 12 like line 3/);

    const cell = join(dir, 'cell.txt');
    beer[5] = beer[5]!.replace(/^\d+/, '2x1');
    writeFileSync(cell, beer.join('\r\n'));
    const bad = await run(['scent', 'replay', '--data-format', 'cqu', '--input', cell, '--sensor', 'cqu-nose']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/cell\.txt:6: column 1 is not a number \("2x1"\)/);

    const missing = await run([
      'scent',
      'replay',
      '--data-format',
      'cqu',
      '--input',
      join(dir, 'nope'),
      '--sensor',
      'x',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Cannot read .*nope: ENOENT/);
    const format = await run(['scent', 'replay', '--data-format', 'xlsx', '--input', dir, '--sensor', 'x']);
    expect(format.code).toBe(2);
    expect(format.err).toMatch(/--data-format must be one of csv, uci-raw, cqu/);
  });

  it('exits non-zero with --strict when readings were rejected, after storing the good ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qx-replay-strict-'));
    const csv = join(dir, 'r.csv');
    const row = (s: number, v: string) => `2030-01-01T00:00:0${s}Z,${v}`;
    const ok = Array.from({ length: 32 }, (_, j) => 100 + j).join(',');
    writeFileSync(
      csv,
      [
        'timestamp,' + Array.from({ length: 32 }, (_, j) => `c${j}`).join(','),
        row(1, ok),
        row(2, '1,2'),
        row(3, ok),
      ].join('\n'),
    );
    const r = await run(['scent', 'replay', '--input', csv, '--sensor', 'cqu-nose', '--strict', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ received: 3, accepted: 2, rejected: 1 });
    expect(r.err).toMatch(/1 of 3 readings rejected; first: line 3: expected 32 channel values, got 2/);
  });

  it('registers the sensor with --register, taking the channel count from the file', async () => {
    const args = (sensor: string, line: string) => [
      'scent',
      'replay',
      '--data-format',
      'cqu',
      '--input',
      join(fixtures, 'cqu', 'wine_50_50_1_zhiliu.txt'),
      '--sensor',
      sensor,
      '--register',
      line,
      '--format',
      'json',
    ];
    const r = await run(args('cqu-new', 'lab-line'));
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ received: 12, accepted: 12 });
    expect(await scent.getSensor('cqu-new')).toMatchObject({ channels: 32, lineId: 'lab-line', kind: 'MOS' });
    const mismatch = await run(args('uci-array', 'lab-line'));
    expect(mismatch.code).toBe(2);
    expect(mismatch.err).toMatch(/Sensor uci-array has 128 channels; the file has 32/);
    const noLine = await run(args('cqu-other', 'no-such-line'));
    expect(noLine.code).toBe(2);
    expect(noLine.err).toMatch(/Unknown line "no-such-line"/);
  });

  describe.skipIf(!hasSharedData)('on the shared e-nose data', () => {
    it('replays UCI batch 1 and a CQU session completely', async () => {
      const uci = await run([
        'scent',
        'replay',
        '--data-format',
        'uci-raw',
        '--input',
        sharedData('enose', 'uci_drift_raw_csv', 'batch1.csv'),
        '--sensor',
        'uci-shared',
        '--chunk',
        '500',
        '--format',
        'json',
      ]);
      expect(uci.err).toBe('');
      expect(JSON.parse(uci.out)).toMatchObject({ received: 445, accepted: 445, rejected: 0 });
      const cqu = await run([
        'scent',
        'replay',
        '--data-format',
        'cqu',
        '--input',
        sharedData('enose', 'cqu_4months_beverages', 'session_20160518'),
        '--sensor',
        'cqu-shared',
        '--chunk',
        '1000',
        '--format',
        'json',
      ]);
      expect(cqu.err).toBe('');
      // 180 samples per file; the two files without a time header follow the last timed one, so none is out of order
      const files = readdirSync(sharedData('enose', 'cqu_4months_beverages', 'session_20160518')).filter((f) =>
        f.endsWith('.txt'),
      ).length;
      expect(files).toBeGreaterThan(0);
      expect(JSON.parse(cqu.out)).toMatchObject({ received: files * 180, accepted: files * 180, rejected: 0 });
    }, 120_000);
  });
});
