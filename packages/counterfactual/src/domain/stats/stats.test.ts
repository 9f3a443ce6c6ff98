import { erfc, normalSurvival as normalSf } from '@quintessence/numeric';
import { describe, expect, it } from 'vitest';
import { bootstrapCi } from './bootstrap.js';
import { binomialTestTwoSided, chi2Homogeneity, chi2Sf, chi2Sf1, wilsonInterval } from './distributions.js';
import { mcnemarTest } from './mcnemar.js';
import { benjaminiHochberg, holm } from './multiple-testing.js';
import { createRng } from './rng.js';
import { wilcoxonSignedRank } from './wilcoxon.js';

describe('distributions', () => {
  it('matches tabulated erfc and normal tail values', () => {
    // Abramowitz & Stegun Table 7.1 / scipy.special.erfc
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 15);
    expect(erfc(3.5)).toBeCloseTo(7.430983723414128e-7, 20);
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(chi2Sf1(3.841458820694124)).toBeCloseTo(0.05, 13);
  });
});

describe('chi-square and Wilson (scipy 1.17.1 reference values)', () => {
  it('matches scipy.stats.chi2.sf for several degrees of freedom', () => {
    expect(chi2Sf(7.5, 3)).toBeCloseTo(0.0575584519726364, 13);
    expect(chi2Sf(0.3, 4)).toBeCloseTo(0.9898141728888165, 13);
    expect(chi2Sf(25, 2)).toBeCloseTo(3.7266531720786718e-6, 17);
  });
  it('matches scipy.stats.chi2_contingency (no correction) on a 3 x 2 table', () => {
    const r = chi2Homogeneity([30, 45, 20], [100, 100, 100])!;
    expect(r.statistic).toBeCloseTo(14.634146341463415, 12);
    expect(r.df).toBe(2);
    expect(r.pValue).toBeCloseTo(0.0006641030858712745, 15);
  });
  it('matches scipy binomtest(8, 10).proportion_ci(method="wilson")', () => {
    const w = wilsonInterval(8, 10)!;
    expect(w.low).toBeCloseTo(0.4901624715366418, 14);
    expect(w.high).toBeCloseTo(0.9433178485456248, 14);
  });
});

describe('mcnemarTest', () => {
  // Agresti (2002), Categorical Data Analysis, §10.1.1: presidential approval, discordant pairs b = 150, c = 86;
  // uncorrected statistic 64^2 / 236 = 17.36. p-values: scipy 1.17.1 chi2.sf and binomtest on the same counts.
  it('reproduces the uncorrected and continuity-corrected chi-square', () => {
    const plain = mcnemarTest(150, 86, 'chi2');
    expect(plain.statistic).toBeCloseTo(17.3559322, 6);
    expect(plain.pValue).toBeCloseTo(3.099293441045215e-5, 15);
    const corrected = mcnemarTest(150, 86, 'chi2-corrected');
    expect(corrected.statistic).toBeCloseTo(63 ** 2 / 236, 12);
    expect(corrected.pValue).toBeCloseTo(4.114562281345944e-5, 15);
  });

  it('gives the exact binomial p-value (scipy binomtest)', () => {
    expect(mcnemarTest(150, 86, 'exact').pValue).toBeCloseTo(3.7159361395713866e-5, 14);
    expect(mcnemarTest(3, 9).pValue).toBeCloseTo(0.14599609375, 14);
    expect(mcnemarTest(3, 9).method).toBe('exact');
    expect(binomialTestTwoSided(2, 9)).toBeCloseTo(0.1796875, 14);
    expect(mcnemarTest(0, 0).pValue).toBe(1);
  });

  it('switches to the corrected chi-square for 25+ discordant pairs and rejects bad counts', () => {
    expect(mcnemarTest(20, 10).method).toBe('chi2-corrected');
    expect(() => mcnemarTest(-1, 2)).toThrow(RangeError);
  });
});

describe('wilcoxonSignedRank', () => {
  // scipy.stats.wilcoxon docstring example (differences d of Cook's data): exact two-sided p = 0.041259765625,
  // statistic 24; one-sided greater p = 0.0206298828125, statistic 96. Asymptotic values: scipy 1.17.1.
  const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];

  it('matches the exact distribution of the scipy docs example', () => {
    const r = wilcoxonSignedRank(d);
    expect(r.method).toBe('exact');
    expect(r.statistic).toBe(24);
    expect(r.pValue).toBeCloseTo(0.041259765625, 15);
    const g = wilcoxonSignedRank(d, { alternative: 'greater' });
    expect(g.statistic).toBe(96);
    expect(g.pValue).toBeCloseTo(0.0206298828125, 15);
  });

  it('matches the normal approximation with and without continuity correction', () => {
    expect(wilcoxonSignedRank(d, { method: 'asymptotic' }).pValue).toBeCloseTo(0.04088813291185591, 14);
    expect(wilcoxonSignedRank(d, { method: 'asymptotic', correction: true }).pValue).toBeCloseTo(
      0.043772323763041174,
      14,
    );
  });

  // Tied differences with one zero (our own data); expected values from scipy 1.17.1 stats.wilcoxon.
  const tied = [1.5, -2, 2, 0, 3, -1.5, 4, 4, 0.5, 6, -0.5, 7];

  it('uses the sign-flip permutation distribution for small samples with ties or zeros', () => {
    const r = wilcoxonSignedRank(tied);
    expect(r.method).toBe('permutation');
    expect(r.statistic).toBe(10.5);
    expect(r.pValue).toBeCloseTo(0.0478515625, 14);
    expect(wilcoxonSignedRank(tied, { zeroMethod: 'pratt' }).pValue).toBeCloseTo(0.05078125, 14);
    expect(wilcoxonSignedRank(tied, { zeroMethod: 'pratt' }).statistic).toBe(13.5);
    expect(wilcoxonSignedRank(tied, { zeroMethod: 'zsplit' }).statistic).toBe(14);
    expect(wilcoxonSignedRank(tied, { zeroMethod: 'zsplit' }).pValue).toBeCloseTo(0.05078125, 14);
  });

  it('applies tie and zero corrections in the normal approximation', () => {
    expect(wilcoxonSignedRank(tied, { method: 'asymptotic' }).pValue).toBeCloseTo(0.045020881002538655, 14);
    expect(wilcoxonSignedRank(tied, { method: 'asymptotic', zeroMethod: 'pratt' }).pValue).toBeCloseTo(
      0.04933294716674134,
      14,
    );
    expect(
      wilcoxonSignedRank(tied, { method: 'asymptotic', zeroMethod: 'zsplit', correction: true }).pValue,
    ).toBeCloseTo(0.0542416455385818, 14);
  });

  it('returns NaN when every difference is zero', () => {
    expect(wilcoxonSignedRank([0, 0, 0]).pValue).toBeNaN();
  });
});

describe('multiple testing', () => {
  const p = [0.01, 0.04, 0.03, 0.005, 0.2];
  it('Holm: step-down by hand (0.005*5, 0.01*4, 0.03*3, max(0.04*2, 0.09), 0.2)', () => {
    const adj = holm(p);
    [0.04, 0.09, 0.09, 0.025, 0.2].forEach((v, i) => {
      expect(adj[i]).toBeCloseTo(v, 15);
    });
  });
  it('Benjamini-Hochberg matches scipy.stats.false_discovery_control', () => {
    const adj = benjaminiHochberg(p);
    [0.025, 0.05, 0.05, 0.025, 0.2].forEach((v, i) => {
      expect(adj[i]).toBeCloseTo(v, 15);
    });
  });
});

describe('bootstrapCi', () => {
  it('is reproducible for a seed and brackets the sample mean', () => {
    const rng = createRng(5);
    const x = Array.from({ length: 200 }, () => rng.next());
    const mean = (idx: Int32Array) => {
      let s = 0;
      for (const i of idx) s += x[i]!;
      return s / idx.length;
    };
    const a = bootstrapCi(x.length, mean, createRng(11), { resamples: 500 });
    const b = bootstrapCi(x.length, mean, createRng(11), { resamples: 500 });
    expect(a).toEqual(b);
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    expect(a!.low).toBeLessThan(m);
    expect(a!.high).toBeGreaterThan(m);
    // the standard error of a U(0,1) mean with n = 200 is 0.0204; a 95% interval is about 0.08 wide
    expect(a!.high - a!.low).toBeGreaterThan(0.06);
    expect(a!.high - a!.low).toBeLessThan(0.1);
  });
});
