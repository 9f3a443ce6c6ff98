/** Bisection on a continuous function with a sign change on [lo, hi]; returns the root to machine precision. */
export function bisect(f: (x: number) => number, lo: number, hi: number, maxIter = 200): number {
  let flo = f(lo);
  const fhi = f(hi);
  if (flo === 0) return lo;
  if (fhi === 0) return hi;
  if (Math.sign(flo) === Math.sign(fhi)) throw new RangeError(`no sign change on [${lo}, ${hi}]`);
  for (let i = 0; i < maxIter; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) return mid;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}
