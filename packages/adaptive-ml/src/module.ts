import type { QuintessenceModule } from '@quintessence/platform';
import { mlErrorCodes, registerMlCommands } from './cli/ml-commands.js';

/** The adaptive-ml module: the `ml` CLI group (evaluate, drift) over the online-learning library. */
export const adaptiveMlModule: QuintessenceModule = {
  name: 'adaptive-ml',
  errorCodes: mlErrorCodes,
  cli: registerMlCommands,
};
