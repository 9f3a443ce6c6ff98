// Average run length of the golden-batch T²/SPE chart on the simulated line: ARL0 on in-control product (next to the
// theoretical 1/α of each chart and 1/(1 − (1 − α)²) of the combined chart) and ARL1 after step faults and slow
// drifts of several magnitudes. Every replication is a new simulated sensor with its own fitted model.
// Run: npm run bench -- scent/arl [--reps=300] [--cap=5000]
import { type GoldenBatchModel, type LineSimulator, type SimulatedFault, seededRng } from '@quintessence/scent';
import { cycleMs, intFlag, percent, printTable, product, simulatedLine, stepMs } from './simulated-line.js';

const reps = intFlag('reps', 300);
const cap = intFlag('cap', 5000);
const alpha = 0.01;

interface Scenario {
  readonly group: 'in-control' | 'step' | 'slow drift';
  readonly name: string;
  readonly magnitude: string;
  /** Faults of sample k (0 = first sample after the change), and an optional additive sensor-side bias. */
  readonly faults?: () => SimulatedFault[];
  readonly bias?: (values: number[]) => void;
  readonly driftPerDay?: number;
  /** Sample at uniformly random times of the environment cycle instead of every 3 min. */
  readonly randomTime?: boolean;
}

const scenarios: Scenario[] = [
  { group: 'in-control', name: 'good product, no fault', magnitude: '—' },
  {
    group: 'in-control',
    name: 'good product, each sample at a random time of the 8-h cycle (no autocorrelation)',
    magnitude: '—',
    randomTime: true,
  },
];
for (const ppm of [0.005, 0.01, 0.05, 0.2]) {
  scenarios.push({
    group: 'step',
    name: 'contamination H₂S',
    magnitude: `${ppm} ppm`,
    faults: () => [{ kind: 'contamination', compound: 'hydrogen_sulfide', ppm }],
  });
}
for (const factor of [0.85, 0.7]) {
  scenarios.push({
    group: 'step',
    name: 'off-spec limonene',
    magnitude: `× ${factor}`,
    faults: () => [{ kind: 'off_spec', factors: { limonene: factor } }],
  });
}
for (const k of [1, 2, 3, 5]) {
  scenarios.push({
    group: 'step',
    name: 'offset on channel 0 (sensor-side bias)',
    magnitude: `${k} σ of the channel`,
    bias: (values) => {
      values[0]! += k * current.sd0;
    },
  });
}
for (const n of [1000, 300, 100, 30]) {
  scenarios.push({
    group: 'slow drift',
    name: 'drifting channel 0',
    magnitude: `1 σ per ${n} samples`,
    faults: () => [
      {
        kind: 'drifting_channel',
        channel: 0,
        ratePerMinute: current.sd0 / current.g0 / ((n * stepMs) / 60_000),
        sinceMs: current.t0,
      },
    ],
  });
}
for (const perDay of [0.05, 0.2, 1]) {
  scenarios.push({
    group: 'slow drift',
    name: 'array baseline drift (all channels, own rates)',
    magnitude: `~${perDay * 100}% / day`,
    driftPerDay: perDay,
  });
}

// the running replication: onset time, channel 0's in-control standard deviation and clean-air baseline
const current = { t0: 0, sd0: 0, g0: 0 };

/** Run length: samples from the change until the first alarm of each chart (cap + 1 when none within `cap`). */
function runLength(model: GoldenBatchModel, sim: LineSimulator, scenario: Scenario, t0: number) {
  let t2 = 0;
  let spe = 0;
  let any = 0;
  for (let k = 1; k <= cap && (t2 === 0 || spe === 0); k++) {
    const t = scenario.randomTime ? t0 + Math.floor(phase.next() * 160) * stepMs : t0 + (k - 1) * stepMs;
    const s = sim.sample(product, t, scenario.faults?.() ?? []);
    scenario.bias?.(s.values);
    const sc = model.score(s.values);
    if (t2 === 0 && sc.t2 > sc.t2Limit) t2 = k;
    if (spe === 0 && sc.spe > sc.speLimit) spe = k;
    if (any === 0 && sc.isAnomaly) any = k;
  }
  return { t2: t2 || cap + 1, spe: spe || cap + 1, any: any || cap + 1 };
}

const results = scenarios.map(() => ({ t2: [] as number[], spe: [] as number[], any: [] as number[] }));
const phase = seededRng(99);
// per-sample false-alarm rate on in-control samples at random times (the marginal α of the fitted charts)
const marginal = { samples: 0, t2: 0, spe: 0, any: 0 };
const started = performance.now();
for (let rep = 0; rep < reps; rep++) {
  const line = simulatedLine(rep, { alpha });
  // monitoring starts at a random point of the environment cycle, after the reference cycle
  current.t0 = cycleMs + Math.floor(phase.next() * 160) * stepMs;
  current.sd0 = line.model.toJSON().scale[0]!;
  current.g0 = line.monitor().baseline(0)[0]!;
  const check = line.monitor();
  for (let k = 0; k < 500; k++) {
    const sc = line.model.score(check.sample(product, cycleMs + Math.floor(phase.next() * 160) * stepMs).values);
    marginal.samples++;
    if (sc.t2 > sc.t2Limit) marginal.t2++;
    if (sc.spe > sc.speLimit) marginal.spe++;
    if (sc.isAnomaly) marginal.any++;
  }
  scenarios.forEach((sc, i) => {
    const sim = line.monitor({ driftPerDay: sc.driftPerDay ?? 0, startMs: current.t0 });
    const r = runLength(line.model, sim, sc, current.t0);
    results[i]!.t2.push(r.t2);
    results[i]!.spe.push(r.spe);
    results[i]!.any.push(r.any);
  });
}
const seconds = (performance.now() - started) / 1000;

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const censored = (xs: number[]) => xs.filter((x) => x > cap).length;
const arl = (xs: number[]) => {
  const c = censored(xs);
  const m = mean(xs.map((x) => Math.min(x, cap)));
  const se = Math.sqrt(mean(xs.map((x) => (Math.min(x, cap) - m) ** 2)) / xs.length);
  return `${c > 0 ? '≥ ' : ''}${m.toFixed(1)} ± ${se.toFixed(1)}`;
};

console.log(
  `${reps} replications (each a new simulated 8-channel sensor and model fitted on 160 good samples over 8 h), ` +
    `α = ${alpha} per chart, one sample every ${stepMs / 60_000} min, runs capped at ${cap} samples; ${seconds.toFixed(1)} s\n`,
);
const combinedTheory = 1 / (1 - (1 - alpha) ** 2);
printTable(
  [
    'scenario',
    'magnitude',
    'ARL T² (± s.e.)',
    'ARL SPE',
    'ARL combined',
    'median RL combined',
    'p90 RL combined',
    'anchor',
  ],
  scenarios.map((sc, i) => {
    const r = results[i]!;
    const anchor =
      sc.group === 'in-control'
        ? `theory (independent, known parameters): T² ${1 / alpha}, SPE ${1 / alpha}, combined ${combinedTheory.toFixed(1)}`
        : `ARL0 combined ${mean(results[0]!.any.map((x) => Math.min(x, cap))).toFixed(1)}`;
    return [
      `${sc.group}: ${sc.name}`,
      sc.magnitude,
      arl(r.t2),
      arl(r.spe),
      arl(r.any),
      quantile(r.any, 0.5),
      quantile(r.any, 0.9),
      anchor,
    ];
  }),
);
const inControl = results[0]!.any;
console.log(
  `\nIn control: ${percent(inControl.filter((x) => x === 1).length / reps)} of runs alarm on the first sample ` +
    `(theory ${percent(1 - (1 - alpha) ** 2)}); ${censored(inControl)} of ${reps} runs reach the cap without an alarm.`,
);
console.log(
  `Per-sample false-alarm rate on ${marginal.samples} in-control samples at random times: T² ${percent(marginal.t2 / marginal.samples, 2)}, ` +
    `SPE ${percent(marginal.spe / marginal.samples, 2)}, combined ${percent(marginal.any / marginal.samples, 2)} ` +
    `(α = ${percent(alpha, 2)} per chart, ${percent(1 - (1 - alpha) ** 2, 2)} combined if independent).`,
);
