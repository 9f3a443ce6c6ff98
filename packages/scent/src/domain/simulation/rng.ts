/** Randomness port of the simulator: uniform variates in [0, 1) and standard normal variates. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
}

/**
 * A seeded {@link Rng}: mulberry32 for uniforms, Box-Muller for normals. The same seed always gives the same stream.
 *
 * @example
 * const rng = seededRng(42);
 * const noise = 0.01 * rng.normal();
 */
export function seededRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number; got ${seed}`);
  let s = Math.trunc(seed) >>> 0;
  let spare: number | undefined;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      const u = 1 - next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}
