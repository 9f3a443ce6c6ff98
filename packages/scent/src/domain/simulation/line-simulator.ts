import type { Rng } from './rng.js';

/** Headspace composition of a product: compound -> concentration in ppm. */
export interface OdorProfile {
  readonly product: string;
  readonly concentrations: Readonly<Record<string, number>>;
}

/** A fault injected into one simulated sample. Channel faults keep their state across samples. */
export type SimulatedFault =
  /** A foreign compound in the headspace (spoilage, cleaning agent, cross-contamination). */
  | { readonly kind: 'contamination'; readonly compound: string; readonly ppm: number }
  /** The product's composition is off: compound -> concentration multiplier. */
  | { readonly kind: 'off_spec'; readonly factors: Readonly<Record<string, number>> }
  /** The channel repeats the value it had when the fault began. */
  | { readonly kind: 'stuck_channel'; readonly channel: number }
  /** The channel reads 0 (heater or contact failure). */
  | { readonly kind: 'dead_channel'; readonly channel: number }
  /** The channel's noise is multiplied by `factor`. */
  | { readonly kind: 'noisy_channel'; readonly channel: number; readonly factor: number }
  /** The channel's baseline ramps by `ratePerMinute` × its baseline per minute since `sinceMs`. */
  | {
      readonly kind: 'drifting_channel';
      readonly channel: number;
      readonly ratePerMinute: number;
      readonly sinceMs: number;
    };

export type SimulatedFaultKind = SimulatedFault['kind'];

export interface EnvironmentModel {
  /** Mean value (°C or % RH). */
  readonly mean: number;
  /** Amplitude of the slow (shift-long) cycle. */
  readonly amplitude: number;
  /** Standard deviation of the sample-to-sample variation. */
  readonly sd: number;
}

export interface LineSimulatorOptions {
  /** Source of all randomness (sensor parameters and noise). */
  readonly rng: Rng;
  /** MOX channels of the array (default 8). */
  readonly channels?: number;
  /** Products the line makes (default {@link defaultOdorProfiles}). */
  readonly products?: readonly OdorProfile[];
  /** Coefficient of variation of the sample's headspace intensity (default 0.05); each compound varies by half of it. */
  readonly concentrationCv?: number;
  /** Measurement noise as a share of the channel's baseline conductance (default 0.004). */
  readonly noise?: number;
  /** Typical baseline drift per day as a share of the baseline (default 0.02); each channel drifts at its own rate. */
  readonly driftPerDay?: number;
  /** Headspace temperature in °C (default mean 25, amplitude 1.5, sd 0.3). */
  readonly temperature?: EnvironmentModel;
  /** Relative humidity in % (default mean 45, amplitude 6, sd 1). */
  readonly humidity?: EnvironmentModel;
  /** Period of the slow environment cycle (default 8 h). */
  readonly environmentPeriodMs?: number;
  /** Time of day 0 of the drift model, epoch ms (default 0). */
  readonly startMs?: number;
}

export interface SimulatedSample {
  readonly timestampMs: number;
  /** One conductance value (µS) per channel. */
  readonly values: number[];
  readonly temperatureC: number;
  readonly humidityPct: number;
  /** The headspace as sampled (ppm), after concentration variation and faults. */
  readonly concentrations: Readonly<Record<string, number>>;
  readonly faults: readonly SimulatedFaultKind[];
}

/** Compounds the simulated arrays respond to. The last four are contaminants in the default profiles. */
export const simulatedCompounds = [
  'ethanol',
  'acetaldehyde',
  'ethyl_acetate',
  'limonene',
  'linalool',
  'hexanal',
  'vanillin',
  'acetic_acid',
  'hydrogen_sulfide',
  'trimethylamine',
  'ammonia',
  'diacetyl',
] as const;

/** Three products of a beverage and flavour plant, with headspace compositions in ppm. */
export const defaultOdorProfiles: readonly OdorProfile[] = [
  {
    product: 'orange-juice',
    concentrations: { limonene: 40, ethanol: 5, acetaldehyde: 3, ethyl_acetate: 2, linalool: 1.5, hexanal: 0.5 },
  },
  {
    product: 'lager-beer',
    concentrations: { ethanol: 120, acetaldehyde: 4, ethyl_acetate: 8, hexanal: 0.3, acetic_acid: 0.5 },
  },
  {
    product: 'vanilla-extract',
    concentrations: { ethanol: 200, vanillin: 3, acetaldehyde: 1, ethyl_acetate: 1, acetic_acid: 0.8 },
  },
];

const dayMs = 86_400_000;

/**
 * A production-line e-nose simulator. Each metal-oxide channel follows the power law of MOX conductance,
 * G = G₀(t)·env·(1 + Σₖ aⱼₖ·cₖ^βⱼ) (Clifford & Tuma 1982), with per-channel sensitivities aⱼₖ (each channel has
 * preferred compounds), exponents βⱼ in [0.45, 0.8], multiplicative humidity and temperature cross-sensitivity
 * env = (1 + ηⱼ(RH − 45)/100)·exp(κⱼ(T − 25)), an additive baseline drift of δⱼ·G₀ per day, and Gaussian noise.
 * Sample-to-sample concentration variation is log-normal. Faults (contamination, off-spec composition, stuck, dead,
 * noisy and drifting channels) are injected per sample.
 *
 * @example
 * const sim = new LineSimulator({ rng: seededRng(7) });
 * const s = sim.sample('orange-juice', Date.parse('2026-11-23T08:00:00Z'));
 * const bad = sim.sample('orange-juice', t, [{ kind: 'contamination', compound: 'hydrogen_sulfide', ppm: 0.5 }]);
 */
export class LineSimulator {
  readonly channels: number;
  readonly compounds: readonly string[] = simulatedCompounds;
  readonly #rng: Rng;
  readonly #products: Map<string, OdorProfile>;
  readonly #cv: number;
  readonly #noise: number;
  readonly #temperature: EnvironmentModel;
  readonly #humidity: EnvironmentModel;
  readonly #periodMs: number;
  readonly #startMs: number;
  /** channels × compounds, row-major */
  readonly #sensitivity: Float64Array;
  readonly #beta: Float64Array;
  readonly #g0: Float64Array;
  readonly #drift: Float64Array;
  readonly #humidityCoef: Float64Array;
  readonly #temperatureCoef: Float64Array;
  readonly #stuckAt = new Map<number, number>();
  #last: number[] = [];

  constructor(options: LineSimulatorOptions) {
    const channels = options.channels ?? 8;
    if (!Number.isInteger(channels) || channels < 1 || channels > 64) {
      throw new RangeError(`channels must be an integer in 1..64; got ${channels}`);
    }
    this.channels = channels;
    this.#rng = options.rng;
    this.#cv = options.concentrationCv ?? 0.05;
    this.#noise = options.noise ?? 0.004;
    if (!(this.#cv >= 0) || !(this.#noise >= 0)) throw new RangeError('concentrationCv and noise must be >= 0');
    this.#temperature = options.temperature ?? { mean: 25, amplitude: 1.5, sd: 0.3 };
    this.#humidity = options.humidity ?? { mean: 45, amplitude: 6, sd: 1 };
    this.#periodMs = options.environmentPeriodMs ?? 8 * 3_600_000;
    this.#startMs = options.startMs ?? 0;
    this.#products = new Map((options.products ?? defaultOdorProfiles).map((p) => [p.product, p]));
    for (const p of this.#products.values()) {
      for (const compound of Object.keys(p.concentrations)) this.#compoundIndex(compound);
    }
    const rng = this.#rng;
    const k = this.compounds.length;
    this.#sensitivity = new Float64Array(channels * k);
    this.#beta = new Float64Array(channels);
    this.#g0 = new Float64Array(channels);
    this.#drift = new Float64Array(channels);
    this.#humidityCoef = new Float64Array(channels);
    this.#temperatureCoef = new Float64Array(channels);
    const driftPerDay = options.driftPerDay ?? 0.02;
    for (let j = 0; j < channels; j++) {
      // every channel sees every compound weakly, and two compounds (cycling through the list) strongly
      for (let c = 0; c < k; c++) this.#sensitivity[j * k + c] = 0.02 + 0.08 * rng.next();
      this.#sensitivity[j * k + (j % k)]! += 0.4 + 0.6 * rng.next();
      this.#sensitivity[j * k + ((j * 5 + 3) % k)]! += 0.2 + 0.4 * rng.next();
      this.#beta[j] = 0.45 + 0.35 * rng.next();
      this.#g0[j] = 5 + 45 * rng.next();
      this.#drift[j] = driftPerDay * (0.5 + rng.next()) * (rng.next() < 0.5 ? -1 : 1);
      this.#humidityCoef[j] = 0.2 + 0.4 * rng.next();
      this.#temperatureCoef[j] = 0.01 + 0.02 * rng.next();
    }
  }

  /** The products this simulator knows. */
  products(): string[] {
    return [...this.#products.keys()];
  }

  /** The channels' true baselines (µS) at `timestampMs` under reference conditions (25 °C, 45 % RH). */
  baseline(timestampMs: number): number[] {
    const day = (timestampMs - this.#startMs) / dayMs;
    return Array.from(this.#g0, (g, j) => g * (1 + this.#drift[j]! * day));
  }

  /** A clean-air sample (no odor) at `timestampMs`, as measured for recalibration. */
  zeroAir(timestampMs: number): SimulatedSample {
    return this.#measure(timestampMs, {}, []);
  }

  /** One sniff of `product`'s headspace at `timestampMs`, with optional faults. */
  sample(product: string, timestampMs: number, faults: readonly SimulatedFault[] = []): SimulatedSample {
    const profile = this.#products.get(product);
    if (!profile) throw new RangeError(`unknown product "${product}"; known: ${this.products().join(', ')}`);
    const rng = this.#rng;
    const intensity = Math.exp(this.#cv * rng.normal() - (this.#cv * this.#cv) / 2);
    const concentrations: Record<string, number> = {};
    for (const [compound, ppm] of Object.entries(profile.concentrations)) {
      const own = Math.exp(0.5 * this.#cv * rng.normal());
      concentrations[compound] = ppm * intensity * own;
    }
    for (const fault of faults) {
      if (fault.kind === 'off_spec') {
        for (const [compound, factor] of Object.entries(fault.factors)) {
          this.#compoundIndex(compound);
          concentrations[compound] = (concentrations[compound] ?? 0) * factor;
        }
      } else if (fault.kind === 'contamination') {
        this.#compoundIndex(fault.compound);
        if (!(fault.ppm >= 0)) throw new RangeError('contamination ppm must be >= 0');
        concentrations[fault.compound] = (concentrations[fault.compound] ?? 0) + fault.ppm * intensity;
      }
    }
    return this.#measure(timestampMs, concentrations, faults);
  }

  #compoundIndex(compound: string): number {
    const i = this.compounds.indexOf(compound);
    if (i < 0) throw new RangeError(`unknown compound "${compound}"; known: ${this.compounds.join(', ')}`);
    return i;
  }

  #environment(model: EnvironmentModel, timestampMs: number, phase: number): number {
    const cycle = Math.sin((2 * Math.PI * (timestampMs - this.#startMs)) / this.#periodMs + phase);
    return model.mean + model.amplitude * cycle + model.sd * this.#rng.normal();
  }

  #measure(timestampMs: number, concentrations: Record<string, number>, faults: readonly SimulatedFault[]) {
    if (!Number.isFinite(timestampMs)) throw new RangeError('timestampMs must be finite');
    const rng = this.#rng;
    const temperatureC = this.#environment(this.#temperature, timestampMs, 0);
    const humidityPct = Math.min(100, Math.max(0, this.#environment(this.#humidity, timestampMs, 1.3)));
    const k = this.compounds.length;
    const entries = Object.entries(concentrations).map(([c, ppm]) => [this.#compoundIndex(c), ppm] as const);
    const baseline = this.baseline(timestampMs);
    const values = new Array<number>(this.channels);
    const noiseFactor = new Float64Array(this.channels).fill(1);
    for (const f of faults) if (f.kind === 'noisy_channel') noiseFactor[this.#channel(f.channel)] = f.factor;
    for (let j = 0; j < this.channels; j++) {
      let response = 0;
      for (const [c, ppm] of entries) if (ppm > 0) response += this.#sensitivity[j * k + c]! * ppm ** this.#beta[j]!;
      const env =
        (1 + (this.#humidityCoef[j]! * (humidityPct - 45)) / 100) *
        Math.exp(this.#temperatureCoef[j]! * (temperatureC - 25));
      const g0 = this.#g0[j]!;
      values[j] = (baseline[j]! + g0 * response) * env + this.#noise * g0 * noiseFactor[j]! * rng.normal();
    }
    const active = new Set<number>();
    for (const f of faults) {
      if (f.kind === 'stuck_channel') {
        const j = this.#channel(f.channel);
        active.add(j);
        if (!this.#stuckAt.has(j)) this.#stuckAt.set(j, this.#last[j] ?? values[j]!);
        values[j] = this.#stuckAt.get(j)!;
      } else if (f.kind === 'dead_channel') {
        values[this.#channel(f.channel)] = 0;
      } else if (f.kind === 'drifting_channel') {
        const j = this.#channel(f.channel);
        const minutes = Math.max(0, timestampMs - f.sinceMs) / 60_000;
        values[j]! += f.ratePerMinute * this.#g0[j]! * minutes;
      }
    }
    for (const j of [...this.#stuckAt.keys()]) if (!active.has(j)) this.#stuckAt.delete(j);
    this.#last = values;
    return {
      timestampMs,
      values,
      temperatureC,
      humidityPct,
      concentrations,
      faults: faults.map((f) => f.kind),
    };
  }

  #channel(channel: number): number {
    if (!Number.isInteger(channel) || channel < 0 || channel >= this.channels) {
      throw new RangeError(`fault channel must be in 0..${this.channels - 1}; got ${channel}`);
    }
    return channel;
  }
}
