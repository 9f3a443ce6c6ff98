import { registerClass } from './serialization.js';

/** The randomness port every stochastic estimator receives: a uniform draw in [0, 1) plus a few derived draws. */
export interface Rng {
  /** Uniform double in [0, 1). */
  random(): number;
  /** Uniform integer in [0, n). */
  randBelow(n: number): number;
  /** Standard normal draw scaled to `mu + sigma * z`. */
  gauss(mu?: number, sigma?: number): number;
  /** An independent copy in the same state. */
  clone(): Rng;
}

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

/**
 * MT19937 seeded exactly like CPython's `random.Random(seed)` (init_by_array over the 32-bit words of |seed|), with
 * CPython's `random()`, `getrandbits`, `_randbelow`, `sample`, `gauss` draw order. Sharing Python's draw order lets
 * seeded algorithms (KSWIN's window sampling, SEA's first sample) reproduce River's outputs exactly.
 *
 * @example
 * const rng = new MersenneTwister(42);
 * rng.uniform(0, 10); // 6.394267984578837, like Python's random.Random(42).uniform(0, 10)
 * @see M. Matsumoto, T. Nishimura (1998). Mersenne Twister. ACM TOMACS 8(1).
 */
export class MersenneTwister implements Rng {
  private mt = new Uint32Array(N);
  private index = N + 1;
  private gaussNext: number | null = null;

  constructor(readonly seed = 0) {
    if (!Number.isInteger(seed)) throw new TypeError(`seed must be an integer, got ${seed}`);
    let s = Math.abs(seed);
    const key: number[] = [];
    do {
      key.push(s % 0x100000000);
      s = Math.floor(s / 0x100000000);
    } while (s > 0);
    this.initByArray(key);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: readonly number[]): void {
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** Next raw 32-bit output. */
  nextUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `k` random bits, 1 <= k <= 32 (CPython `getrandbits`). */
  getRandBits(k: number): number {
    return this.nextUint32() >>> (32 - k);
  }

  randBelow(n: number): number {
    if (!(n > 0) || n > 0xffffffff) throw new RangeError(`randBelow needs 0 < n < 2^32, got ${n}`);
    const k = 32 - Math.clz32(n);
    let r = this.getRandBits(k);
    while (r >= n) r = this.getRandBits(k);
    return r;
  }

  /** Integer in [a, b] inclusive. */
  randInt(a: number, b: number): number {
    return a + this.randBelow(b - a + 1);
  }

  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }

  /** `k` distinct indices of range(n), in CPython `random.sample(range(n), k)` order. */
  sample(n: number, k: number): number[] {
    if (k < 0 || k > n) throw new RangeError(`sample larger than population or negative (k=${k}, n=${n})`);
    const result = new Array<number>(k);
    let setSize = 21;
    if (k > 5) setSize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setSize) {
      const pool = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = this.randBelow(n - i);
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randBelow(n);
        while (selected.has(j)) j = this.randBelow(n);
        selected.add(j);
        result[i] = j;
      }
    }
    return result;
  }

  gauss(mu = 0, sigma = 1): number {
    let z = this.gaussNext;
    this.gaussNext = null;
    if (z === null) {
      const x2pi = this.random() * 2 * Math.PI;
      const g2rad = Math.sqrt(-2 * Math.log(1 - this.random()));
      z = Math.cos(x2pi) * g2rad;
      this.gaussNext = Math.sin(x2pi) * g2rad;
    }
    return mu + z * sigma;
  }

  /** Poisson draw by multiplication of uniforms (River's `utils.random.poisson`). */
  poisson(rate: number): number {
    const limit = Math.exp(-rate);
    let k = 0;
    let p = 1;
    while (p > limit) {
      k++;
      p *= this.random();
    }
    return k - 1;
  }

  clone(): MersenneTwister {
    const copy = Object.create(MersenneTwister.prototype) as MersenneTwister;
    Object.assign(copy, { seed: this.seed, mt: this.mt.slice(), index: this.index, gaussNext: this.gaussNext });
    return copy;
  }
}

registerClass('MersenneTwister', MersenneTwister);

/** Poisson draw from any `Rng`. */
export function poisson(rng: Rng, rate: number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = 1;
  while (p > limit) {
    k++;
    p *= rng.random();
  }
  return k - 1;
}
