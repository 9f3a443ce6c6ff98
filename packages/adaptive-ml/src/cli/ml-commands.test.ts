import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliContext, captureIo, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../../test/support/shared-data.js';
import { adaptiveMlModule } from '../module.js';

const dir = mkdtempSync(join(tmpdir(), 'adaptive-ml-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function run(argv: string[]) {
  const cap = captureIo();
  // The ml commands never open platform services, so the context's service hooks are stubs that fail loudly.
  const cli: CliContext = {
    ...cap.io,
    withContext: () => Promise.reject(new Error('ml commands need no module context')),
    config: () => {
      throw new Error('ml commands need no configuration');
    },
  };
  const program = new Command('quintessence');
  adaptiveMlModule.cli!(program, cli);
  const code = await runProgram(program, ['ml', ...argv], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

const blobs = (() => {
  const rows = ['a,b,colour,label'];
  for (let i = 0; i < 300; i++) {
    const up = i % 3 === 0;
    rows.push(
      `${up ? 2 + (i % 7) / 10 : -2 - (i % 5) / 10},${(i % 11) / 10},${up ? 'red' : 'blue'},${up ? 'yes' : 'no'}`,
    );
  }
  return `${rows.join('\n')}\n`;
})();

describe('ml evaluate', () => {
  it('runs progressive validation on any CSV and prints accuracy, F1 and the timeline as JSON', async () => {
    const input = file('blobs.csv', blobs);
    const r = await run(['evaluate', '--input', input, '--target', 'label', '--model', 'nb', '--checkpoints', '10']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.n).toBe(300);
    expect(report.classes).toEqual(['no', 'yes']);
    expect(report.posLabel).toBe('yes');
    expect(report.accuracy).toBeGreaterThan(0.95);
    expect(report.timeline).toHaveLength(10);
    expect(report.timeline.at(-1).step).toBe(300);
    expect(report.samplesPerSecond).toBeGreaterThan(0);
  });

  it.each(['lr', 'nb', 'ht', 'hat', 'arf', 'knn'])(
    'evaluates --model %s with a seed and prints a table on request',
    async (model) => {
      const input = file(`blobs-${model}.csv`, blobs);
      const r = await run(['evaluate', '--input', input, '--target', 'label', '--model', model, '--seed', '7']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).accuracy).toBeGreaterThan(0.8);
      const table = await run([
        'evaluate',
        '--input',
        input,
        '--target',
        'label',
        '--model',
        model,
        '--format',
        'table',
        '--checkpoints',
        '3',
      ]);
      expect(table.out.split('\n')[0]).toMatch(/^step\s+accuracy\s+f1/);
    },
  );

  it('reports a malformed row with its line number and exits 2', async () => {
    const input = file('bad.csv', 'a,b,label\n1,2,yes\n3,4,no\n5,oops,yes\n');
    const r = await run(['evaluate', '--input', input, '--target', 'label', '--model', 'lr']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 4: column "b" expects a number, found "oops"/);
    expect(r.err).not.toMatch(/at .*\.ts/);
  });

  it('rejects a wrong field count, a missing target column, an unknown model and a missing file', async () => {
    const short = file('short.csv', 'a,b,label\n1,2,yes\n3,no\n');
    expect((await run(['evaluate', '--input', short, '--target', 'label', '--model', 'nb'])).err).toMatch(
      /line 3: expected 3 fields, found 2/,
    );
    expect((await run(['evaluate', '--input', short, '--target', 'nope', '--model', 'nb'])).err).toMatch(
      /target column "nope" not in header/,
    );
    const bad = await run(['evaluate', '--input', short, '--target', 'label', '--model', 'svm']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--model must be one of lr, nb, ht, hat, arf, knn/);
    const missing = await run(['evaluate', '--input', join(dir, 'absent.csv'), '--target', 'label', '--model', 'nb']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/input file not found/);
  });

  it.skipIf(!hasSharedData)("reproduces River's published Phishing LR result through the CLI", async () => {
    const r = await run([
      'evaluate',
      '--input',
      sharedData('streaming', 'phishing.csv'),
      '--target',
      'is_phishing',
      '--model',
      'lr',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.accuracy).toBeCloseTo(0.8872, 6);
    expect(report.f1).toBeCloseTo(0.871233, 6);
    expect(report.timeline).toHaveLength(50);
  });
});

describe('ml drift', () => {
  it.skipIf(!hasSharedData)('prints ADWIN drift indices for a one-number-per-line stream', async () => {
    const input = sharedData('streaming', 'drift_fixtures', 'stream_A_seed12345.txt');
    const r = await run(['drift', '--input', input, '--detector', 'adwin', '--param', 'delta=0.002']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.drifts[0]).toBe(1023);
    expect(report.n).toBe(2000);
  });

  it.skipIf(!hasSharedData)('reads TCPD series JSON (first value column)', async () => {
    const r = await run([
      'drift',
      '--input',
      sharedData('streaming', 'tcpd', 'quality_control_2.json'),
      '--detector',
      'ph',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).n).toBe(283);
  });

  it('rejects unknown parameters, bad values and non-numeric lines', async () => {
    const input = file('numbers.txt', '1\n2\n3\n');
    const unknown = await run(['drift', '--input', input, '--detector', 'adwin', '--param', 'speed=3']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown parameter "speed" for adwin; allowed: delta/);
    const range = await run(['drift', '--input', input, '--detector', 'adwin', '--param', 'delta=5']);
    expect(range.code).toBe(2);
    expect(range.err).toMatch(/delta must be in \(0, 1\)/);
    const text = file('text.txt', '1\n2\nthree\n');
    const bad = await run(['drift', '--input', text, '--detector', 'ddm']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/line 3: expected a number, found "three"/);
  });
});
