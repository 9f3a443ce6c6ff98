import { binomialTestTwoSided, chi2Sf1 } from './distributions.js';

export type McNemarMethod = 'exact' | 'chi2-corrected' | 'chi2' | 'auto';

/** Result of McNemar's test on the discordant pairs of a paired 2x2 table. */
export interface McNemarResult {
  /** Pairs positive only in the first condition (e.g. original positive, counterfactual negative). */
  readonly b: number;
  /** Pairs positive only in the second condition. */
  readonly c: number;
  /** Chi-square statistic for the chi2 methods; min(b, c) for the exact test. */
  readonly statistic: number;
  readonly pValue: number;
  readonly method: Exclude<McNemarMethod, 'auto'>;
}

/**
 * McNemar's test of marginal homogeneity for paired binary outcomes. `exact`: two-sided binomial test of b against
 * Bin(b + c, 1/2); `chi2-corrected`: (|b - c| - 1)^2 / (b + c) with Edwards' continuity correction; `chi2`: without it.
 * `auto` (default) uses the exact test when b + c < 25, otherwise the corrected chi-square.
 *
 * @see McNemar 1947, Psychometrika 12:153-157; Edwards 1948; Agresti 2002 §10.1
 */
export function mcnemarTest(b: number, c: number, method: McNemarMethod = 'auto'): McNemarResult {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) {
    throw new RangeError('McNemar counts b and c must be non-negative integers');
  }
  const m = method === 'auto' ? (b + c < 25 ? 'exact' : 'chi2-corrected') : method;
  const n = b + c;
  if (m === 'exact') return { b, c, statistic: Math.min(b, c), pValue: binomialTestTwoSided(b, n, 0.5), method: m };
  if (n === 0) return { b, c, statistic: 0, pValue: 1, method: m };
  const diff = m === 'chi2-corrected' ? Math.max(0, Math.abs(b - c) - 1) : Math.abs(b - c);
  const statistic = (diff * diff) / n;
  return { b, c, statistic, pValue: chi2Sf1(statistic), method: m };
}
