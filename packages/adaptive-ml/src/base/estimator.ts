import { decode, encode, type Json, registeredName } from './serialization.js';

/** One sample's features, by name (River's `dict`). Feature order is insertion order. */
export type Features = Record<string, number>;

/** A class label. */
export type ClassLabel = string | number | boolean;

/** Serialised estimator: name and format version are checked on load. */
export interface EstimatorJson {
  readonly name: string;
  readonly version: number;
  readonly state: Json;
}

/** Format version of every `toJSON` in this library. */
export const FORMAT_VERSION = 1;

/** What every learner, transformer and detector has. */
export interface Estimator {
  /** A fresh, untrained copy with the same options. */
  clone(): Estimator;
  /** Full state as JSON (options and learned state). */
  toJSON(): EstimatorJson;
}

/** A classifier: `learnOne`, `predictOne`, `predictProbaOne`. */
export interface Classifier extends Estimator {
  readonly kind: 'classifier';
  learnOne(x: Features, y: ClassLabel, w?: number): void;
  /** Most probable label, or undefined before any label was seen. */
  predictOne(x: Features): ClassLabel | undefined;
  /** Label -> probability (empty before any label was seen). */
  predictProbaOne(x: Features): Map<ClassLabel, number>;
  clone(): Classifier;
}

/** A regressor: `learnOne`, `predictOne`. */
export interface Regressor extends Estimator {
  readonly kind: 'regressor';
  learnOne(x: Features, y: number, w?: number): void;
  predictOne(x: Features): number;
  clone(): Regressor;
}

/** A transformer (`learnOne` is unsupervised; `y` is passed for supervised ones such as target encoders). */
export interface Transformer extends Estimator {
  readonly kind: 'transformer';
  readonly supervised: boolean;
  learnOne(x: Features, y?: ClassLabel | number): void;
  transformOne(x: Features): Features;
  clone(): Transformer;
}

/** A drift detector over a stream of numbers. */
export interface DriftDetector extends Estimator {
  readonly kind: 'drift-detector';
  update(x: number): void;
  readonly driftDetected: boolean;
  readonly warningDetected: boolean;
  clone(): DriftDetector;
}

/** Label with the highest probability; ties go to the first inserted (River's `max(dict, key=dict.get)`). */
export function argmaxLabel(proba: Map<ClassLabel, number>): ClassLabel | undefined {
  let best: ClassLabel | undefined;
  let bestP = Number.NEGATIVE_INFINITY;
  for (const [label, p] of proba) {
    if (p > bestP) {
      best = label;
      bestP = p;
    }
  }
  return best;
}

/** Serialises an estimator instance (its class must be registered). */
export function dumpEstimator(estimator: object): EstimatorJson {
  const name = registeredName(estimator);
  if (!name) throw new TypeError(`${estimator.constructor.name} is not registered for persistence`);
  const encoded = encode(estimator) as { fields: Json };
  return { name, version: FORMAT_VERSION, state: encoded.fields };
}

/** Restores an estimator of the expected class from `toJSON()` output; throws on a name or version mismatch. */
export function loadEstimator<T extends object>(json: EstimatorJson, expectedName?: string): T {
  if (!json || typeof json !== 'object' || typeof json.name !== 'string') {
    throw new TypeError('not a serialised estimator');
  }
  if (expectedName !== undefined && json.name !== expectedName) {
    throw new TypeError(`expected a serialised ${expectedName}, got ${json.name}`);
  }
  if (json.version !== FORMAT_VERSION) {
    throw new RangeError(`unsupported format version ${json.version} (this library reads ${FORMAT_VERSION})`);
  }
  return decode({ $class: json.name, fields: json.state }) as T;
}
