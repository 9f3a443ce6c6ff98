import type { QuintessenceModule } from '@quintessence/platform';
import { scentMigrations } from './adapters/migrations.js';
import { registerScentCommands } from './cli/scent-commands.js';
import { scentErrorCodes, scentPermissions } from './permissions.js';

/** The Scent QC module: e-nose ingestion pipeline, golden-batch fingerprints, batch assessment and signed release. */
export const scentModule: QuintessenceModule = {
  name: 'scent',
  permissions: scentPermissions,
  errorCodes: scentErrorCodes,
  migrations: scentMigrations,
  cli: registerScentCommands,
};
