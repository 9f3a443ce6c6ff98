import type { RegressionMetric } from './metric.js';

/** Mean absolute error. */
export class MAE implements RegressionMetric {
  readonly name = 'MAE';
  readonly biggerIsBetter = false;
  readonly needsProba = false;
  private sum = 0;
  private n = 0;
  update(yTrue: number, yPred: number, w = 1): void {
    this.sum += w * Math.abs(yTrue - yPred);
    this.n += w;
  }
  revert(yTrue: number, yPred: number, w = 1): void {
    this.update(yTrue, yPred, -w);
  }
  get(): number {
    return this.n > 0 ? this.sum / this.n : 0;
  }
  clone(): MAE {
    return new MAE();
  }
}

/** Root mean squared error. */
export class RMSE implements RegressionMetric {
  readonly name = 'RMSE';
  readonly biggerIsBetter = false;
  readonly needsProba = false;
  private sum = 0;
  private n = 0;
  update(yTrue: number, yPred: number, w = 1): void {
    this.sum += w * (yTrue - yPred) ** 2;
    this.n += w;
  }
  revert(yTrue: number, yPred: number, w = 1): void {
    this.update(yTrue, yPred, -w);
  }
  get(): number {
    return this.n > 0 ? Math.sqrt(Math.max(0, this.sum / this.n)) : 0;
  }
  clone(): RMSE {
    return new RMSE();
  }
}

/** Coefficient of determination, 1 - SSE / SST (SST from the running variance of the truths). */
export class R2 implements RegressionMetric {
  readonly name = 'R2';
  readonly biggerIsBetter = true;
  readonly needsProba = false;
  private n = 0;
  private mean = 0;
  private m2 = 0;
  private sse = 0;
  update(yTrue: number, yPred: number, w = 1): void {
    const old = this.mean;
    this.n += w;
    if (this.n === 0) {
      this.mean = 0;
      this.m2 = 0;
    } else {
      this.mean += (w / this.n) * (yTrue - old);
      this.m2 += w * (yTrue - old) * (yTrue - this.mean);
    }
    this.sse += w * (yTrue - yPred) ** 2;
  }
  revert(yTrue: number, yPred: number, w = 1): void {
    this.update(yTrue, yPred, -w);
  }
  get(): number {
    return this.m2 > 0 ? 1 - this.sse / this.m2 : 0;
  }
  clone(): R2 {
    return new R2();
  }
}
