export const sensorKinds = ['MOS', 'PID', 'EC', 'QCM', 'temperature', 'humidity', 'pressure', 'pH', 'flow'] as const;
export type SensorKind = (typeof sensorKinds)[number];

/** Physical ranges of environment sensors (values outside are impossible, not merely unusual). */
export const physicalRanges: Readonly<Partial<Record<SensorKind, readonly [number, number]>>> = {
  temperature: [-50, 200], // °C
  humidity: [0, 100], // % RH
  pressure: [50, 200], // kPa
  pH: [0, 14],
  flow: [0, Number.POSITIVE_INFINITY],
};

export interface ValidationResult {
  readonly is_valid: boolean;
  /** Problems that make the reading unusable (it is rejected and counted). */
  readonly errors: readonly string[];
  /** Problems that keep the reading but lower its quality score. */
  readonly warnings: readonly string[];
  /** 0..1; 0 when invalid. */
  readonly quality_score: number;
}

export interface ReadingValidatorOptions {
  /** Channels per reading for this sensor. */
  readonly channels: number;
  readonly kind: SensorKind;
  /** Readings kept to judge dead channels and spikes (default 20). */
  readonly window?: number;
  /** A channel whose standard deviation over a full window is below this is dead (default 1e-3). */
  readonly deadStd?: number;
  /** A value more than this many standard deviations from the window mean is a spike (default 3). */
  readonly spikeSigmas?: number;
  /** Timestamp (epoch ms) of the sensor's last accepted reading, so order is checked across restarts. */
  readonly lastTimestampMs?: number;
}

/**
 * Validates the readings of one sensor in arrival order: channel count, NaN/Inf, physical ranges of environment
 * sensors and monotonic timestamps make a reading invalid; dead channels (std < 1e-3 over the window) and 3σ spikes
 * are warnings. Only valid readings enter the window.
 */
export class ReadingValidator {
  readonly #channels: number;
  readonly #kind: SensorKind;
  readonly #window: number;
  readonly #deadStd: number;
  readonly #spikeSigmas: number;
  /** Ring buffer: window × channels. */
  readonly #buffer: Float64Array;
  #count = 0;
  #next = 0;
  #lastTimestamp = Number.NEGATIVE_INFINITY;

  constructor(options: ReadingValidatorOptions) {
    const { channels, kind } = options;
    if (!Number.isInteger(channels) || channels < 1 || channels > 1024)
      throw new RangeError('channels must be in 1..1024');
    this.#channels = channels;
    this.#kind = kind;
    this.#window = options.window ?? 20;
    this.#deadStd = options.deadStd ?? 1e-3;
    this.#spikeSigmas = options.spikeSigmas ?? 3;
    this.#lastTimestamp = options.lastTimestampMs ?? Number.NEGATIVE_INFINITY;
    if (!Number.isInteger(this.#window) || this.#window < 3) throw new RangeError('window must be an integer >= 3');
    this.#buffer = new Float64Array(this.#window * channels);
  }

  /** Validates one reading (timestamp in epoch milliseconds) and, if valid, adds it to the window. */
  validate(timestampMs: number, values: readonly number[]): ValidationResult {
    const errors: string[] = [];
    const warnings: string[] = [];
    if (!Number.isFinite(timestampMs)) errors.push('timestamp is not a valid time');
    else if (timestampMs <= this.#lastTimestamp)
      errors.push('timestamp is not after the previous reading of this sensor');
    if (values.length !== this.#channels)
      errors.push(`expected ${this.#channels} channel values, got ${values.length}`);
    const bad = values.flatMap((v, i) => (Number.isFinite(v) ? [] : [i]));
    if (bad.length > 0) errors.push(`channels ${bad.join(', ')} are NaN or infinite`);
    const range = physicalRanges[this.#kind];
    if (range && bad.length === 0) {
      const out = values.flatMap((v, i) => (v < range[0] || v > range[1] ? [i] : []));
      if (out.length > 0)
        errors.push(
          `channels ${out.join(', ')} outside the physical range ${range[0]}..${range[1]} of a ${this.#kind} sensor`,
        );
    }
    if (errors.length > 0) return { is_valid: false, errors, warnings, quality_score: 0 };

    let suspect = 0;
    if (this.#count >= 3) {
      const dead: number[] = [];
      const spikes: number[] = [];
      const n = this.#count;
      for (let c = 0; c < this.#channels; c++) {
        let mean = 0;
        for (let k = 0; k < n; k++) mean += this.#buffer[k * this.#channels + c]!;
        mean /= n;
        let ss = 0;
        for (let k = 0; k < n; k++) ss += (this.#buffer[k * this.#channels + c]! - mean) ** 2;
        const sd = Math.sqrt(ss / (n - 1));
        if (n >= this.#window && sd < this.#deadStd) dead.push(c);
        else if (sd > 0 && Math.abs(values[c]! - mean) > this.#spikeSigmas * sd) spikes.push(c);
      }
      if (dead.length > 0)
        warnings.push(`dead channels (std < ${this.#deadStd} over ${n} readings): ${dead.join(', ')}`);
      if (spikes.length > 0) warnings.push(`${this.#spikeSigmas}σ spikes on channels ${spikes.join(', ')}`);
      suspect = dead.length + spikes.length;
    }
    this.#buffer.set(values, this.#next * this.#channels);
    this.#next = (this.#next + 1) % this.#window;
    this.#count = Math.min(this.#count + 1, this.#window);
    this.#lastTimestamp = timestampMs;
    return { is_valid: true, errors, warnings, quality_score: 1 - suspect / this.#channels };
  }
}
