import { describe, expect, it } from 'vitest';
import { hashCombine, hashPair, hashSequence } from './boost-hash.js';

describe('boost hash_combine (32-bit)', () => {
  it('adds the golden-ratio constant when combining zero into zero', () => {
    expect(hashCombine(0, 0)).toBe(0x9e3779b9);
  });

  it('wraps modulo 2^32 and stays unsigned', () => {
    const h = hashCombine(0xffffffff, 0xffffffff);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(2 ** 32);
    // seed ^ (v + c + (seed << 6) + (seed >> 2)) computed with BigInt as an independent check
    const s = 0xffffffffn;
    const expected =
      (s ^ ((0xffffffffn + 0x9e3779b9n + ((s << 6n) & 0xffffffffn) + (s >> 2n)) & 0xffffffffn)) & 0xffffffffn;
    expect(BigInt(h)).toBe(expected);
  });

  it('hashes sequences and pairs as chained combines from seed 0', () => {
    expect(hashSequence([6, 4, 3, 0, 0])).toBe(
      hashCombine(hashCombine(hashCombine(hashCombine(hashCombine(0, 6), 4), 3), 0), 0),
    );
    expect(hashPair(1, 42)).toBe(hashCombine(hashCombine(0, 1), 42));
    expect(hashSequence([-1 >>> 0])).toBe(hashCombine(0, 0xffffffff));
  });
});
