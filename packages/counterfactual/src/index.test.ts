import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('@quintessence/counterfactual public API', () => {
  it('exports exactly this list (review API changes here)', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "activeToPassive",
        "adjustPValues",
        "afinnModel",
        "allowedAttributes",
        "analysePairs",
        "assessRisk",
        "benjaminiHochberg",
        "binomialTestTwoSided",
        "bootstrapCi",
        "bootstrapCis",
        "buildAuditReport",
        "builtInModels",
        "chi2Homogeneity",
        "chi2Sf",
        "chi2Sf1",
        "cliClassifier",
        "confusionByGroup",
        "counterfactualErrorCodes",
        "counterfactualModule",
        "createRng",
        "createWinkPosTagger",
        "defaultGenderLexicon",
        "defaultHolisticBiasDir",
        "descriptorPairs",
        "erfc",
        "fillTemplate",
        "fourFifthsRule",
        "functionClassifier",
        "gammaQ",
        "genderDirections",
        "genderLexiconSources",
        "genderPairs",
        "genderWordPairs",
        "groupDetailAndTests",
        "groupFairness",
        "groupFairnessCis",
        "groupMetricsFromCsv",
        "hedge",
        "heuristicPosTagger",
        "holisticSweep",
        "holm",
        "httpClassifier",
        "intersectionalDescriptorPairs",
        "intersectionalGroups",
        "intersectionalPairs",
        "loadHolisticBias",
        "matchCase",
        "mcnemarTest",
        "metricsOf",
        "mitigationPlan",
        "neutralise",
        "normalCdf",
        "normalSf",
        "normalisePrediction",
        "paraphrase",
        "paraphraseStrategies",
        "parseCsv",
        "parseHolisticBias",
        "prohibitedAttributes",
        "reauditDays",
        "renderHtml",
        "renderMarkdown",
        "runAudit",
        "summariseSweep",
        "swapGender",
        "swapLines",
        "vaderModel",
        "validateAttribute",
        "validateText",
        "wilcoxonSignedRank",
        "wilsonInterval",
        "winkSentimentModel",
      ]
    `);
  });

  it('describes the module with its CLI group and prefixed error codes', () => {
    expect(api.counterfactualModule.name).toBe('counterfactual');
    expect(typeof api.counterfactualModule.cli).toBe('function');
    for (const code of Object.keys(api.counterfactualModule.errorCodes ?? {})) expect(code).toMatch(/^COUNTERFACTUAL_/);
  });
});
