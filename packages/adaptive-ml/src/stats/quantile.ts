import { check } from '../base/check.js';
import { registerClass } from '../base/serialization.js';

/**
 * Running quantile by the P² algorithm (five markers, O(1) memory): exact for the first five values, then an
 * approximation that converges as the stream grows.
 *
 * @example
 * const q = new Quantile(0.5); for (let i = 1; i <= 101; i++) q.update(i); q.get(); // 51
 * @see R. Jain, I. Chlamtac (1985). The P² algorithm for dynamic calculation of quantiles. CACM 28(10).
 */
export class Quantile {
  private heights: number[] = [];
  private positions = [1, 2, 3, 4, 5];
  private desired: number[];
  private readonly increments: number[];

  constructor(readonly q = 0.5) {
    check(q > 0 && q < 1, 'q must be in (0, 1)');
    this.desired = [1, 1 + 2 * q, 1 + 4 * q, 3 + 2 * q, 5];
    this.increments = [0, q / 2, q, (1 + q) / 2, 1];
  }

  update(x: number): void {
    const h = this.heights;
    if (h.length < 5) {
      h.push(x);
      h.sort((a, b) => a - b);
      return;
    }
    let k: number;
    if (x < h[0]) {
      h[0] = x;
      k = 0;
    } else if (x >= h[4]) {
      h[4] = x;
      k = 3;
    } else {
      k = 0;
      while (k < 3 && x >= h[k + 1]) k++;
    }
    for (let i = k + 1; i < 5; i++) this.positions[i]++;
    for (let i = 0; i < 5; i++) this.desired[i] += this.increments[i];
    for (let i = 1; i < 4; i++) {
      const d = this.desired[i] - this.positions[i];
      const n = this.positions;
      if ((d >= 1 && n[i + 1] - n[i] > 1) || (d <= -1 && n[i - 1] - n[i] < -1)) {
        const s = Math.sign(d);
        const parabolic =
          h[i] +
          (s / (n[i + 1] - n[i - 1])) *
            ((n[i] - n[i - 1] + s) * ((h[i + 1] - h[i]) / (n[i + 1] - n[i])) +
              (n[i + 1] - n[i] - s) * ((h[i] - h[i - 1]) / (n[i] - n[i - 1])));
        if (h[i - 1] < parabolic && parabolic < h[i + 1]) h[i] = parabolic;
        else h[i] = h[i] + (s * (h[i + s] - h[i])) / (n[i + s] - n[i]);
        n[i] += s;
      }
    }
  }

  get(): number {
    const h = this.heights;
    if (h.length === 0) return 0;
    if (h.length < 5) {
      const pos = this.q * (h.length - 1);
      const lo = Math.floor(pos);
      return h[lo] + (pos - lo) * ((h[Math.min(lo + 1, h.length - 1)] ?? h[lo]) - h[lo]);
    }
    return h[2];
  }
}
registerClass('stats.Quantile', Quantile);
