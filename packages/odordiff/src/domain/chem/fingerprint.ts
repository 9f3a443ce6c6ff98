import type { MolGraph } from './mol-graph.js';
import { morganEnvironments } from './morgan.js';

/**
 * Morgan bit fingerprint folded to `nBits` (RDKit folds an id by `id % nBits`), as a sorted array of set bits.
 * Radius 2 and 2048 bits by default (ECFP4-like).
 */
export function morganBits(graph: MolGraph, radius = 2, nBits = 2048): Uint32Array {
  const bits = new Set<number>();
  for (const id of morganEnvironments(graph, { radius }).keys()) bits.add(id % nBits);
  return Uint32Array.from([...bits].sort((a, b) => a - b));
}

/** Tanimoto (Jaccard) similarity of two sorted bit sets; 0 when both are empty. */
export function tanimoto(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - common;
  return union === 0 ? 0 : common / union;
}
