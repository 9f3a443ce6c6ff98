/** Port: a seeded source of uniform numbers in [0, 1). Domain code never calls Math.random. */
export interface Rng {
  next(): number;
}

/**
 * Mulberry32: a small, fast 32-bit seeded generator (period 2^32), ample for bootstrap resampling and simulations.
 *
 * @example const rng = createRng(42); rng.next(); // 0.6011037519201636
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}
