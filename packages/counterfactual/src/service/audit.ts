import { AppError } from '@quintessence/platform';
import {
  type AnalysePairsOptions,
  type AuditAnalysis,
  analysePairs,
  type ScoredPair,
} from '../domain/audit/analyse-pairs.js';
import type { GenderDirection } from '../domain/gender/gender-lexicon.js';
import { swapGender } from '../domain/gender/gender-swap.js';
import { fillTemplate, type HolisticBiasDataset, intersectionalPairs } from '../domain/holistic/holistic-bias.js';
import { type ParaphraseStrategy, paraphrase } from '../domain/paraphrase.js';
import type { PosTagger } from '../domain/pos-tagger.js';
import type { Prediction, TextClassifier } from '../domain/text-classifier.js';

/** A counterfactual pair before scoring. */
export interface PairSpec {
  readonly attribute: string;
  readonly direction: string;
  readonly strategy: string;
  readonly control: boolean;
  readonly original: string;
  readonly counterfactual: string;
}

export interface GenderPairOptions {
  readonly directions?: readonly GenderDirection[];
  /** Rewrites applied before the swap, besides the plain swap (default none). */
  readonly strategies?: readonly ParaphraseStrategy[];
  readonly tagger?: PosTagger;
  /** Add matched no-effect control pairs (each original scored twice) (default true). */
  readonly controls?: boolean;
}

/**
 * Gender pairs of each sentence: for each direction, the plain swap and each paraphrase strategy followed by the swap.
 * Sentences where the swap changes nothing are left out (they carry no counterfactual). Control pairs repeat the
 * original, so any effect they show is model noise or a pipeline artefact.
 */
export function genderPairs(sentences: readonly string[], options: GenderPairOptions = {}): PairSpec[] {
  const { directions = ['m2f', 'f2m'], strategies = [], tagger, controls = true } = options;
  const out: PairSpec[] = [];
  for (const sentence of sentences) {
    let any = false;
    for (const direction of directions) {
      for (const strategy of ['swap', ...strategies] as const) {
        const base = strategy === 'swap' ? sentence : paraphrase(sentence, strategy);
        if (base === null) continue;
        const swapped = swapGender(base, direction, { tagger });
        if (swapped.changedTokens.length === 0) continue;
        any = true;
        out.push({
          attribute: 'gender',
          direction,
          strategy,
          control: false,
          original: base,
          counterfactual: swapped.counterfactual,
        });
      }
    }
    if (controls && any) {
      out.push({
        attribute: 'gender',
        direction: 'none',
        strategy: 'repeat-control',
        control: true,
        original: sentence,
        counterfactual: sentence,
      });
    }
  }
  return out;
}

export interface DescriptorPairOptions {
  readonly axes: readonly string[];
  /** Template texts to use (default: all singular templates). */
  readonly templates?: readonly string[];
  readonly noun?: string;
  /** Cap on descriptors per axis (default all). */
  readonly maxDescriptors?: number;
  /** Add the HolisticBias nonce axis as the matched no-effect control (default true). */
  readonly controls?: boolean;
}

/**
 * HolisticBias descriptor pairs: original "a person", counterfactual "a {descriptor} person" in each template. The
 * nonce descriptors (blicket, stad, ...) are the matched control: made-up words that should carry no effect.
 */
export function descriptorPairs(dataset: HolisticBiasDataset, options: DescriptorPairOptions): PairSpec[] {
  const { noun = 'person', maxDescriptors = Number.POSITIVE_INFINITY, controls = true } = options;
  for (const axis of options.axes) {
    if (!dataset.axes.includes(axis)) {
      throw new AppError(
        'COUNTERFACTUAL_UNKNOWN_VALUE',
        `unknown HolisticBias axis "${axis}"; axes: ${dataset.axes.join(', ')}`,
      );
    }
  }
  const templates = options.templates ?? dataset.templates.filter((t) => !t.plural).map((t) => t.text);
  const axes = controls && !options.axes.includes('nonce') ? [...options.axes, 'nonce'] : options.axes;
  const out: PairSpec[] = [];
  for (const axis of axes) {
    const descriptors = dataset.descriptors.filter((d) => d.axis === axis).slice(0, maxDescriptors);
    for (const d of descriptors) {
      for (const t of templates) {
        out.push({
          attribute: axis,
          direction: 'descriptor',
          strategy: 'insert',
          control: axis === 'nonce',
          original: fillTemplate(t, [], { noun, articleMode: 'a/an' }),
          counterfactual: fillTemplate(t, [d.text], { noun, articleMode: 'a/an' }),
        });
      }
    }
  }
  return out;
}

/**
 * Intersectional descriptor pairs: "a person" vs "a {descriptor of axis A} {descriptor of axis B} person" for every
 * combination (capped per axis) in every singular template; attribute is "A x B".
 */
export function intersectionalDescriptorPairs(
  dataset: HolisticBiasDataset,
  axisA: string,
  axisB: string,
  options: { maxDescriptors?: number; noun?: string } = {},
): (PairSpec & { descriptors: [string, string] })[] {
  const { maxDescriptors = Number.POSITIVE_INFINITY, noun = 'person' } = options;
  for (const axis of [axisA, axisB]) {
    if (!dataset.axes.includes(axis)) {
      throw new AppError(
        'COUNTERFACTUAL_UNKNOWN_VALUE',
        `unknown HolisticBias axis "${axis}"; axes: ${dataset.axes.join(', ')}`,
      );
    }
  }
  const templates = dataset.templates.filter((t) => !t.plural).map((t) => t.text);
  const out: (PairSpec & { descriptors: [string, string] })[] = [];
  for (const [a, b] of intersectionalPairs(dataset, axisA, axisB, maxDescriptors)) {
    for (const t of templates) {
      out.push({
        attribute: `${axisA} x ${axisB}`,
        direction: 'intersection',
        strategy: 'insert',
        control: false,
        original: fillTemplate(t, [], { noun, articleMode: 'a/an' }),
        counterfactual: fillTemplate(t, [a.text, b.text], { noun, articleMode: 'a/an' }),
        descriptors: [a.text, b.text],
      });
    }
  }
  return out;
}

export interface RunAuditOptions extends AnalysePairsOptions {
  readonly batchSize?: number;
  /** Called after each model batch with (texts scored, total texts). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Scores every distinct text once (in batches), then analyses the pairs. */
export async function runAudit(
  pairs: readonly PairSpec[],
  model: TextClassifier,
  options: RunAuditOptions,
): Promise<{ analysis: AuditAnalysis; scored: ScoredPair[]; modelCalls: number }> {
  if (pairs.length === 0) {
    throw new AppError('COUNTERFACTUAL_BAD_INPUT', 'no counterfactual pairs: no input sentence contains the attribute');
  }
  const batchSize = options.batchSize ?? 256;
  const texts = [...new Set(pairs.flatMap((p) => [p.original, p.counterfactual]))];
  const predictions = new Map<string, Prediction>();
  for (let i = 0; i < texts.length; i += batchSize) {
    const batch = texts.slice(i, i + batchSize);
    const preds = await model.predictBatch(batch);
    if (preds.length !== batch.length) {
      throw new AppError(
        'COUNTERFACTUAL_MODEL_FAILED',
        `model returned ${preds.length} predictions for ${batch.length} texts`,
      );
    }
    batch.forEach((t, k) => {
      predictions.set(t, preds[k]!);
    });
    options.onProgress?.(Math.min(i + batchSize, texts.length), texts.length);
  }
  // Control pairs score the same text twice: call the model again so nondeterministic models show their noise.
  const controlTexts = [
    ...new Set(pairs.filter((p) => p.control && p.original === p.counterfactual).map((p) => p.original)),
  ];
  const repeat = new Map<string, Prediction>();
  for (let i = 0; i < controlTexts.length; i += batchSize) {
    const batch = controlTexts.slice(i, i + batchSize);
    const preds = await model.predictBatch(batch);
    batch.forEach((t, k) => {
      repeat.set(t, preds[k]!);
    });
  }
  const scored: ScoredPair[] = pairs.map((p) => ({
    attribute: p.attribute,
    direction: p.direction,
    strategy: p.strategy,
    control: p.control,
    original: predictions.get(p.original)!,
    counterfactual:
      p.control && p.original === p.counterfactual ? repeat.get(p.original)! : predictions.get(p.counterfactual)!,
  }));
  return { analysis: analysePairs(scored, options), scored, modelCalls: texts.length + controlTexts.length };
}
