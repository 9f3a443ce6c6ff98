import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@quintessence/numeric public API', () => {
  it('exports exactly these names (API changes show in review)', () => {
    expect(Object.keys(api).sort()).toEqual([
      'erf',
      'erfc',
      'inverseNormalCdf',
      'logGamma',
      'normalCdf',
      'normalPdf',
      'normalSurvival',
      'regularizedGammaP',
      'regularizedGammaQ',
    ]);
  });
});
