import type { ClassLabel, DriftDetector, EstimatorJson, Features } from '../base/estimator.js';
import { MersenneTwister } from '../base/rng.js';

/** A learner as the checks see it: classifiers, regressors, pipelines and transformers. */
export interface CheckedLearner {
  readonly kind: 'classifier' | 'regressor' | 'transformer';
  learnOne(x: Features, y: ClassLabel | number, w?: number): void;
  predictOne?(x: Features): ClassLabel | number | undefined;
  transformOne?(x: Features): Features;
  clone(): unknown;
  toJSON(): EstimatorJson;
}

/** What the conformance suite needs to know about one estimator. */
export interface EstimatorSpec<E> {
  readonly name: string;
  /** Builds the estimator with the options under test. */
  make(): E;
  /** Builds it with no options at all (checks the defaults). */
  makeDefault(): E;
  /** Restores it from `toJSON()` output. */
  fromJSON(json: EstimatorJson): E;
}

/** One failed check. */
export class ConformanceError extends Error {
  constructor(
    readonly estimator: string,
    readonly check: string,
    message: string,
  ) {
    super(`${estimator} fails ${check}: ${message}`);
    this.name = 'ConformanceError';
  }
}

/** A small seeded classification stream: two Gaussian blobs in 3 features, boolean labels. */
export function blobStream(n: number, seed = 7): Array<{ x: Features; y: boolean }> {
  const rng = new MersenneTwister(seed);
  return Array.from({ length: n }, () => {
    const y = rng.random() < 0.5;
    const c = y ? 1.5 : -1.5;
    return { x: { a: rng.gauss(c, 1), b: rng.gauss(-c, 1), noise: rng.gauss(0, 1) }, y };
  });
}

/** A small seeded regression stream: y = 3a - 2b + 0.5 noise. */
export function linearStream(n: number, seed = 11): Array<{ x: Features; y: number }> {
  const rng = new MersenneTwister(seed);
  return Array.from({ length: n }, () => {
    const a = rng.uniform(-2, 2);
    const b = rng.uniform(-2, 2);
    return { x: { a, b }, y: 3 * a - 2 * b + rng.gauss(0, 0.5) };
  });
}

type Stream = ReadonlyArray<{ x: Features; y: ClassLabel | number }>;

function outputs(learner: CheckedLearner, stream: Stream): string {
  return JSON.stringify(
    stream.map(({ x }) => {
      if (learner.kind === 'transformer') return learner.transformOne!(x);
      const p = learner.predictOne!(x);
      return p === undefined ? null : p;
    }),
  );
}

function train(learner: CheckedLearner, stream: Stream): void {
  for (const { x, y } of stream) learner.learnOne(x, y);
}

/**
 * Runs River's estimator checks on a learner: defaults construct and learn, clones are fresh and independent, the
 * JSON round trip preserves predictions and further learning, two seeded instances agree, inputs are not mutated,
 * and it learns (beats the majority class / mean baseline) on a small stream. Throws {@link ConformanceError}.
 */
export function checkLearner(spec: EstimatorSpec<CheckedLearner>): void {
  const fail = (check: string, message: string) => {
    throw new ConformanceError(spec.name, check, message);
  };
  const probe = spec.make();
  const stream: Stream = probe.kind === 'regressor' ? linearStream(700) : blobStream(700);
  const trainPart = stream.slice(0, 500);
  const testPart = stream.slice(500);

  // defaults
  const byDefault = spec.makeDefault();
  train(byDefault, trainPart.slice(0, 50));
  outputs(byDefault, testPart.slice(0, 5));

  // clone: fresh and independent
  const original = spec.make();
  train(original, trainPart);
  const before = outputs(original, testPart);
  const fresh = original.clone() as CheckedLearner;
  if (outputs(fresh, testPart) !== outputs(spec.make(), testPart)) fail('clone', 'clone() is not a fresh estimator');
  train(fresh, trainPart.slice(0, 100).reverse());
  if (outputs(original, testPart) !== before) fail('clone', 'training the clone changed the original');

  // JSON round trip
  const json = JSON.parse(JSON.stringify(original.toJSON())) as EstimatorJson;
  const restored = spec.fromJSON(json);
  if (outputs(restored, testPart) !== before) fail('json', 'predictions differ after fromJSON(toJSON())');
  train(restored, testPart);
  train(original, testPart);
  if (outputs(restored, trainPart.slice(0, 50)) !== outputs(original, trainPart.slice(0, 50))) {
    fail('json', 'learning diverges after the round trip');
  }
  let threw = false;
  try {
    spec.fromJSON({ ...json, version: 999 });
  } catch {
    threw = true;
  }
  if (!threw) fail('json', 'a wrong format version is accepted');

  // seeded determinism
  const a = spec.make();
  const b = spec.make();
  train(a, trainPart);
  train(b, trainPart);
  if (outputs(a, testPart) !== outputs(b, testPart)) fail('determinism', 'two identically built instances disagree');

  // input not mutated
  const c = spec.make();
  const copy = JSON.stringify(trainPart);
  train(c, trainPart);
  outputs(c, testPart);
  if (JSON.stringify(trainPart) !== copy) fail('no-mutation', 'learnOne/predictOne modified its input');

  // learns
  if (probe.kind === 'classifier') {
    let correct = 0;
    for (const { x, y } of testPart) if (c.predictOne!(x) === y) correct++;
    const acc = correct / testPart.length;
    if (!(acc > 0.8)) fail('learns', `accuracy ${acc.toFixed(3)} on separable blobs (want > 0.8)`);
  } else if (probe.kind === 'regressor') {
    let sse = 0;
    let sst = 0;
    const mean = testPart.reduce((s, r) => s + (r.y as number), 0) / testPart.length;
    for (const { x, y } of testPart) {
      sse += ((c.predictOne!(x) as number) - (y as number)) ** 2;
      sst += ((y as number) - mean) ** 2;
    }
    if (!(sse < 0.5 * sst)) fail('learns', `R2 ${(1 - sse / sst).toFixed(3)} on a linear stream (want > 0.5)`);
  }
}

/**
 * The same checks for a drift detector: defaults, clone freshness and independence, JSON round trip, determinism,
 * and it detects a shift of a seeded Bernoulli error stream (rate 0.1 -> 0.7 at 1000) within 500 samples.
 */
export function checkDriftDetector(spec: EstimatorSpec<DriftDetector>): void {
  const fail = (check: string, message: string) => {
    throw new ConformanceError(spec.name, check, message);
  };
  const rng = new MersenneTwister(3);
  const stream = Array.from({ length: 2000 }, (_, i) => (rng.random() < (i < 1000 ? 0.1 : 0.7) ? 1 : 0));
  const trace = (d: DriftDetector, s: readonly number[]) =>
    s
      .map((x) => {
        d.update(x);
        return `${d.driftDetected ? 'D' : ''}${d.warningDetected ? 'W' : ''}`;
      })
      .join(',');
  spec.makeDefault().update(0);
  const full = trace(spec.make(), stream);
  if (trace(spec.make(), stream) !== full) fail('determinism', 'two instances disagree');
  const original = spec.make();
  trace(original, stream.slice(0, 1200));
  const fresh = original.clone();
  if (trace(fresh, stream) !== full) fail('clone', 'clone() is not fresh');
  const restored = spec.fromJSON(JSON.parse(JSON.stringify(original.toJSON())));
  if (trace(restored, stream.slice(1200)) !== trace(original, stream.slice(1200))) {
    fail('json', 'detector state differs after the round trip');
  }
  const d = spec.make();
  let first = -1;
  stream.forEach((x, i) => {
    d.update(x);
    if (first < 0 && i >= 1000 && d.driftDetected) first = i;
  });
  if (first < 0 || first > 1500) fail('detects', `no drift within 500 samples of the shift (first: ${first})`);
}
