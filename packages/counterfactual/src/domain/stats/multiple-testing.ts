export type Correction = 'holm' | 'bh' | 'none';

/**
 * Holm's step-down adjusted p-values (controls the family-wise error rate): sorted ascending,
 * p_adj(i) = max_{j <= i} min(1, (m - j + 1) p(j)).
 *
 * @see Holm 1979, Scand. J. Statist. 6:65-70; R `p.adjust(method = "holm")`
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[idx]!));
    out[idx] = running;
  });
  return out;
}

/**
 * Benjamini-Hochberg adjusted p-values (controls the false discovery rate): sorted ascending,
 * p_adj(i) = min_{j >= i} min(1, m / j * p(j)).
 *
 * @see Benjamini & Hochberg 1995, JRSS B 57:289-300; R `p.adjust(method = "BH")`
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const out = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const idx = order[rank]!;
    running = Math.min(running, Math.min(1, (m / (rank + 1)) * pValues[idx]!));
    out[idx] = running;
  }
  return out;
}

/** Applies the named correction. */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  if (correction === 'holm') return holm(pValues);
  if (correction === 'bh') return benjaminiHochberg(pValues);
  return [...pValues];
}
