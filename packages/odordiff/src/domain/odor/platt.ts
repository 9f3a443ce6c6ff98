/** Platt scaling parameters: p = sigmoid(a * logit + b). */
export interface PlattScaling {
  readonly a: number;
  readonly b: number;
}

/**
 * Fits Platt scaling to raw logits by damped Newton steps (backtracking on the objective) on the log-loss, with
 * Platt's target smoothing ((n+ + 1) / (n+ + 2) and 1 / (n- + 2)) so rare labels do not get infinite slopes, and a
 * small ridge towards the identity mapping (1, 0).
 *
 * @see Platt, "Probabilistic outputs for support vector machines" (1999); Lin, Lin & Weng (2007)
 */
export function fitPlatt(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  iterations = 100,
  ridge = 0.01,
): PlattScaling {
  const n = logits.length;
  let pos = 0;
  for (let i = 0; i < n; i++) if (labels[i] > 0.5) pos++;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (n - pos + 2);
  const target = (i: number) => (labels[i] > 0.5 ? hi : lo);
  const objective = (a: number, b: number) => {
    let f = 0.5 * ridge * ((a - 1) ** 2 + b * b);
    for (let i = 0; i < n; i++) {
      const z = a * logits[i] + b;
      const t = target(i);
      // log(1 + e^z) - t z, computed stably
      f += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - t * z;
    }
    return f;
  };
  let a = 1;
  let b = 0;
  let f = objective(a, b);
  for (let it = 0; it < iterations; it++) {
    let g1 = ridge * (a - 1);
    let g2 = ridge * b;
    let h11 = ridge;
    let h22 = ridge;
    let h12 = 0;
    for (let i = 0; i < n; i++) {
      const z = a * logits[i] + b;
      const p = 1 / (1 + Math.exp(-z));
      const d = p - target(i);
      const w = p * (1 - p);
      g1 += d * logits[i];
      g2 += d;
      h11 += w * logits[i] * logits[i];
      h22 += w;
      h12 += w * logits[i];
    }
    const det = h11 * h22 - h12 * h12;
    if (!(det > 0)) break;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    let step = 1;
    let improved = false;
    for (let k = 0; k < 30; k++, step /= 2) {
      const fa = objective(a - step * da, b - step * db);
      if (fa <= f) {
        a -= step * da;
        b -= step * db;
        improved = f - fa > 1e-12 * Math.max(1, Math.abs(f));
        f = fa;
        break;
      }
    }
    if (!improved) break;
  }
  return { a, b };
}

/** Applies Platt scaling to one logit. */
export function applyPlatt(p: PlattScaling, logit: number): number {
  return 1 / (1 + Math.exp(-(p.a * logit + p.b)));
}
