/**
 * The 32-bit `hash_combine` used by RDKit's portable copy of boost::hash (`gboost`), which defines every Morgan
 * environment id. All arithmetic is modulo 2^32.
 *
 * @see RDKit Code/RDGeneral/hash/hash.hpp
 */
export function hashCombine(seed: number, value: number): number {
  const s = seed >>> 0;
  return (s ^ ((value >>> 0) + 0x9e3779b9 + ((s << 6) >>> 0) + (s >>> 2))) >>> 0;
}

/** Hash of a sequence of 32-bit integers (boost `hash_range` starting from seed 0). */
export function hashSequence(values: readonly number[]): number {
  let seed = 0;
  for (const v of values) seed = hashCombine(seed, v);
  return seed;
}

/** Hash of an `(int32, uint32)` pair as boost hashes `std::pair`. */
export function hashPair(first: number, second: number): number {
  return hashCombine(hashCombine(0, first), second);
}
