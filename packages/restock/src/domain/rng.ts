/** A seeded uniform random source in [0, 1). Domain code takes randomness only through this port. */
export interface Rng {
  next(): number;
}

/**
 * Mulberry32: a small, fast 32-bit seeded generator (enough for bootstrapping demand, not for cryptography).
 *
 * @example const rng = mulberry32(42); rng.next();
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A standard normal draw by Box–Muller from an Rng. */
export function normalDraw(rng: Rng): number {
  let u = rng.next();
  while (u <= Number.EPSILON) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
