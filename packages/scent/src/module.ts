import type { QuintessenceModule } from '@quintessence/platform';
import { registerScentCommands } from './cli/scent-commands.js';

/** The Scent QC module (work in progress: analytics core and benchmark commands). */
export const scentModule: QuintessenceModule = {
  name: 'scent',
  errorCodes: { SCENT_DATA_NOT_FOUND: 404, SCENT_BAD_DATA: 422 },
  cli: registerScentCommands,
};
