/**
 * Change-point evaluation exactly as TCPDBench defines it (van den Burg & Williams 2020): index 0 counts as a change
 * point for every annotator and every method; F1 uses a margin and one-to-one matching; covering compares the
 * segmentations induced by the change points.
 */

/** Annotated change points that a prediction matches within `margin`, each prediction used at most once. */
export function truePositives(annotated: Iterable<number>, predicted: Iterable<number>, margin = 5): Set<number> {
  const remaining = new Set(predicted);
  const tp = new Set<number>();
  for (const tau of [...new Set(annotated)].sort((a, b) => a - b)) {
    let best: number | undefined;
    let bestDist = Number.POSITIVE_INFINITY;
    for (const x of [...remaining].sort((a, b) => a - b)) {
      const d = Math.abs(tau - x);
      if (d <= margin && d < bestDist) {
        best = x;
        bestDist = d;
      }
    }
    if (best === undefined) continue;
    tp.add(tau);
    remaining.delete(best);
  }
  return tp;
}

/** F-measure of predictions against several annotators (precision over the union, recall averaged per annotator). */
export function changePointF1(
  annotations: Readonly<Record<string, readonly number[]>>,
  predictions: readonly number[],
  margin = 5,
  alpha = 0.5,
): { f1: number; precision: number; recall: number } {
  const annotators = Object.values(annotations).map((a) => new Set([0, ...a]));
  const x = new Set([0, ...predictions]);
  const union = new Set<number>();
  for (const a of annotators) for (const t of a) union.add(t);
  const precision = truePositives(union, x, margin).size / x.size;
  const recall = annotators.reduce((s, a) => s + truePositives(a, x, margin).size / a.size, 0) / annotators.length;
  const f1 = precision + recall > 0 ? (precision * recall) / (alpha * recall + (1 - alpha) * precision) : 0;
  return { f1, precision, recall };
}

/** Segments [start, end) induced by change points over n observations. */
function segments(points: Iterable<number>, n: number): Array<[number, number]> {
  const cps = [...new Set([0, ...points])].filter((p) => p >= 0 && p < n).sort((a, b) => a - b);
  return cps.map((start, i) => [start, i + 1 < cps.length ? cps[i + 1] : n]);
}

function jaccard(a: [number, number], b: [number, number]): number {
  const inter = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
  return inter / (a[1] - a[0] + (b[1] - b[0]) - inter);
}

/** Covering of the annotators' segmentations by the predicted one, averaged over annotators. */
export function changePointCover(
  annotations: Readonly<Record<string, readonly number[]>>,
  predictions: readonly number[],
  n: number,
): number {
  const predicted = segments(predictions, n);
  const covers = Object.values(annotations).map((a) => {
    let c = 0;
    for (const r of segments(a, n)) c += (r[1] - r[0]) * Math.max(...predicted.map((p) => jaccard(r, p)));
    return c / n;
  });
  return covers.reduce((s, c) => s + c, 0) / covers.length;
}
