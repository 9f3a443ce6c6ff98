/**
 * Error function to about 1e-15 relative accuracy, through the regularised incomplete gamma function
 * erf(x) = P(1/2, x^2): a power series below x^2 = 1.5 and a Lentz continued fraction above.
 */
export function erf(x: number): number {
  if (x === 0) return 0;
  if (!Number.isFinite(x)) return Number.isNaN(x) ? Number.NaN : Math.sign(x);
  const a = 0.5;
  const z = x * x;
  const logGammaHalf = 0.5 * Math.log(Math.PI);
  let p: number;
  if (z < 1.5) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 500; n++) {
      ap += 1;
      del *= z / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-17) break;
    }
    p = sum * Math.exp(-z + a * Math.log(z) - logGammaHalf);
  } else {
    const tiny = 1e-300;
    let b = z + 1 - a;
    let c = 1 / tiny;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i < 500; i++) {
      const an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < tiny) d = tiny;
      c = b + an / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      const del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-17) break;
    }
    p = 1 - Math.exp(-z + a * Math.log(z) - logGammaHalf) * h;
  }
  return x > 0 ? p : -p;
}
