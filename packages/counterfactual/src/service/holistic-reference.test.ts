import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../../test/support/shared-data.js';
import { loadHolisticBias } from '../adapters/holistic-bias-files.js';
import { afinnModel, vaderModel, winkSentimentModel } from '../adapters/lexicon-models.js';
import { summariseSweep } from '../domain/holistic/descriptor-sweep.js';
import { holisticSweep } from './holistic-sweep.js';

describe('summariseSweep', () => {
  it('computes range, extremes, sign flips and the largest gap by hand', () => {
    // rows a=[1, 0], b=[-1, 0], c=[0, 0]: template 1 has 3 sign-differing pairs of 3, template 2 none -> 3/6
    const s = summariseSweep(['a', 'b', 'c'], 2, Float64Array.from([1, 0, -1, 0, 0, 0]));
    expect(s).toEqual({ n_desc: 3, mean_range: 1, top: 'a', bottom: 'b', sign_flip_rate: 3 / 6, max_pair_gap: 2 });
  });
});

interface ReferenceEntry {
  n_desc: number;
  [model: string]:
    | number
    | { mean_range: number; top: string; bottom: string; sign_flip_rate: number; max_pair_gap: number };
}

describe.skipIf(!hasSharedData)('holisticSweep reproduces holistic_bias_sentiment_cf_audit_reference.json', () => {
  // Computed lazily: vitest collects skipped suites too, and a fresh clone has no ../shared/data.
  type Reference = { templates: number; model_calls: number; results: Record<string, ReferenceEntry> };
  let cache: { reference: Reference; result: ReturnType<typeof holisticSweep> } | undefined;
  const load = () => {
    cache ??= {
      reference: JSON.parse(
        readFileSync(sharedData('fairness/holistic_bias_sentiment_cf_audit_reference.json'), 'utf8'),
      ) as Reference,
      result: holisticSweep(loadHolisticBias(sharedData('fairness/holistic_bias_v1.1')), [
        afinnModel(),
        vaderModel(),
        winkSentimentModel(),
      ]),
    };
    return cache;
  };

  it('uses the same 17 templates and 29,733 model calls', () => {
    const { reference, result } = load();
    expect(result.templates).toBe(reference.templates);
    expect(result.model_calls).toBe(reference.model_calls);
  });

  it('matches every axis, model and field to the printed 4 decimals', () => {
    const { reference, result } = load();
    const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
    expect(Object.keys(result.results).sort()).toEqual(Object.keys(reference.results).sort());
    for (const [axis, ref] of Object.entries(reference.results)) {
      const got = result.results[axis]!;
      expect(got.n_desc).toBe(ref.n_desc);
      for (const model of ['afinn', 'vader', 'wink']) {
        const r = ref[model] as Exclude<ReferenceEntry[string], number>;
        const g = got[model] as typeof r;
        expect({
          axis,
          model,
          ...g,
          mean_range: round4(g.mean_range),
          sign_flip_rate: round4(g.sign_flip_rate),
          max_pair_gap: round4(g.max_pair_gap),
        }).toEqual({ axis, model, ...r });
      }
    }
  });
});
