import { type QuintessenceModule, registerErrorCodes } from '@quintessence/platform';
import { registerOdorDiffCli } from './cli/odordiff-cli.js';

/** OdorDiff's error codes and their HTTP statuses. */
export const odordiffErrorCodes = {
  ODORDIFF_INVALID_SMILES: 400,
  ODORDIFF_BRIEF_REFUSED: 422,
  ODORDIFF_DATA_MISSING: 503,
  ODORDIFF_MODEL_MISSING: 503,
} as const;

registerErrorCodes(odordiffErrorCodes);

/** The OdorDiff module: fragrance design from a text brief (CLI in this part; REST API in part 2). */
export const odordiffModule: QuintessenceModule = {
  name: 'odordiff',
  errorCodes: odordiffErrorCodes,
  cli: registerOdorDiffCli,
};
