import type { QuintessenceModule } from '@quintessence/platform';
import { registerCounterfactualCli } from './cli/counterfactual-cli.js';
import { counterfactualErrorCodes } from './domain/validation.js';

// Special functions from @quintessence/numeric, re-exported under this module's historical names.
export {
  erfc,
  normalCdf,
  normalSurvival as normalSf,
  regularizedGammaQ as gammaQ,
} from '@quintessence/numeric';
export type { CliClassifierOptions } from './adapters/cli-classifier.js';
export { cliClassifier } from './adapters/cli-classifier.js';
export { defaultHolisticBiasDir, loadHolisticBias } from './adapters/holistic-bias-files.js';
export type { HttpClassifierOptions } from './adapters/http-classifier.js';
export { httpClassifier } from './adapters/http-classifier.js';
export type { LexiconModel } from './adapters/lexicon-models.js';
export { afinnModel, builtInModels, vaderModel, winkSentimentModel } from './adapters/lexicon-models.js';
export { createWinkPosTagger } from './adapters/wink.js';
export type {
  AnalysePairsOptions,
  AuditAnalysis,
  CellResult,
  Rollup,
  ScoredPair,
} from './domain/audit/analyse-pairs.js';
export { analysePairs } from './domain/audit/analyse-pairs.js';
export type { CsvTable } from './domain/csv.js';
export { parseCsv } from './domain/csv.js';
export type { GenderDirection, GenderLexicon, GenderPair } from './domain/gender/gender-lexicon.js';
export {
  defaultGenderLexicon,
  genderDirections,
  genderLexiconSources,
  genderWordPairs,
} from './domain/gender/gender-lexicon.js';
export type { ChangedToken, GenderSwapOptions, SwapResult } from './domain/gender/gender-swap.js';
export { swapGender } from './domain/gender/gender-swap.js';
export { heuristicPosTagger } from './domain/gender/heuristic-pos-tagger.js';
export { matchCase } from './domain/gender/match-case.js';
export type { SweepSummary } from './domain/holistic/descriptor-sweep.js';
export { summariseSweep } from './domain/holistic/descriptor-sweep.js';
export type {
  Descriptor,
  FillOptions,
  HolisticBiasDataset,
  HolisticTemplate,
} from './domain/holistic/holistic-bias.js';
export { fillTemplate, intersectionalPairs, parseHolisticBias } from './domain/holistic/holistic-bias.js';
export type {
  Confusion,
  ExtendedGroupReport,
  GroupDetail,
  GroupFairnessCis,
  GroupFairnessReport,
  GroupMetrics,
  GroupTest,
} from './domain/metrics/metric-frame.js';
export {
  confusionByGroup,
  fourFifthsRule,
  groupDetailAndTests,
  groupFairness,
  groupFairnessCis,
  intersectionalGroups,
  metricsOf,
} from './domain/metrics/metric-frame.js';
export type { ParaphraseStrategy } from './domain/paraphrase.js';
export { activeToPassive, hedge, neutralise, paraphrase, paraphraseStrategies } from './domain/paraphrase.js';
export type { PosTagger, TaggedToken } from './domain/pos-tagger.js';
export type { AuditReport, BuildReportInput, RiskLevel } from './domain/report/audit-report.js';
export { assessRisk, buildAuditReport, mitigationPlan, reauditDays } from './domain/report/audit-report.js';
export { renderHtml } from './domain/report/render-html.js';
export { renderMarkdown } from './domain/report/render-markdown.js';
export type { BootstrapOptions, ConfidenceInterval } from './domain/stats/bootstrap.js';
export { bootstrapCi, bootstrapCis } from './domain/stats/bootstrap.js';
export {
  binomialTestTwoSided,
  chi2Homogeneity,
  chi2Sf,
  chi2Sf1,
  wilsonInterval,
} from './domain/stats/distributions.js';
export type { McNemarMethod, McNemarResult } from './domain/stats/mcnemar.js';
export { mcnemarTest } from './domain/stats/mcnemar.js';
export type { Correction } from './domain/stats/multiple-testing.js';
export { adjustPValues, benjaminiHochberg, holm } from './domain/stats/multiple-testing.js';
export type { Rng } from './domain/stats/rng.js';
export { createRng } from './domain/stats/rng.js';
export type { Alternative, WilcoxonOptions, WilcoxonResult } from './domain/stats/wilcoxon.js';
export { wilcoxonSignedRank } from './domain/stats/wilcoxon.js';
export type { Prediction, TextClassifier } from './domain/text-classifier.js';
export { functionClassifier, normalisePrediction } from './domain/text-classifier.js';
export type { AllowedAttribute, TextLimits } from './domain/validation.js';
export {
  allowedAttributes,
  counterfactualErrorCodes,
  prohibitedAttributes,
  validateAttribute,
  validateText,
} from './domain/validation.js';
export type {
  DescriptorPairOptions,
  GenderPairOptions,
  PairSpec,
  RunAuditOptions,
} from './service/audit.js';
export { descriptorPairs, genderPairs, intersectionalDescriptorPairs, runAudit } from './service/audit.js';
export type { GroupMetricsOptions } from './service/group-metrics.js';
export { groupMetricsFromCsv } from './service/group-metrics.js';
export type { HolisticSweepOptions, HolisticSweepResult, SyncScorer } from './service/holistic-sweep.js';
export { holisticSweep } from './service/holistic-sweep.js';
export type { SwapLinesOptions, SwapRecord } from './service/swap-lines.js';
export { swapLines } from './service/swap-lines.js';

/** The Counterfactual Lab module: CLI group `counterfactual` and its error codes. */
export const counterfactualModule: QuintessenceModule = {
  name: 'counterfactual',
  errorCodes: counterfactualErrorCodes,
  cli: (program, cli) => registerCounterfactualCli(program, cli),
};
