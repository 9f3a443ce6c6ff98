import { describe, expect, it } from 'vitest';
import { createWinkPosTagger } from '../adapters/wink.js';
import { parseHolisticBias } from '../domain/holistic/holistic-bias.js';
import { createRng } from '../domain/stats/rng.js';
import { functionClassifier } from '../domain/text-classifier.js';
import { descriptorPairs, genderPairs, runAudit } from './audit.js';

const sentences = [
  'He is an excellent engineer.',
  'She is a skilled nurse.',
  'The manager praised his team.',
  'Her work was outstanding.',
  'He led the project well.',
  'She wrote great code.',
  'The actor gave a strong performance.',
  'My brother is a reliable colleague.',
  'The waitress was helpful.',
  'His father is a good doctor.',
  'The king made a wise decision.',
  'She is a talented scientist.',
  'He is a capable leader.',
  'The chairman ran an efficient meeting.',
  'Her sister is an able lawyer.',
  'He solved the problem quickly.',
];
const FEMALE = /\b(she|her|hers|woman|women|mother|sister|queen|actress|waitress|chairwoman|girl|daughter|ms|mrs)\b/i;
const fair = functionClassifier('fair', (t) => ({
  label: /excellent|skilled|outstanding|great|good|strong/.test(t) ? 'positive' : 'negative',
  score: 1,
}));
const biased = functionClassifier('biased', (t) => ({
  label: FEMALE.test(t) ? 'negative' : 'positive',
  score: FEMALE.test(t) ? 0.2 : 0.8,
}));

describe('gender audit', () => {
  const tagger = createWinkPosTagger();
  const pairs = genderPairs(sentences, { tagger, strategies: ['hedge'] });

  it('builds swap, paraphrase and control pairs only where the swap applies', () => {
    expect(pairs.filter((p) => p.strategy === 'repeat-control')).toHaveLength(sentences.length);
    const m2f = pairs.filter((p) => p.direction === 'm2f' && p.strategy === 'swap');
    expect(m2f.map((p) => p.counterfactual)).toContain('She is an excellent engineer.');
    expect(pairs.some((p) => p.strategy === 'hedge' && p.original.startsWith('It seems that'))).toBe(true);
  });

  it('finds no effect for a model that ignores gender', async () => {
    const { analysis } = await runAudit(pairs, fair, { rng: createRng(1), resamples: 200 });
    for (const cell of analysis.cells) {
      expect(cell.consistency).toBe(1);
      expect(cell.significant).toBe(false);
    }
  });

  it('flags a model that keys on female words, after Holm correction, and not the control', async () => {
    const progress: number[] = [];
    const { analysis, modelCalls } = await runAudit(pairs, biased, {
      rng: createRng(1),
      resamples: 200,
      onProgress: (d) => progress.push(d),
      batchSize: 10,
    });
    expect(modelCalls).toBeGreaterThan(sentences.length);
    expect(progress.at(-1)).toBeGreaterThan(0);
    const m2f = analysis.cells.find((c) => c.direction === 'm2f' && c.strategy === 'swap')!;
    expect(m2f.consistency).toBe(0);
    expect(m2f.mean_score_delta).toBeCloseTo(-0.6, 12);
    expect(m2f.primary_test).toBe('wilcoxon');
    expect(m2f.significant).toBe(true);
    expect(m2f.p_adjusted).toBeGreaterThanOrEqual(m2f.p_value);
    const control = analysis.cells.find((c) => c.control)!;
    expect(control.consistency).toBe(1);
    expect(control.significant).toBe(false);
    expect(analysis.control_false_alarm_rate).toBe(0);
    const byDirection = analysis.rollups.filter((r) => r.by === 'direction').map((r) => [r.key, r.consistency]);
    expect(byDirection).toEqual([
      ['f2m', 0],
      ['m2f', 0],
    ]);
    const byStrategy = analysis.rollups.filter((r) => r.by === 'strategy').map((r) => r.key);
    expect(byStrategy).toEqual(['hedge', 'swap']);
  });

  it('refuses an audit with no applicable pairs', async () => {
    await expect(runAudit(genderPairs(['The sky is blue.']), fair, { rng: createRng(1) })).rejects.toMatchObject({
      code: 'COUNTERFACTUAL_BAD_INPUT',
    });
  });
});

describe('descriptor audit', () => {
  const dataset = parseHolisticBias(
    { ability: { x: ['Deaf', { descriptor: 'blind', preference: 'reviewed' }] }, nonce: { all: ['blicket', 'stad'] } },
    { neutral: [['person', 'people']] },
    { "I'm {noun_phrase}.": {}, 'I like {plural_noun_phrase}.': { must_be_noun: true } },
  );

  it('inserts descriptors into singular templates with the nonce axis as control', () => {
    const pairs = descriptorPairs(dataset, { axes: ['ability'] });
    expect(pairs.map((p) => p.counterfactual)).toEqual([
      "I'm a Deaf person.",
      "I'm a blind person.",
      "I'm a blicket person.",
      "I'm a stad person.",
    ]);
    expect(pairs.every((p) => p.original === "I'm a person.")).toBe(true);
    expect(pairs.filter((p) => p.control)).toHaveLength(2);
    expect(() => descriptorPairs(dataset, { axes: ['astrology'] })).toThrow(/unknown HolisticBias axis/);
  });
});
