import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@quintessence/odordiff public API', () => {
  it('exports exactly these names (update on purpose when the API changes)', () => {
    expect(Object.keys(api).sort()).toEqual([
      'KnownOdorants',
      'OdorDiffEngine',
      'OdorModel',
      'OdorPredictor',
      'RdkitToolkit',
      'ReferenceData',
      'SafetyScreen',
      'assessSafety',
      'briefMatch',
      'computeProperties',
      'connectivityInvariants',
      'defaultReferenceDataDir',
      'defaultWeightsDir',
      'formulate',
      'fragmentScoresFromRows',
      'generateFragrances',
      'ifraCategories',
      'loadOdorModel',
      'morganBits',
      'morganEnvironments',
      'odorDiffAlerts',
      'odordiffErrorCodes',
      'odordiffModule',
      'parseBrief',
      'productConcentration',
      'retrieveKnown',
      'runGraphGa',
      'saScore',
      'saveOdorModel',
      'screenBrief',
      'tanimoto',
      'trainOdorModel',
      'vaporPressure',
    ]);
    expect(api.odordiffModule.name).toBe('odordiff');
  });
});
