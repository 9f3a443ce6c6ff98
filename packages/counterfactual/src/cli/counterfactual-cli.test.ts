import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext, CliIo } from '@quintessence/platform';
import { captureIo, registerErrorCodes, runProgram } from '@quintessence/platform';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../../test/support/shared-data.js';
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

describe('counterfactual metrics (CLI contract)', () => {
  const csv = file(
    'm.csv',
    'y,yhat,sex,race\n1,1,F,A\n1,1,F,B\n1,0,F,A\n0,1,F,B\n0,0,F,A\n0,0,F,B\n1,1,M,A\n1,0,M,B\n0,0,M,A\n0,0,M,B\n',
  );

  it('prints {groups, demographic_parity_difference, ..._ratio, equalized_odds_difference, ..._ratio}', async () => {
    const r = await run([
      'counterfactual',
      'metrics',
      '--input',
      csv,
      '--label-col',
      'y',
      '--pred-col',
      'yhat',
      '--group-col',
      'sex',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(Object.keys(out)).toEqual([
      'groups',
      'demographic_parity_difference',
      'demographic_parity_ratio',
      'equalized_odds_difference',
      'equalized_odds_ratio',
    ]);
    expect(out.groups.F).toEqual({
      n: 6,
      selection_rate: 0.5,
      tpr: 2 / 3,
      fpr: 1 / 3,
      fnr: 1 / 3,
      ppv: 2 / 3,
      accuracy: 4 / 6,
    });
    expect(out.groups.M).toEqual({ n: 4, selection_rate: 0.25, tpr: 0.5, fpr: 0, fnr: 0.5, ppv: 1, accuracy: 0.75 });
    expect(out.demographic_parity_difference).toBe(0.25);
    expect(out.demographic_parity_ratio).toBe(0.5);
    expect(out.equalized_odds_difference).toBe(1 / 3);
    expect(out.equalized_odds_ratio).toBe(0);
  });

  it('supports intersectional groups, the 80% rule and seeded bootstrap CIs', async () => {
    const args = [
      'counterfactual',
      'metrics',
      '--input',
      csv,
      '--label-col',
      'y',
      '--pred-col',
      'yhat',
      '--group-col',
      'sex,race',
      '--bootstrap',
      '200',
      '--seed',
      '3',
    ];
    const a = await run(args);
    const b = await run(args);
    expect(a.code).toBe(0);
    const out = JSON.parse(a.out);
    expect(Object.keys(out.groups)).toEqual(['F|A', 'F|B', 'M|A', 'M|B']);
    expect(out.four_fifths_rule.passes).toBe(false);
    // F|A rows: (1,1) tp, (1,0) fn, (0,0) tn
    expect(out.detail['F|A'].counts).toEqual({ tp: 1, fp: 0, tn: 1, fn: 1 });
    expect(out.tests.map((t: { hypothesis: string }) => t.hypothesis)).toContain(
      'equal selection rates (demographic parity)',
    );
    expect(out.ci.demographic_parity_difference.resamples).toBe(200);
    expect(a.out).toBe(b.out);
  });

  it('rejects unknown columns and non-binary values with exit 2 and a clear message', async () => {
    const bad = await run([
      'counterfactual',
      'metrics',
      '--input',
      csv,
      '--label-col',
      'nope',
      '--pred-col',
      'yhat',
      '--group-col',
      'sex',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--label-col "nope" is not a column');
    const nonBinary = file('nb.csv', 'y,yhat,g\n1,0.7,a\n');
    const nb = await run([
      'counterfactual',
      'metrics',
      '--input',
      nonBinary,
      '--label-col',
      'y',
      '--pred-col',
      'yhat',
      '--group-col',
      'g',
    ]);
    expect(nb.code).toBe(2);
    expect(nb.err).toContain('CSV line 2: column "yhat" must be 0 or 1');
  });
});

describe('counterfactual generate | evaluate | audit | report', () => {
  const sentences = file(
    'audit.txt',
    [
      'He is an excellent engineer.',
      'She is a wonderful nurse.',
      'The manager praised his team.',
      'Her work was outstanding.',
      'He is a good leader.',
      'The actress gave a brilliant performance.',
    ].join('\n'),
  );

  it('generates gender pairs with paraphrases and controls as JSONL', async () => {
    const r = await run(['counterfactual', 'generate', '--input', sentences, '--strategies', 'hedge,active-passive']);
    expect(r.code).toBe(0);
    const pairs = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(pairs).toContainEqual({
      attribute: 'gender',
      direction: 'm2f',
      strategy: 'active-passive',
      control: false,
      original: 'His team was praised by the manager.',
      counterfactual: 'Her team was praised by the manager.',
    });
    expect(pairs.filter((p) => p.control)).toHaveLength(6);
  });

  it('evaluates pairs with a built-in model', async () => {
    const pairs = file(
      'pairs.jsonl',
      `${JSON.stringify({ original: 'He is good.', counterfactual: 'She is good.' })}\n`,
    );
    const r = await run(['counterfactual', 'evaluate', '--input', pairs, '--model', 'afinn']);
    expect(r.code).toBe(0);
    const row = JSON.parse(r.out);
    expect(row.original_prediction).toEqual({ label: 'positive', score: 1 });
    expect(row.consistent).toBe(true);
  });

  it('audits, writes the technical JSON and renders Markdown and HTML with every number qualified', async () => {
    const out = join(dir, 'audit.json');
    const a = await run([
      'counterfactual',
      'audit',
      '--input',
      sentences,
      '--model',
      'vader',
      '--strategies',
      'hedge',
      '--resamples',
      '200',
      '--seed',
      '1',
      '--date',
      '2026-01-15',
      '--out',
      out,
    ]);
    expect(a.code).toBe(0);
    expect(a.err).toContain('wrote');
    const md = await run(['counterfactual', 'report', '--input', out, '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.out).toContain('## Method');
    expect(md.out).toContain('## Results');
    expect(md.out).toContain('## Limitations');
    const html = await run(['counterfactual', 'report', '--input', out, '--format', 'html']);
    expect(html.code).toBe(0);
    for (const section of [
      'Article 9',
      'Article 10(2)(f)-(g)',
      'Article 13',
      'Article 15',
      'Annex IV',
      'Next audit due',
      'Mitigation plan',
    ]) {
      expect(html.out).toContain(section);
    }
    expect(html.out).toContain('percentile-bootstrap');
    expect(html.out).toContain('holm');
    const report = JSON.parse((await run(['counterfactual', 'report', '--input', out, '--format', 'json'])).out);
    expect(report.next_audit_date > '2026-01-15').toBe(true);
    expect(report.analysis.cells.length).toBeGreaterThanOrEqual(5);
    for (const cell of report.analysis.cells) {
      expect(cell.n).toBeGreaterThan(0);
      expect(cell.p_adjusted).toBeGreaterThanOrEqual(cell.p_value);
      expect(cell.consistency_ci).not.toBeNull();
    }
  });

  it('rejects bad audit options and a non-audit report input', async () => {
    const badCorrection = await run([
      'counterfactual',
      'audit',
      '--input',
      sentences,
      '--model',
      'afinn',
      '--correction',
      'bonf',
    ]);
    expect(badCorrection.code).toBe(2);
    expect(badCorrection.err).toContain('--correction must be one of holm, bh, none');
    const badModel = await run(['counterfactual', 'audit', '--input', sentences, '--model', 'gpt']);
    expect(badModel.code).toBe(2);
    expect(badModel.err).toContain('--model must be one of');
    const notAudit = file('x.json', '{"a":1}');
    const r = await run(['counterfactual', 'report', '--input', notAudit]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is not an audit');
  });
});

describe.skipIf(!hasSharedData)('counterfactual generate/audit on HolisticBias (shared data)', () => {
  const dataDir = sharedData('fairness/holistic_bias_v1.1');

  it('generates intersectional descriptor pairs', async () => {
    const r = await run([
      'counterfactual',
      'generate',
      '--attribute',
      'age',
      '--intersect',
      'race_ethnicity',
      '--max-descriptors',
      '2',
      '--data-dir',
      dataDir,
    ]);
    expect(r.code).toBe(0);
    const pairs = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(pairs).toHaveLength(2 * 2 * 17);
    expect(pairs[0]).toMatchObject({
      attribute: 'age x race_ethnicity',
      original: "I'm a person.",
      counterfactual: "I'm an adolescent Alaska Native person.",
    });
  });

  it('audits descriptor axes with the nonce control and writes a risk-rated report', async () => {
    const r = await run([
      'counterfactual',
      'audit',
      '--attribute',
      'ability',
      '--model',
      'afinn',
      '--max-descriptors',
      '8',
      '--data-dir',
      dataDir,
      '--resamples',
      '100',
      '--date',
      '2026-03-01',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    const cells = report.analysis.cells.map((c: { attribute: string; control: boolean; n: number }) => [
      c.attribute,
      c.control,
      c.n,
    ]);
    expect(cells).toEqual([
      ['ability', false, 8 * 17],
      ['nonce', true, 8 * 17],
    ]);
    expect(['low', 'medium', 'high']).toContain(report.risk.level);
  });

  it('rejects an unknown axis and a prohibited one', async () => {
    const unknown = await run(['counterfactual', 'generate', '--attribute', 'astrology', '--data-dir', dataDir]);
    expect(unknown.code).toBe(2);
    const prohibited = await run(['counterfactual', 'generate', '--attribute', 'biometric', '--data-dir', dataDir]);
    expect(prohibited.code).toBe(2);
    expect(prohibited.err).toContain('prohibited');
  });
});

describe('counterfactual audit with an external command model', () => {
  it('audits a model behind a CLI (stdin/stdout JSON lines) and detects its gender bias', async () => {
    const script = file(
      'model.mjs',
      "let b='';process.stdin.on('data',(d)=>{b+=d}).on('end',()=>{for(const l of b.split('\\n').filter(Boolean)){const t=JSON.parse(l).text;const f=/\\b(she|her|woman|mother|sister|queen|actress)\\b/i.test(t);process.stdout.write(JSON.stringify({label:f?'reject':'accept',score:f?0.1:0.9})+'\\n')}})",
    );
    const input = file(
      'cmd.txt',
      Array.from({ length: 20 }, (_, i) => (i % 2 ? `She is candidate ${i}.` : `He is candidate ${i}.`)).join('\n'),
    );
    const r = await run([
      'counterfactual',
      'audit',
      '--input',
      input,
      '--model',
      `cmd:${process.execPath}`,
      '--model-arg',
      script,
      '--resamples',
      '100',
      '--positive-label',
      'accept',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.model.name).toBe(`cli:${process.execPath}`);
    const m2f = report.analysis.cells.find((c: { direction: string }) => c.direction === 'm2f');
    expect(m2f.n).toBe(10);
    expect(m2f.consistency).toBe(0);
    expect(m2f.mcnemar).toMatchObject({ b: 10, c: 0, method: 'exact' });
    // 10 of 10 pairs flip: exact p = 2 / 2^10 per direction, still < 0.05 after Holm over the two directions
    expect(m2f.p_adjusted).toBeCloseTo(2 * (2 / 1024), 12);
    expect(report.risk.level).toBe('high');
  });
});
