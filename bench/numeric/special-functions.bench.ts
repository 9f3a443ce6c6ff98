// @quintessence/numeric next to jstat 1.9.6 (the library ARCHITECTURE.md suggests for distributions): worst relative
// error on the reference values the package's tests use (mpmath 1.3.0, R qnorm), and time per call on a sweep.
// Run: npx tsx bench/numeric/special-functions.bench.ts
import jstatPkg from 'jstat';
import {
  erf,
  erfc,
  inverseNormalCdf,
  logGamma,
  normalCdf,
  regularizedGammaP,
  regularizedGammaQ,
} from '../../packages/numeric/src/index.js';
import {
  erfcValues,
  erfValues,
  incompleteGammaValues,
  logGammaValues,
  mpmathQuantileValues,
  normalCdfValues,
  relativeError,
  rQnormValues,
} from '../../packages/numeric/src/internal/reference-values.js';

/** The part of jstat's API compared here (its bundled typings cover less). */
interface JStat {
  erf(x: number): number;
  erfc(x: number): number;
  gammaln(x: number): number;
  lowRegGamma(a: number, x: number): number;
  normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
}
const { jStat } = jstatPkg as unknown as { jStat: JStat };

type Fn = (...args: number[]) => number;
interface Row {
  name: string;
  cases: ReadonlyArray<{ args: number[]; expected: number }>;
  ours: Fn;
  theirs: Fn;
  sweep: number[][];
}

const grid = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
const quantileCases = [...rQnormValues, ...mpmathQuantileValues].map(([p, z]) => ({ args: [p], expected: z }));

const rows: Row[] = [
  {
    name: 'erf',
    cases: erfValues.map(([x, v]) => ({ args: [x], expected: v })),
    ours: erf,
    theirs: (x) => jStat.erf(x),
    sweep: grid(-4, 4, 20_000).map((x) => [x]),
  },
  {
    name: 'erfc',
    cases: erfcValues.map(([x, v]) => ({ args: [x], expected: v })),
    ours: erfc,
    theirs: (x) => jStat.erfc(x),
    sweep: grid(-4, 4, 20_000).map((x) => [x]),
  },
  {
    name: 'normalCdf',
    cases: normalCdfValues.map(([z, v]) => ({ args: [z], expected: v })),
    ours: normalCdf,
    theirs: (z) => jStat.normal.cdf(z, 0, 1),
    sweep: grid(-4, 4, 20_000).map((z) => [z]),
  },
  {
    name: 'inverseNormalCdf',
    cases: quantileCases,
    ours: inverseNormalCdf,
    theirs: (p) => jStat.normal.inv(p, 0, 1),
    sweep: grid(1e-6, 1 - 1e-6, 20_000).map((p) => [p]),
  },
  {
    name: 'logGamma',
    cases: logGammaValues.map(([x, v]) => ({ args: [x], expected: v })),
    ours: logGamma,
    theirs: (x) => jStat.gammaln(x),
    sweep: grid(0.1, 200, 20_000).map((x) => [x]),
  },
  {
    name: 'regularizedGammaP',
    cases: incompleteGammaValues.map(([a, x, p]) => ({ args: [a, x], expected: p })),
    ours: regularizedGammaP,
    theirs: (a, x) => jStat.lowRegGamma(a, x),
    sweep: grid(0.5, 60, 20_000).map((x, i) => [1 + (i % 30), x]),
  },
  {
    name: 'regularizedGammaQ (jstat: 1 − lowRegGamma)',
    cases: incompleteGammaValues.map(([a, x, , q]) => ({ args: [a, x], expected: q })),
    ours: regularizedGammaQ,
    theirs: (a, x) => 1 - jStat.lowRegGamma(a, x),
    sweep: grid(0.5, 60, 20_000).map((x, i) => [1 + (i % 30), x]),
  },
];

function worst(f: Fn, cases: Row['cases']): string {
  let w = 0;
  let at = '';
  for (const c of cases) {
    const e = relativeError(f(...c.args), c.expected);
    if (!(e <= w)) {
      w = e;
      at = c.args.join(', ');
    }
  }
  return `${w.toExponential(1)} (at ${at})`;
}

function nsPerCall(f: Fn, sweep: number[][]): number {
  let sink = 0;
  for (const a of sweep) sink += f(...a); // warm-up
  const reps = 5;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) for (const a of sweep) sink += f(...a);
  const ns = Number(process.hrtime.bigint() - t0) / (reps * sweep.length);
  if (Number.isNaN(sink)) console.log('(a NaN reached the sink)');
  return ns;
}

console.log(
  '| function | reference points | worst rel. error, numeric | worst rel. error, jstat | ns/call numeric | ns/call jstat |',
);
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.cases.length} | ${worst(r.ours, r.cases)} | ${worst(r.theirs, r.cases)} | ${nsPerCall(r.ours, r.sweep).toFixed(0)} | ${nsPerCall(r.theirs, r.sweep).toFixed(0)} |`,
  );
}
