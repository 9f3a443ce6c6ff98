import type { Metric } from './metric.js';

/**
 * A metric over the last `windowSize` pairs only, by reverting the pair that leaves the window.
 *
 * @example
 * const acc = new Rolling(new Accuracy(), 100);
 */
export class Rolling<Y, P> implements Metric<Y, P> {
  readonly name: string;
  readonly biggerIsBetter: boolean;
  readonly needsProba: boolean;
  private window: Array<[Y, P, number]> = [];
  private head = 0;

  constructor(
    readonly metric: Metric<Y, P>,
    readonly windowSize: number,
  ) {
    if (!(Number.isInteger(windowSize) && windowSize > 0))
      throw new RangeError('windowSize must be a positive integer');
    this.name = `Rolling(${metric.name}, ${windowSize})`;
    this.biggerIsBetter = metric.biggerIsBetter;
    this.needsProba = metric.needsProba;
  }

  update(yTrue: Y, yPred: P, w = 1): void {
    this.window.push([yTrue, yPred, w]);
    this.metric.update(yTrue, yPred, w);
    if (this.window.length - this.head > this.windowSize) {
      const [t, p, ow] = this.window[this.head++];
      this.metric.revert(t, p, ow);
      if (this.head > 1024 && this.head * 2 > this.window.length) {
        this.window = this.window.slice(this.head);
        this.head = 0;
      }
    }
  }

  revert(yTrue: Y, yPred: P, w = 1): void {
    this.metric.revert(yTrue, yPred, w);
  }

  get(): number {
    return this.metric.get();
  }

  clone(): Rolling<Y, P> {
    return new Rolling(this.metric.clone(), this.windowSize);
  }
}
