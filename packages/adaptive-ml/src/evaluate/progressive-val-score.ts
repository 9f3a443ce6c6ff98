import type { ClassLabel, Features } from '../base/estimator.js';
import type { Metric } from '../metrics/metric.js';

/** Anything that learns and predicts one sample at a time (a classifier, regressor or pipeline). */
export interface OnlineModel<Y, P> {
  learnOne(x: Features, y: Y, w?: number): void;
  predictOne(x: Features): P | undefined;
  predictProbaOne?(x: Features): Map<ClassLabel, number>;
}

/** One row of the metrics timeline. */
export interface Checkpoint {
  /** Samples seen so far. */
  step: number;
  /** Metric name -> value at this step. */
  metrics: Record<string, number>;
}

/** Options of {@link progressiveValScore}. */
export interface ProgressiveValOptions {
  /** Record a checkpoint every `step` samples (default 0: only at the end). */
  step?: number;
  /** Called at each checkpoint (for streaming output). */
  onCheckpoint?: (checkpoint: Checkpoint) => void;
}

/** Result of {@link progressiveValScore}. */
export interface ProgressiveValResult {
  /** Final metric values. */
  metrics: Record<string, number>;
  /** Checkpoints in order; the last is the end of the stream. */
  timeline: Checkpoint[];
  /** Samples processed. */
  n: number;
}

/**
 * Progressive (prequential) validation: for each sample, predict, score, then learn. A sample whose prediction is
 * undefined (the model has seen no label yet) is learned but not scored, as in River's `evaluate`.
 *
 * @example
 * const result = progressiveValScore(samples, pipe(new StandardScaler(), new LogisticRegression()), [new Accuracy()]);
 * @see A. P. Dawid (1984). Present position and potential developments: the prequential approach. JRSS A 147.
 */
export function progressiveValScore<Y extends ClassLabel | number, P extends ClassLabel | number>(
  stream: Iterable<{ x: Features; y: Y }>,
  model: OnlineModel<Y, P>,
  metrics: ReadonlyArray<Metric<Y, P> | Metric<Y, Map<ClassLabel, number>>>,
  options: ProgressiveValOptions = {},
): ProgressiveValResult {
  const step = options.step ?? 0;
  const needsProba = metrics.some((m) => m.needsProba);
  if (needsProba && !model.predictProbaOne) throw new TypeError('a probability metric needs predictProbaOne');
  const timeline: Checkpoint[] = [];
  const snapshot = (n: number): Checkpoint => ({
    step: n,
    metrics: Object.fromEntries(metrics.map((m) => [m.name, m.get()])),
  });
  let n = 0;
  for (const { x, y } of stream) {
    const yPred = model.predictOne(x);
    if (yPred !== undefined) {
      const proba = needsProba ? model.predictProbaOne!(x) : undefined;
      for (const m of metrics) {
        if (m.needsProba) (m as Metric<Y, Map<ClassLabel, number>>).update(y, proba!);
        else (m as Metric<Y, P>).update(y, yPred);
      }
    }
    model.learnOne(x, y);
    n++;
    if (step > 0 && n % step === 0) {
      const c = snapshot(n);
      timeline.push(c);
      options.onCheckpoint?.(c);
    }
  }
  if (timeline.length === 0 || timeline[timeline.length - 1].step !== n) {
    const c = snapshot(n);
    timeline.push(c);
    options.onCheckpoint?.(c);
  }
  return { metrics: timeline[timeline.length - 1].metrics, timeline, n };
}
