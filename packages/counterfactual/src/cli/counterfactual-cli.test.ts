import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext, CliIo } from '@quintessence/platform';
import { captureIo, registerErrorCodes, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { counterfactualModule } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'qx-cf-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(argv: string[]) {
  const cap = captureIo();
  const program = new Command('quintessence');
  const ctx: CliContext = {
    ...(cap.io as CliIo),
    withContext: () => Promise.reject(new Error('no context in tests')),
    config: () => {
      throw new Error('no config in tests');
    },
  };
  registerErrorCodes(counterfactualModule.errorCodes ?? {});
  counterfactualModule.cli!(program, ctx);
  const code = await runProgram(program, argv, cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

describe('counterfactual swap (CLI contract)', () => {
  it('prints one {original, counterfactual, changed_tokens} object per input line', async () => {
    const input = file('s.txt', 'He thanked his mother.\n\nThe weather is nice.\r\nMr. Smith is a waiter.\n');
    const r = await run([
      'counterfactual',
      'swap',
      '--input',
      input,
      '--attribute',
      'gender',
      '--direction',
      'm2f',
      '--format',
      'jsonl',
    ]);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(Object.keys(lines[0])).toEqual(['original', 'counterfactual', 'changed_tokens']);
    expect(lines[0].counterfactual).toBe('She thanked her mother.');
    expect(lines[0].changed_tokens).toEqual([
      { start: 0, end: 2, from: 'He', to: 'She' },
      { start: 11, end: 14, from: 'his', to: 'her' },
    ]);
    expect(lines[1]).toEqual({
      original: 'The weather is nice.',
      counterfactual: 'The weather is nice.',
      changed_tokens: [],
    });
    expect(lines[2].counterfactual).toBe('Ms. Smith is a waitress.');
  });

  it('supports f2m and neutral', async () => {
    const input = file('f.txt', 'She gave her the book.\n');
    const f2m = await run(['counterfactual', 'swap', '--input', input, '--direction', 'f2m']);
    expect(JSON.parse(f2m.out).counterfactual).toBe('He gave him the book.');
    const n = await run(['counterfactual', 'swap', '--input', input, '--direction', 'neutral']);
    expect(JSON.parse(n.out).counterfactual).toBe('They gave them the book.');
  });

  it('refuses a bad direction, a missing file, a prohibited attribute and an over-long line with exit 2', async () => {
    const input = file('ok.txt', 'He runs.\n');
    const bad = await run(['counterfactual', 'swap', '--input', input, '--direction', 'x2y']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--direction must be one of m2f, f2m, neutral');
    const missing = await run(['counterfactual', 'swap', '--input', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('not found');
    const prohibited = await run(['counterfactual', 'swap', '--input', input, '--attribute', 'face_identity']);
    expect(prohibited.code).toBe(2);
    expect(prohibited.err).toContain('prohibited');
    const long = file('long.txt', `${'a '.repeat(50)}\n`);
    const tooLong = await run(['counterfactual', 'swap', '--input', long, '--max-length', '20']);
    expect(tooLong.code).toBe(2);
    expect(tooLong.err).toContain('line 1');
    expect(tooLong.err).not.toContain('    at ');
  });
});
