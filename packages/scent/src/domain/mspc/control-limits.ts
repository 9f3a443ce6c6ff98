import jstatPkg from 'jstat';

const { jStat } = jstatPkg as unknown as typeof import('jstat');

/**
 * Upper control limit of Hotelling's T² for a NEW observation scored against a PCA model with `components` scores
 * fitted on `n` reference observations: A(n−1)(n+1) / (n(n−A)) · F(A, n−A; 1−α).
 *
 * @see Tracy, Young & Mason (1992), Multivariate control charts for individual observations, J. Quality Technology 24.
 */
export function hotellingT2Limit(n: number, components: number, alpha: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(components) || components < 1 || n - components < 1) {
    throw new RangeError(`T² limit needs integers with 1 <= A < n; got A=${components}, n=${n}`);
  }
  checkAlpha(alpha);
  const a = components;
  const f = jStat.centralF.inv(1 - alpha, a, n - a);
  return ((a * (n - 1) * (n + 1)) / (n * (n - a))) * f;
}

/** Sums of powers of the residual eigenvalues: θ_i = Σ λ_j^i over the discarded components. */
function thetas(residualEigenvalues: ArrayLike<number>): [number, number, number] {
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  for (let j = 0; j < residualEigenvalues.length; j++) {
    const l = residualEigenvalues[j]!;
    if (l <= 0) continue;
    t1 += l;
    t2 += l * l;
    t3 += l * l * l;
  }
  return [t1, t2, t3];
}

/**
 * SPE (Q) limit by Jackson & Mudholkar (1979):
 * Q_α = θ1 [ z_α √(2θ2h0²)/θ1 + 1 + θ2h0(h0−1)/θ1² ]^(1/h0), h0 = 1 − 2θ1θ3/(3θ2²).
 */
export function speLimitJacksonMudholkar(residualEigenvalues: ArrayLike<number>, alpha: number): number {
  checkAlpha(alpha);
  const [t1, t2, t3] = thetas(residualEigenvalues);
  if (t1 === 0) return 0;
  const h0 = 1 - (2 * t1 * t3) / (3 * t2 * t2);
  const z = jStat.normal.inv(1 - alpha, 0, 1);
  const inner = (z * Math.sqrt(2 * t2 * h0 * h0)) / t1 + 1 + (t2 * h0 * (h0 - 1)) / (t1 * t1);
  return t1 * inner ** (1 / h0);
}

/**
 * SPE (Q) limit by Box's (1954) approximation: g·χ²_h(1−α) with g = θ2/θ1, h = θ1²/θ2.
 */
export function speLimitBox(residualEigenvalues: ArrayLike<number>, alpha: number): number {
  checkAlpha(alpha);
  const [t1, t2] = thetas(residualEigenvalues);
  if (t1 === 0) return 0;
  const g = t2 / t1;
  const h = (t1 * t1) / t2;
  return g * jStat.chisquare.inv(1 - alpha, h);
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5); got ${alpha}`);
}

/** The p-quantile of the χ² distribution with `dof` (possibly fractional) degrees of freedom. */
export function chiSquareQuantile(p: number, dof: number): number {
  if (!(p > 0 && p < 1) || !(dof > 0)) throw new RangeError(`chi-square quantile needs 0 < p < 1 and dof > 0`);
  return jStat.chisquare.inv(p, dof);
}
