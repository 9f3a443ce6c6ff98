// Fault isolation on the simulated line: a single-channel fault (stuck, dead, noisy, drifting, offset) on a random
// channel; at the chart's first alarm, is the faulty channel ranked first (top-1) or among the first three (top-3) by
// the per-channel contributions and by the reconstruction-based contributions (RBC)? Goal: top-1 ≥ 90%.
// Methods that pool several samples (standardised contributions, `GoldenBatchModel.isolateChannels`) were chosen on
// development replications (`--first-rep=100000 --pick-seed=99 --all`), never on the evaluation replications
// (`--first-rep=0 --pick-seed=4242`, the defaults) reported in bench/scent/README.md.
// Run: npm run bench -- scent/isolation [--reps=400] [--first-rep=0] [--pick-seed=4242] [--all]
import { type GoldenBatchModel, type Score, type SimulatedFault, seededRng } from '@quintessence/scent';
import { channels, cycleMs, intFlag, percent, printTable, product, simulatedLine, stepMs } from './simulated-line.js';

const reps = intFlag('reps', 400);
const firstRep = intFlag('first-rep', 0);
const pickSeed = intFlag('pick-seed', 4242);
/** Print every candidate method (development); otherwise the reported ones. */
const showAll = process.argv.includes('--all');
const window = 200;

interface FaultCase {
  readonly fault: string;
  readonly magnitude: string;
  readonly faults?: (j: number) => SimulatedFault[];
  readonly bias?: (values: number[], j: number) => void;
}
const current = { t0: 0, sd: [] as number[], g0: [] as number[] };
const cases: FaultCase[] = [
  { fault: 'stuck', magnitude: 'holds its last value', faults: (j) => [{ kind: 'stuck_channel', channel: j }] },
  { fault: 'dead', magnitude: 'reads 0', faults: (j) => [{ kind: 'dead_channel', channel: j }] },
  ...[10, 30].map((factor) => ({
    fault: 'noisy',
    magnitude: `noise × ${factor}`,
    faults: (j: number): SimulatedFault[] => [{ kind: 'noisy_channel', channel: j, factor }],
  })),
  ...[100, 30].map((n) => ({
    fault: 'drifting',
    magnitude: `1 σ per ${n} samples`,
    faults: (j: number): SimulatedFault[] => [
      {
        kind: 'drifting_channel',
        channel: j,
        ratePerMinute: current.sd[j]! / current.g0[j]! / ((n * stepMs) / 60_000),
        sinceMs: current.t0,
      },
    ],
  })),
  ...[1, 3].map((k) => ({
    fault: 'offset (sensor-side bias)',
    magnitude: `${k} σ`,
    bias: (values: number[], j: number) => {
      values[j]! += k * current.sd[j]!;
    },
  })),
];

const rankBy = (c: ArrayLike<number>) => Array.from({ length: c.length }, (_, i) => i).sort((a, b) => c[b]! - c[a]!);
const byLimit = (s: Score) => (s.spe / s.speLimit >= s.t2 / s.t2Limit ? s.speContributions : s.t2Contributions);
const sumLast = (scores: readonly Score[], n: number, pickV: (s: Score) => ArrayLike<number>) => {
  const total = new Float64Array(channels);
  for (const s of scores.slice(-n)) {
    const c = pickV(s);
    for (let q = 0; q < channels; q++) total[q]! += c[q]!;
  }
  return total;
};
interface Method {
  readonly name: string;
  /** Rank at the first alarm (`first`) or at the first alarm with 2 of the last 3 samples alarmed (`confirmed`). */
  readonly at: 'first' | 'confirmed';
  /** Printed without --all. */
  readonly reported: boolean;
  /** `scores` ends with the alarm sample. */
  readonly rank: (m: GoldenBatchModel, scores: readonly Score[]) => number[];
}
const last = (scores: readonly Score[]) => scores[scores.length - 1]!;
const methods: Method[] = [
  {
    name: 'contributions (statistic most over its limit)',
    at: 'first',
    reported: true,
    rank: (_m, sc) => rankBy(byLimit(last(sc))),
  },
  { name: 'SPE contributions', at: 'first', reported: true, rank: (_m, sc) => rankBy(last(sc).speContributions) },
  {
    name: 'RBC (statistic most over its limit; model.rankChannels before)',
    at: 'first',
    reported: true,
    rank: (_m, sc) => {
      const s = last(sc);
      return rankBy(s.spe / s.speLimit >= s.t2 / s.t2Limit ? s.speRbc : s.t2Rbc);
    },
  },
  {
    name: 'model.rankChannels (one sample, standardised T² + SPE contributions)',
    at: 'first',
    reported: true,
    rank: (m, sc) => m.rankChannels(last(sc)),
  },
  {
    name: 'SPE contributions summed over the last 10 samples',
    at: 'first',
    reported: true,
    rank: (_m, sc) => rankBy(sumLast(sc, 10, (s) => s.speContributions)),
  },
];
const candidates: Array<[string, Parameters<GoldenBatchModel['isolateChannels']>[1]]> = [];
for (const window of [1, 5, 10, 20])
  for (const kind of ['contributions', 'rbc'] as const)
    for (const statistic of ['spe', 'both'] as const)
      for (const standardise of [false, true])
        for (const alarmedOnly of [false, true])
          candidates.push([
            `isolateChannels window ${window} ${kind} ${statistic}${standardise ? ' standardised' : ''}${alarmedOnly ? ' alarmed-only' : ''}`,
            { window, kind, statistic, standardise, alarmedOnly },
          ]);
/** The method the service and the mspc agent use (chosen on the development replications). */
const chosen = 'isolateChannels window 10 contributions both standardised';
for (const at of ['first', 'confirmed'] as const)
  for (const [name, options] of candidates)
    methods.push({
      name: `${name}${at === 'confirmed' ? ' (at confirmed alarm)' : ''}`,
      at,
      reported: name === chosen,
      rank: (m, sc) => m.isolateChannels(sc, options).ranking,
    });
const shown = methods.filter((m) => showAll || m.reported);

const tally = cases.map(() => ({
  runs: 0,
  detected: 0,
  delay: 0,
  top1: methods.map(() => 0),
  top3: methods.map(() => 0),
}));
const pick = seededRng(pickSeed);
const started = performance.now();
for (let rep = firstRep; rep < firstRep + reps; rep++) {
  const line = simulatedLine(rep);
  const json = line.model.toJSON();
  current.sd = json.scale;
  current.g0 = line.monitor().baseline(0);
  current.t0 = cycleMs + Math.floor(pick.next() * 160) * stepMs;
  cases.forEach((fc, ci) => {
    const j = Math.floor(pick.next() * channels);
    const sim = line.monitor({ startMs: current.t0 });
    const t = tally[ci]!;
    t.runs++;
    // one in-control sample first, so a stuck channel has a value to hold
    sim.sample(product, current.t0 - stepMs);
    const scores: Score[] = [];
    let first = -1;
    let confirmed = -1;
    for (let k = 0; k < window && confirmed < 0; k++) {
      const s = sim.sample(product, current.t0 + k * stepMs, fc.faults?.(j) ?? []);
      fc.bias?.(s.values, j);
      const score = line.model.score(s.values);
      scores.push(score);
      if (!score.isAnomaly) continue;
      const recentAlarms = scores.slice(-3).filter((q) => q.isAnomaly).length;
      if (first < 0) first = k;
      if (recentAlarms >= 2) confirmed = k;
    }
    if (first < 0) return;
    t.detected++;
    t.delay += first + 1;
    // a method that waits for a confirmed alarm scores a miss when none comes within the window
    methods.forEach((m, mi) => {
      const at = m.at === 'first' ? first : confirmed;
      if (at < 0 || (!showAll && !m.reported)) return;
      const ranking = m.rank(line.model, scores.slice(0, at + 1));
      if (ranking[0] === j) t.top1[mi]!++;
      if (ranking.slice(0, 3).includes(j)) t.top3[mi]!++;
    });
  });
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `${reps} replications per fault (replications ${firstRep}..${firstRep + reps - 1}, fault draws seeded ${pickSeed}; ` +
    `new simulated ${channels}-channel sensor and model each; faulty channel drawn at random; ` +
    `ranking taken at the first alarm within ${window} samples, or at the first alarm with 2 of the last 3 samples ` +
    `alarmed where stated — a miss when none comes; α = 0.01); ${seconds.toFixed(1)} s\n`,
);
const rows: Array<Array<string | number>> = [];
if (!showAll)
  cases.forEach((fc, ci) => {
    const t = tally[ci]!;
    methods.forEach((m, mi) => {
      if (!m.reported) return;
      rows.push([
        fc.fault,
        fc.magnitude,
        percent(t.detected / t.runs),
        t.detected ? (t.delay / t.detected).toFixed(1) : 'n/a',
        m.name,
        percent(t.top1[mi]! / t.detected),
        percent(t.top3[mi]! / t.detected),
      ]);
    });
  });
const all = (mi: number, key: 'top1' | 'top3') =>
  tally.reduce((s, t) => s + t[key][mi]!, 0) / tally.reduce((s, t) => s + t.detected, 0);
for (const m of shown) {
  const mi = methods.indexOf(m);
  rows.push(['all faults', '—', '', '', m.name, percent(all(mi, 'top1')), percent(all(mi, 'top3'))]);
}
printTable(
  ['fault', 'magnitude', 'detected', 'mean delay (samples)', 'ranking', 'top-1', 'top-3'],
  rows.map((r) => [...r, 'goal top-1 ≥ 90%; chance 12.5% (1 of 8)']),
);
