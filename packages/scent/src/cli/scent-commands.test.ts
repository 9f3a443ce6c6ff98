import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIo, registerErrorCodes, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { seededNormal } from '../domain/internal/test-rng.js';
import { scentModule } from '../module.js';

registerErrorCodes(scentModule.errorCodes!);

async function run(args: string[]) {
  const cap = captureIo();
  const program = new Command('quintessence');
  scentModule.cli!(program, {
    ...cap.io,
    withContext: () => Promise.reject(new Error('unused')),
    config: () => {
      throw new Error('unused');
    },
  });
  const code = await runProgram(program, args, cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

/** Three batches of two Gaussian classes in 4 features, each batch shifted by a common drift. */
function writeUciExt(dir: string): void {
  const normal = seededNormal(3);
  for (let b = 1; b <= 3; b++) {
    const rows: string[] = [];
    const labels: string[] = [];
    for (let i = 0; i < 60; i++) {
      const c = (i % 2) + 1;
      rows.push([0, 1, 2, 3].map((j) => ((c === 1 ? 0 : 3) + j * 0.1 + b * 0.8 + normal()).toFixed(5)).join(' '));
      labels.push(String(c));
    }
    writeFileSync(join(dir, `batch${b}_ext.txt`), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, `batch${b}_lab.txt`), `${labels.join('\n')}\n`);
  }
}

describe('scent bench drift', () => {
  it('prints per-batch metrics and the mean accuracy for setting 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qx-drift-'));
    writeUciExt(dir);
    const r = await run([
      'scent',
      'bench',
      'drift',
      '--data-format',
      'uci-ext',
      '--dir',
      dir,
      '--protocol',
      'setting2',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.batches.map((b: { train: string; test: string }) => `${b.train}->${b.test}`)).toEqual([
      'batch1->batch2',
      'batch2->batch3',
    ]);
    for (const b of json.batches) {
      expect(b.accuracy).toBeGreaterThan(0.9);
      expect(b).toHaveProperty('balanced_accuracy');
      expect(b).toHaveProperty('macro_f1');
    }
    expect(json.mean_accuracy).toBeCloseTo((json.batches[0].accuracy + json.batches[1].accuracy) / 2, 12);
  });

  it('reports bad input with a clear message and a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qx-drift-'));
    writeUciExt(dir);
    writeFileSync(join(dir, 'batch2_ext.txt'), '1 2 x 4\n');
    const bad = await run(['scent', 'bench', 'drift', '--data-format', 'uci-ext', '--dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('batch2_ext.txt:1: column 3 is not a number');
    const fmt = await run(['scent', 'bench', 'drift', '--data-format', 'nope', '--dir', dir]);
    expect(fmt.code).toBe(2);
    expect(fmt.err).toContain('--data-format must be one of');
    const missing = await run(['scent', 'bench', 'drift', '--data-format', 'uci-ext', '--dir', join(dir, 'absent')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Cannot read directory');
  });
});

describe('scent bench mspc', () => {
  it('flags other products and spares the good one on a drifted session after compensation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qx-mspc-'));
    const normal = seededNormal(11);
    const profile = (product: string, c: number, t: number) =>
      (product === 'beer' ? 1000 + 40 * c : 1000 + 40 * c + (c % 3 === 0 ? 300 : -200)) * (1 + 0.2 * Math.exp(-t / 30));
    for (const [s, session] of ['session_1', 'session_2'].entries()) {
      mkdirSync(join(dir, session));
      for (const product of ['beer', 'wine']) {
        for (let rep = 1; rep <= (product === 'beer' ? 12 : 6); rep++) {
          const lines = Array.from({ length: 8 }, (_, c) =>
            Array.from({ length: 60 }, (_, t) => (profile(product, c, t) + s * 150 + normal() * 2).toFixed(2)).join(
              ' ',
            ),
          );
          writeFileSync(join(dir, session, `${product}_${rep}.txt`), `******2016/5/19******\n${lines.join('\n')}\n`);
        }
      }
    }
    const r = await run([
      'scent',
      'bench',
      'mspc',
      '--data-format',
      'cqu',
      '--dir',
      dir,
      '--good',
      'beer',
      '--transfer-samples',
      '2',
    ]);
    expect(r.code).toBe(0);
    const [later] = JSON.parse(r.out).sessions;
    expect(later.session).toBe('session_2');
    expect(later.good_samples).toBe(10);
    expect(later.detection_rate).toBe(1);
    expect(later.auroc).toBeGreaterThan(0.95);
    const unknown = await run(['scent', 'bench', 'mspc', '--data-format', 'cqu', '--dir', dir, '--good', 'cola']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--good must be one of beer, wine');
  });
});
