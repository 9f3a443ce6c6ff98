import type { QuintessenceModule } from '@quintessence/platform';
import { registerCounterfactualCli } from './cli/counterfactual-cli.js';
import { counterfactualErrorCodes } from './domain/validation.js';

export { createWinkPosTagger } from './adapters/wink.js';
export type { GenderDirection, GenderLexicon, GenderPair } from './domain/gender/gender-lexicon.js';
export {
  defaultGenderLexicon,
  genderDirections,
  genderLexiconSources,
  genderPairs,
} from './domain/gender/gender-lexicon.js';
export type { ChangedToken, GenderSwapOptions, SwapResult } from './domain/gender/gender-swap.js';
export { swapGender } from './domain/gender/gender-swap.js';
export { heuristicPosTagger } from './domain/gender/heuristic-pos-tagger.js';
export { matchCase } from './domain/gender/match-case.js';
export type { PosTagger, TaggedToken } from './domain/pos-tagger.js';
export type { AllowedAttribute, TextLimits } from './domain/validation.js';
export {
  allowedAttributes,
  counterfactualErrorCodes,
  prohibitedAttributes,
  validateAttribute,
  validateText,
} from './domain/validation.js';
export type { SwapLinesOptions, SwapRecord } from './service/swap-lines.js';
export { swapLines } from './service/swap-lines.js';

/** The Counterfactual Lab module: CLI group `counterfactual` and its error codes. */
export const counterfactualModule: QuintessenceModule = {
  name: 'counterfactual',
  errorCodes: counterfactualErrorCodes,
  cli: (program, cli) => registerCounterfactualCli(program, cli),
};
