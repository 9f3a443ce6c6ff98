import type { ClassLabel, Features } from '../../base/estimator.js';

/** A labelled sample from a synthetic stream. */
export interface LabelledSample {
  x: Features;
  y: ClassLabel;
}

/** An endless seeded stream: `next()` draws one sample; `take(n)` draws n. */
export abstract class Generator {
  abstract next(): LabelledSample;

  take(n: number): LabelledSample[] {
    return Array.from({ length: n }, () => this.next());
  }

  *[Symbol.iterator](): Iterator<LabelledSample> {
    for (;;) yield this.next();
  }
}
