import type { Series } from '../statistics.js';

/**
 * Simple exponential smoothing seeded at the first value (R forecast `ses(initial = "simple")`): the level after
 * the last observation, which is the flat forecast for every horizon.
 *
 * @example sesLevel([3, 5, 4], 0.1) // 3 → 3.2 → 3.28
 */
export function sesLevel(y: Series, alpha: number): number {
  if (y.length === 0) return Number.NaN;
  let level = y[0]!;
  for (let t = 1; t < y.length; t++) level += alpha * (y[t]! - level);
  return level;
}

/** One-step-ahead in-sample SES forecasts (ŷ_t made before seeing y_t), seeded at y_0. */
export function sesFitted(y: Series, alpha: number): Float64Array {
  const out = new Float64Array(y.length);
  if (y.length === 0) return out;
  let level = y[0]!;
  for (let t = 0; t < y.length; t++) {
    out[t] = level;
    level += alpha * (y[t]! - level);
  }
  return out;
}

/**
 * ETS(A,N,N) fitted by least squares over α ∈ [1e-4, 0.9999] and the initial level ℓ₀ (closed form for ℓ₀ given α,
 * golden-section search over α), as R's `ets(model = "ANN")` maximises the same Gaussian likelihood n·log(SSE).
 */
export function etsAnn(y: Series): { alpha: number; initialLevel: number; level: number; sse: number } {
  const n = y.length;
  if (n === 0) return { alpha: Number.NaN, initialLevel: Number.NaN, level: Number.NaN, sse: Number.NaN };
  const evaluate = (alpha: number) => {
    // l_{t} = a_t + b_t·ℓ₀ ; e_t = y_t − l_{t−1}
    let a = 0;
    let b = 1;
    let scc = 0;
    let scb = 0;
    let sbb = 0;
    for (let t = 0; t < n; t++) {
      const c = y[t]! - a;
      scc += c * c;
      scb += c * b;
      sbb += b * b;
      a = (1 - alpha) * a + alpha * y[t]!;
      b *= 1 - alpha;
    }
    const l0 = scb / sbb;
    const sse = Math.max(scc - (scb * scb) / sbb, 0);
    return { l0, sse, level: a + b * l0 };
  };
  let lo = 1e-4;
  let hi = 0.9999;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = evaluate(x1).sse;
  let f2 = evaluate(x2).sse;
  for (let i = 0; i < 60 && hi - lo > 1e-7; i++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = evaluate(x1).sse;
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = evaluate(x2).sse;
    }
  }
  const alpha = (lo + hi) / 2;
  const best = evaluate(alpha);
  return { alpha, initialLevel: best.l0, level: best.level, sse: best.sse };
}

/** Holt's linear method with a damped trend; returns the h-step forecast path. Seeds ℓ₀ = y₀, b₀ = y₁ − y₀. */
export function holtDamped(
  y: Series,
  horizon: number,
  o: { alpha?: number; beta?: number; phi?: number } = {},
): Float64Array {
  const alpha = o.alpha ?? 0.3;
  const beta = o.beta ?? 0.1;
  const phi = o.phi ?? 0.9;
  const out = new Float64Array(horizon);
  const n = y.length;
  if (n === 0) return out.fill(Number.NaN);
  let level = y[0]!;
  let trend = n > 1 ? y[1]! - y[0]! : 0;
  for (let t = 1; t < n; t++) {
    const prevLevel = level;
    level = alpha * y[t]! + (1 - alpha) * (prevLevel + phi * trend);
    trend = beta * (level - prevLevel) + (1 - beta) * phi * trend;
  }
  let damp = 0;
  let pow = 1;
  for (let h = 0; h < horizon; h++) {
    pow *= phi;
    damp += pow;
    out[h] = level + damp * trend;
  }
  return out;
}
