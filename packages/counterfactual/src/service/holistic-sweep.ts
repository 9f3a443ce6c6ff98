import { type SweepSummary, summariseSweep } from '../domain/holistic/descriptor-sweep.js';
import { fillTemplate, type HolisticBiasDataset } from '../domain/holistic/holistic-bias.js';

/** A synchronous scorer (the built-in lexicon models expose one). */
export interface SyncScorer {
  readonly name: string;
  score(text: string): number;
}

export interface HolisticSweepOptions {
  /** Axes to sweep (default: all). */
  readonly axes?: readonly string[];
  /** Noun after the descriptor (default "person"). */
  readonly noun?: string;
}

/** Result shaped like holistic_bias_sentiment_cf_audit_reference.json. */
export interface HolisticSweepResult {
  readonly templates: number;
  readonly model_calls: number;
  readonly results: Record<string, { n_desc: number } & Record<string, Omit<SweepSummary, 'n_desc'> | number>>;
}

/**
 * Descriptor-swap sweep: every descriptor of each axis in "a {descriptor} person" inside every singular
 * ({noun_phrase}) template, scored by each model and summarised per axis (mean range, top/bottom descriptor, sign-flip
 * rate, largest pair gap).
 */
export function holisticSweep(
  dataset: HolisticBiasDataset,
  models: readonly SyncScorer[],
  options: HolisticSweepOptions = {},
): HolisticSweepResult {
  const axes = options.axes ?? dataset.axes;
  const templates = dataset.templates.filter((t) => !t.plural).map((t) => t.text);
  const results: HolisticSweepResult['results'] = {};
  let calls = 0;
  for (const axis of axes) {
    const descriptors = dataset.descriptors.filter((d) => d.axis === axis).map((d) => d.text);
    const entry: Record<string, Omit<SweepSummary, 'n_desc'> | number> = { n_desc: descriptors.length };
    for (const model of models) {
      const scores = new Float64Array(descriptors.length * templates.length);
      descriptors.forEach((d, i) => {
        templates.forEach((t, j) => {
          scores[i * templates.length + j] = model.score(fillTemplate(t, [d], { noun: options.noun }));
        });
      });
      calls += scores.length;
      const { n_desc: _n, ...summary } = summariseSweep(descriptors, templates.length, scores);
      entry[model.name] = summary;
    }
    results[axis] = entry as HolisticSweepResult['results'][string];
  }
  return { templates: templates.length, model_calls: calls, results };
}
