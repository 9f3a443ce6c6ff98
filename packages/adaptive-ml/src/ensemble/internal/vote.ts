import type { ClassLabel } from '../../base/estimator.js';

/** Adds `weight * proba` into `acc`. */
export function addVotes(acc: Map<ClassLabel, number>, proba: Map<ClassLabel, number>, weight = 1): void {
  for (const [c, p] of proba) acc.set(c, (acc.get(c) ?? 0) + weight * p);
}

/** Normalises votes to sum 1 (unchanged when they sum to 0). */
export function normaliseVotes(votes: Map<ClassLabel, number>): Map<ClassLabel, number> {
  let total = 0;
  for (const v of votes.values()) total += v;
  if (total > 0) for (const [c, v] of votes) votes.set(c, v / total);
  return votes;
}
