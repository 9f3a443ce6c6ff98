import { describe, expect, it } from 'vitest';
import type { LabelledBatch } from '../identification/drift-protocol.js';
import { seededNormal } from '../internal/test-rng.js';
import { evaluateMspcAcrossSessions } from './session-evaluation.js';

/**
 * Two sessions of three products on a 30-feature array, 8 samples of each in the first (fewer good reference samples
 * than features, as in the CQU data) and 20 in the second: each product a mean pattern plus 3 latent factors and noise; the second session adds an offset common to all
 * products (sensor drift).
 */
function sessions(): LabelledBatch[] {
  const normal = seededNormal(5);
  const p = 30;
  const patterns = [0, 1, 2].map(() => Array.from({ length: p }, () => 20 + 6 * normal()));
  const loadings = Array.from({ length: p }, () => [normal(), normal(), normal()]);
  const drift = Array.from({ length: p }, () => 8 * normal());
  const sample = (product: number, shift: boolean) => {
    const f = [normal(), normal(), normal()];
    return Float64Array.from(
      { length: p },
      (_, j) =>
        patterns[product]![j]! +
        loadings[j]![0]! * f[0]! +
        loadings[j]![1]! * f[1]! +
        loadings[j]![2]! * f[2]! +
        0.3 * normal() +
        (shift ? drift[j]! : 0),
    );
  };
  return [false, true].map((shift, s) => {
    const rows: Float64Array[] = [];
    const labels: number[] = [];
    for (let product = 0; product < 3; product++) {
      for (let i = 0; i < (shift ? 20 : 8); i++) {
        rows.push(sample(product, shift));
        labels.push(product + 1);
      }
    }
    return { name: `session-${s + 1}`, rows, labels };
  });
}

describe('evaluateMspcAcrossSessions', () => {
  const data = sessions();
  const options = { alpha: 0.01, signedLog: false } as const;

  it('with cross-validated limits and 2 transfer samples, passes the good product and flags the others after drift', () => {
    const [r] = evaluateMspcAcrossSessions(data, 1, { ...options, transferSamples: 2 });
    expect(r!.limits).toBe('cross-validated');
    expect(r!.good_samples).toBe(18);
    expect(r!.other_samples).toBe(40);
    // 8 reference samples make any limit noisy (measured on this seeded data: 3 of 18, against 9 of 18 with theory)
    expect(r!.false_alarm_rate).toBeLessThanOrEqual(0.2);
    expect(r!.detection_rate).toBeGreaterThanOrEqual(0.95);
    expect(r!.auroc).toBeGreaterThan(0.95);
  });

  it('with the theoretical limits of so few reference samples, flags the good product too', () => {
    const [r] = evaluateMspcAcrossSessions(data, 1, { ...options, transferSamples: 2, limits: 'theory' });
    expect(r!.limits).toBe('theory');
    expect(r!.false_alarm_rate).toBeGreaterThanOrEqual(0.4);
  });

  it('without transfer samples, the drift makes the good product alarm', () => {
    const [r] = evaluateMspcAcrossSessions(data, 1, { ...options, transferSamples: 0 });
    expect(r!.false_alarm_rate).toBeGreaterThan(0.5);
  });

  it('falls back to theoretical limits, and says so, when the first session has fewer than 4 good samples', () => {
    const first = data[0]!;
    const keep = first.labels.map((l, i) => l !== 1 || i < 3);
    const small = [
      { ...first, rows: first.rows.filter((_, i) => keep[i]), labels: first.labels.filter((_, i) => keep[i]) },
      data[1]!,
    ];
    const [r] = evaluateMspcAcrossSessions(small, 1, { ...options, transferSamples: 2 });
    expect(r!.limits).toBe('theory');
  });
});
