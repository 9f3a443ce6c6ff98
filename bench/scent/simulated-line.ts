// Shared set-up of the simulated-line benchmarks (ARL, fault isolation): one 8-channel MOX e-nose on the demo's
// orange-juice line, a golden-batch model fitted on 160 good samples spread over one 8-hour environment cycle (as
// `scent demo` does), and a sensor whose randomness can be re-seeded after the model is fitted so that monitoring
// noise never repeats the reference noise.
import {
  GoldenBatchModel,
  type GoldenBatchOptions,
  LineSimulator,
  type LineSimulatorOptions,
  type Rng,
  seededRng,
} from '@quintessence/scent';

export const product = 'orange-juice';
export const channels = 8;
export const referenceSamples = 160;
export const cycleMs = 8 * 3_600_000;
/** One sniff every three minutes, the demo's reference spacing. */
export const stepMs = cycleMs / referenceSamples;

/** An {@link Rng} whose stream can be switched to another seed. */
export function reseedableRng(seed: number): Rng & { reseed(seed: number): void } {
  let inner = seededRng(seed);
  return {
    next: () => inner.next(),
    normal: () => inner.normal(),
    reseed(s: number) {
      inner = seededRng(s);
    },
  };
}

export interface SimulatedLine {
  readonly model: GoldenBatchModel;
  /**
   * The same sensor (identical channel sensitivities, baselines and environment response) for monitoring, with fresh
   * noise; `options` may add array baseline drift (`driftPerDay` from `startMs`).
   */
  monitor(options?: Pick<LineSimulatorOptions, 'driftPerDay' | 'startMs'>): LineSimulator;
}

/**
 * Replication `rep`: a new sensor (its own channel sensitivities and baselines), the reference cycle without drift
 * and a fitted model.
 */
export function simulatedLine(rep: number, model: GoldenBatchOptions = {}): SimulatedLine {
  const sensorSeed = 1_000_003 * (rep + 1);
  const rng = reseedableRng(sensorSeed);
  const sim = new LineSimulator({ channels, driftPerDay: 0, rng });
  const rows = Array.from({ length: referenceSamples }, (_, i) => sim.sample(product, i * stepMs).values);
  const fitted = GoldenBatchModel.fit(rows, { alpha: 0.01, ...model });
  return {
    model: fitted,
    monitor(options = {}) {
      const r = reseedableRng(sensorSeed);
      const s = new LineSimulator({ channels, driftPerDay: 0, ...options, rng: r });
      r.reseed(7_777_777 + 31 * rep);
      return s;
    },
  };
}

export const percent = (x: number, digits = 1) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(digits)}%`);

export function printTable(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${columns.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

/** Integer option `--name=value` or `--name value` from argv, else `fallback`. */
export function intFlag(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}` && args[i + 1] !== undefined) return Number.parseInt(args[i + 1]!, 10);
    if (a.startsWith(`--${name}=`)) return Number.parseInt(a.slice(name.length + 3), 10);
  }
  return fallback;
}
