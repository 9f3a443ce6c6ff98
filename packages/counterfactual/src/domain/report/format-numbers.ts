import type { ConfidenceInterval } from '../stats/bootstrap.js';

/** A number to 4 significant decimals, or "n/a". */
export function fmt(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits);
}

/** A p-value: 4 significant digits, scientific below 1e-4. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return 'n/a';
  return p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

/** "[low, high] (95% percentile bootstrap, B = 1000)". */
export function fmtCi(ci: ConfidenceInterval | null | undefined): string {
  if (!ci) return 'n/a';
  return `[${fmt(ci.low)}, ${fmt(ci.high)}] (${Math.round(ci.level * 100)}% ${ci.method}, B = ${ci.resamples})`;
}
