/**
 * How sure a threshold verdict is, from how far the statistic lies from its limit on a log scale:
 * 0.5 + 0.5·tanh(|ln(statistic / limit)| / ln 2). It is 0.5 on the limit, 0.88 at twice (or half) the limit and
 * tends to 1 far from it, on either side, so both "anomaly" and "normal" verdicts get graded confidence.
 *
 * @example
 * marginConfidence(36, 18); // ≈ 0.88 — T² at twice its limit
 */
export function marginConfidence(statistic: number, limit: number): number {
  if (!(limit > 0) || Number.isNaN(statistic)) throw new RangeError('marginConfidence needs a positive limit');
  const ratio = Math.max(statistic, 1e-300) / limit;
  if (!Number.isFinite(ratio)) return 1;
  return 0.5 + 0.5 * Math.tanh(Math.abs(Math.log(ratio)) / Math.LN2);
}

export interface WindowEvidence {
  /** Posterior probability that the window comes from a process out of control at `rateOfConcern`. */
  readonly posterior: number;
  readonly anomaly: boolean;
  /** max(posterior, 1 − posterior). */
  readonly confidence: number;
  /** log-likelihood ratio out-of-control : in-control. */
  readonly logLikelihoodRatio: number;
}

/**
 * Evidence from `k` alarms among `n` observations of a detector with false-alarm probability `alpha`: the likelihood
 * ratio of two binomials, the process in control (alarm rate `alpha`) against a process whose alarm rate is the
 * smallest that matters (`rateOfConcern`), turned into a posterior with a prior probability `priorAnomaly`
 * (default 0.01) of an out-of-control window, so a few chance alarms do not flag a window. At α = 1 % and a rate of
 * concern of 10 %, one to five alarms among a hundred readings are normal, eight are not.
 *
 * @see Wald (1945), Sequential tests of statistical hypotheses (the same likelihood ratio, taken over a window).
 */
export function windowEvidence(
  k: number,
  n: number,
  alpha: number,
  rateOfConcern: number,
  priorAnomaly = 0.01,
): WindowEvidence {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`windowEvidence needs integers 0 <= k <= n, n >= 1; got k=${k}, n=${n}`);
  }
  if (!(alpha > 0 && alpha < rateOfConcern && rateOfConcern < 1)) {
    throw new RangeError(`windowEvidence needs 0 < alpha < rateOfConcern < 1; got ${alpha}, ${rateOfConcern}`);
  }
  if (!(priorAnomaly > 0 && priorAnomaly < 1)) throw new RangeError('priorAnomaly must be in (0, 1)');
  const llr = k * Math.log(rateOfConcern / alpha) + (n - k) * Math.log((1 - rateOfConcern) / (1 - alpha));
  const posterior = 1 / (1 + Math.exp(-(llr + Math.log(priorAnomaly / (1 - priorAnomaly)))));
  return {
    posterior,
    anomaly: posterior > 0.5,
    confidence: Math.max(posterior, 1 - posterior),
    logLikelihoodRatio: llr,
  };
}
