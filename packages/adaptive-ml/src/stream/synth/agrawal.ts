import { check } from '../../base/check.js';
import { MersenneTwister } from '../../base/rng.js';
import { Generator, type LabelledSample } from './generator.js';

const within = (v: number, lo: number, hi: number) => lo <= v && v <= hi;

type Row = {
  salary: number;
  commission: number;
  age: number;
  elevel: number;
  car: number;
  zipcode: number;
  hvalue: number;
  hyears: number;
  loan: number;
};

/** The ten classification functions of Agrawal et al. (true = group A = class 0). */
const functions: Array<(r: Row) => boolean> = [
  (r) => r.age < 40 || r.age >= 60,
  (r) =>
    r.age < 40
      ? within(r.salary, 50000, 100000)
      : r.age < 60
        ? within(r.salary, 75000, 125000)
        : within(r.salary, 25000, 75000),
  (r) => (r.age < 40 ? r.elevel <= 1 : r.age < 60 ? within(r.elevel, 1, 3) : within(r.elevel, 2, 4)),
  (r) =>
    r.age < 40
      ? r.elevel <= 1
        ? within(r.salary, 25000, 75000)
        : within(r.salary, 50000, 100000)
      : r.age < 60
        ? within(r.elevel, 1, 3)
          ? within(r.salary, 50000, 100000)
          : within(r.salary, 75000, 125000)
        : within(r.elevel, 2, 4)
          ? within(r.salary, 50000, 100000)
          : within(r.salary, 25000, 75000),
  (r) =>
    r.age < 40
      ? within(r.salary, 50000, 100000)
        ? within(r.loan, 100000, 300000)
        : within(r.loan, 200000, 400000)
      : r.age < 60
        ? within(r.salary, 75000, 125000)
          ? within(r.loan, 200000, 400000)
          : within(r.loan, 300000, 500000)
        : within(r.salary, 25000, 75000)
          ? within(r.loan, 300000, 500000)
          : within(r.loan, 100000, 300000),
  (r) => {
    const total = r.salary + r.commission;
    return r.age < 40
      ? within(total, 50000, 100000)
      : r.age < 60
        ? within(total, 75000, 125000)
        : within(total, 25000, 75000);
  },
  (r) => (2 * (r.salary + r.commission)) / 3 - r.loan / 5 - 20000 > 0,
  (r) => (2 * (r.salary + r.commission)) / 3 - 5000 * r.elevel - 20000 > 0,
  (r) => (2 * (r.salary + r.commission)) / 3 - 5000 * r.elevel - r.loan / 5 - 10000 > 0,
  (r) => {
    const equity = r.hyears >= 20 ? (r.hvalue * (r.hyears - 20)) / 10 : 0;
    return (2 * (r.salary + r.commission)) / 3 - 5000 * r.elevel + equity / 5 - 10000 > 0;
  },
];

/** Options of {@link Agrawal}. */
export interface AgrawalOptions {
  /** Classification function 0..9 (default 0). */
  classificationFunction?: number;
  /** Relative noise added to the numeric attributes, in [0, 1] (default 0). */
  perturbation?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * Agrawal et al. (1993) loan applications: nine attributes and ten classification functions; class 0 is "group A".
 *
 * @example
 * new Agrawal({ classificationFunction: 2, seed: 1 }).take(3);
 */
export class Agrawal extends Generator {
  readonly options: Required<AgrawalOptions>;
  private rng: MersenneTwister;

  constructor(options: AgrawalOptions = {}) {
    super();
    this.options = { classificationFunction: 0, perturbation: 0, seed: 0, ...options };
    const f = this.options.classificationFunction;
    check(Number.isInteger(f) && f >= 0 && f <= 9, 'classificationFunction must be 0..9');
    check(this.options.perturbation >= 0 && this.options.perturbation <= 1, 'perturbation must be in [0, 1]');
    this.rng = new MersenneTwister(this.options.seed);
  }

  private perturb(v: number, lo: number, hi: number): number {
    const p = this.options.perturbation;
    if (p === 0) return v;
    return Math.min(hi, Math.max(lo, v + (hi - lo) * p * (this.rng.random() - 0.5)));
  }

  next(): LabelledSample {
    const rng = this.rng;
    const salary = rng.uniform(20000, 150000);
    const commission = salary >= 75000 ? 0 : rng.uniform(10000, 75000);
    const age = rng.randInt(20, 80);
    const elevel = rng.randInt(0, 4);
    const car = rng.randInt(1, 20);
    const zipcode = rng.randInt(0, 8);
    const hvalue = (9 - zipcode) * 100000 * rng.uniform(0.5, 1.5);
    const hyears = rng.randInt(1, 30);
    const loan = rng.uniform(0, 500000);
    const row: Row = { salary, commission, age, elevel, car, zipcode, hvalue, hyears, loan };
    const groupA = functions[this.options.classificationFunction](row);
    const x = {
      salary: this.perturb(salary, 20000, 150000),
      commission: this.perturb(commission, 0, 75000),
      age: this.perturb(age, 20, 80),
      elevel,
      car,
      zipcode,
      hvalue: this.perturb(hvalue, 0, 1350000),
      hyears: this.perturb(hyears, 1, 30),
      loan: this.perturb(loan, 0, 500000),
    };
    return { x, y: groupA ? 0 : 1 };
  }
}
