/**
 * Area under the ROC curve by the rank-sum (Mann–Whitney) statistic with average ranks for ties. Returns NaN when
 * only one class is present.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] > 0.5) {
        positives++;
        rankSum += avgRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Macro-averaged AUROC over label columns: `scores` and `labels` are row-major `rows x cols`. Columns with a single
 * class are skipped; `evaluated` says how many were averaged.
 */
export function macroAuroc(
  scores: Float64Array,
  labels: Float64Array | Uint8Array,
  rows: number,
  cols: number,
): { auroc: number; evaluated: number; perLabel: Float64Array } {
  const perLabel = new Float64Array(cols);
  const s = new Float64Array(rows);
  const y = new Float64Array(rows);
  let sum = 0;
  let evaluated = 0;
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      s[r] = scores[r * cols + c];
      y[r] = labels[r * cols + c];
    }
    const auc = rocAuc(s, y);
    perLabel[c] = auc;
    if (!Number.isNaN(auc)) {
      sum += auc;
      evaluated++;
    }
  }
  return { auroc: evaluated ? sum / evaluated : Number.NaN, evaluated, perLabel };
}
