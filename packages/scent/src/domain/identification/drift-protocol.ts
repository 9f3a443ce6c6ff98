import { type ClassificationMetrics, classificationMetrics } from './classification-metrics.js';
import { SoftmaxRegression } from './softmax-regression.js';

/** One acquisition period (a UCI batch or a CQU session). */
export interface LabelledBatch {
  readonly name: string;
  readonly rows: readonly Float64Array[];
  readonly labels: readonly number[];
}

export type DriftProtocol = 'setting1' | 'setting2';

export interface DriftAdaptationOptions {
  /**
   * Standardise every batch with its own mean and standard deviation before training and testing (uses the target
   * batch's features but never its labels). Default true.
   */
  readonly perBatchStandardisation?: boolean;
  /** Signed log transform sign(x)·ln(1+|x|) before anything else (for raw, heavy-tailed features). Default false. */
  readonly signedLog?: boolean;
  /** Rounds of self-training on confident pseudo-labels of the target batch (default 2). */
  readonly selfTrainingRounds?: number;
  /** Minimum predicted probability for a pseudo-label (default 0.9). */
  readonly pseudoLabelThreshold?: number;
  /** Labelled samples per class of the target batch available for adaptation (default 0); they are not scored. */
  readonly transferSamples?: number;
  readonly l2?: number;
  readonly iterations?: number;
}

export interface DriftBatchResult extends ClassificationMetrics {
  readonly train: string;
  readonly test: string;
  readonly n: number;
}

export interface DriftRunResult {
  readonly protocol: DriftProtocol;
  readonly batches: readonly DriftBatchResult[];
  readonly mean_accuracy: number;
}

function transform(batch: LabelledBatch, options: DriftAdaptationOptions): Float64Array[] {
  let rows = batch.rows.map((r) => Float64Array.from(r));
  if (options.signedLog)
    for (const r of rows) for (let j = 0; j < r.length; j++) r[j] = Math.sign(r[j]!) * Math.log1p(Math.abs(r[j]!));
  if (options.perBatchStandardisation ?? true) {
    const p = rows[0]?.length ?? 0;
    const n = rows.length;
    const mean = new Float64Array(p);
    const sd = new Float64Array(p);
    for (const r of rows) for (let j = 0; j < p; j++) mean[j]! += r[j]! / n;
    for (const r of rows) for (let j = 0; j < p; j++) sd[j]! += (r[j]! - mean[j]!) ** 2 / n;
    for (let j = 0; j < p; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
    rows = rows.map((r) => r.map((v, j) => (v - mean[j]!) / sd[j]!));
  }
  return rows;
}

/** The first `k` indices of each class in arrival order (the samples a technician would measure at recalibration). */
function transferIndices(labels: readonly number[], k: number): Set<number> {
  const taken = new Map<number, number>();
  const out = new Set<number>();
  labels.forEach((c, i) => {
    if ((taken.get(c) ?? 0) < k) {
      taken.set(c, (taken.get(c) ?? 0) + 1);
      out.add(i);
    }
  });
  return out;
}

/**
 * Trains on the source batch (setting 1: the first batch; setting 2: the previous batch) and scores each later batch,
 * adapting without target labels (per-batch standardisation, self-training) unless transfer samples are allowed.
 */
export function runDriftProtocol(
  batches: readonly LabelledBatch[],
  protocol: DriftProtocol,
  options: DriftAdaptationOptions = {},
): DriftRunResult {
  if (batches.length < 2) throw new RangeError('a drift protocol needs at least two batches');
  const prepared = batches.map((b) => transform(b, options));
  const rounds = options.selfTrainingRounds ?? 2;
  const threshold = options.pseudoLabelThreshold ?? 0.9;
  const k = options.transferSamples ?? 0;
  const results: DriftBatchResult[] = [];
  for (let t = 1; t < batches.length; t++) {
    const s = protocol === 'setting1' ? 0 : t - 1;
    const target = batches[t]!;
    const transfer = transferIndices(target.labels, k);
    const trainRows: Float64Array[] = [...prepared[s]!];
    const trainLabels: number[] = [...batches[s]!.labels];
    for (const i of transfer) {
      trainRows.push(prepared[t]![i]!);
      trainLabels.push(target.labels[i]!);
    }
    const fit = (rows: Float64Array[], labels: number[]) =>
      new SoftmaxRegression({ l2: options.l2 ?? 1e-3, iterations: options.iterations ?? 300 }).fit(rows, labels);
    let model = fit(trainRows, trainLabels);
    const scoredIdx = target.labels.map((_, i) => i).filter((i) => !transfer.has(i));
    for (let round = 0; round < rounds; round++) {
      const rows = [...trainRows];
      const labels = [...trainLabels];
      for (const i of scoredIdx) {
        const pr = model.predictProba(prepared[t]![i]!);
        let best = 0;
        for (let c = 1; c < pr.length; c++) if (pr[c]! > pr[best]!) best = c;
        if (pr[best]! >= threshold) {
          rows.push(prepared[t]![i]!);
          labels.push(model.classes[best]!);
        }
      }
      model = fit(rows, labels);
    }
    const truth = scoredIdx.map((i) => target.labels[i]!);
    const predicted = scoredIdx.map((i) => model.predict(prepared[t]![i]!));
    results.push({
      train: batches[s]!.name,
      test: target.name,
      n: truth.length,
      ...classificationMetrics(truth, predicted),
    });
  }
  return { protocol, batches: results, mean_accuracy: results.reduce((a, r) => a + r.accuracy, 0) / results.length };
}
