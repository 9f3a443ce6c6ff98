/**
 * Change-point evaluation exactly as TCPDBench defines it (van den Burg & Williams 2020): index 0 counts as a change
 * point for every annotator and every method; F1 uses a margin and one-to-one matching; covering compares the
 * segmentations induced by the change points.
 */

/**
 * The iteration order of a CPython `set` of non-negative integers built by inserting `values` in order: open
 * addressing with `hash(i) == i`, 9 linear probes then perturbed probing, resizing to the next power of two above
 * 4 x used. TCPDBench's `true_positives` matches annotations greedily in set order, so the order decides which of two
 * annotations within the margin of one prediction gets it. Sets of up to 18 elements iterate identically in CPython
 * 3.7 to 3.12 (the resize threshold differs above that).
 */
export function pythonSetOrder(values: Iterable<number>): number[] {
  const LINEAR_PROBES = 9;
  let table: Array<number | undefined> = new Array(8);
  let used = 0;
  // Returns false when `v` is already present (only checked for new insertions, not on resize).
  const place = (tbl: Array<number | undefined>, v: number, checkDuplicate: boolean): boolean => {
    const mask = tbl.length - 1;
    let perturb = v;
    let i = v & mask;
    for (;;) {
      const probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      for (let j = 0; j <= probes; j++) {
        const slot = tbl[i + j];
        if (slot === undefined) {
          tbl[i + j] = v;
          return true;
        }
        if (checkDuplicate && slot === v) return false;
      }
      perturb = Math.floor(perturb / 32);
      i = (i * 5 + 1 + perturb) & mask;
    }
  };
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) throw new RangeError(`not a small non-negative int: ${v}`);
    if (!place(table, v, true)) continue;
    used++;
    const mask = table.length - 1;
    if (used * 5 >= mask * 3) {
      let size = 8;
      while (size <= used * 4) size *= 2;
      const next: Array<number | undefined> = new Array(size);
      for (const e of table) if (e !== undefined) place(next, e, false);
      table = next;
    }
  }
  return table.filter((e): e is number => e !== undefined);
}

/**
 * Annotated change points that a prediction matches within `margin`, each prediction used at most once (TCPDBench's
 * `true_positives`): annotations are taken in the order given (pass {@link pythonSetOrder} for TCPDBench's order), each
 * takes the closest remaining prediction, the smaller one on a tie.
 */
export function truePositives(annotated: Iterable<number>, predicted: Iterable<number>, margin = 5): Set<number> {
  const remaining = new Set(predicted);
  const tp = new Set<number>();
  for (const tau of new Set(annotated)) {
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

/**
 * F-measure of predictions against several annotators (precision over the union, recall averaged per annotator),
 * with TCPDBench's set iteration order for the greedy matching.
 */
export function changePointF1(
  annotations: Readonly<Record<string, readonly number[]>>,
  predictions: readonly number[],
  margin = 5,
  alpha = 0.5,
): { f1: number; precision: number; recall: number } {
  const annotators = Object.values(annotations).map((a) => pythonSetOrder([...a, 0]));
  const x = new Set([...predictions, 0]);
  const union = pythonSetOrder(annotators.flat());
  const precision = truePositives(union, x, margin).size / x.size;
  const recall = annotators.reduce((s, a) => s + truePositives(a, x, margin).size / a.length, 0) / annotators.length;
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
