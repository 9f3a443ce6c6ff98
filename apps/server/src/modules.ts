import { adaptiveMlModule } from '@quintessence/adaptive-ml';
import { counterfactualModule } from '@quintessence/counterfactual';
import { odordiffModule } from '@quintessence/odordiff';
import type { QuintessenceModule } from '@quintessence/platform';
import { restockModule } from '@quintessence/restock';
import { scentModule } from '@quintessence/scent';

/**
 * Every module the product ships, in mount order. The server mounts their plugins and runs their migrations after
 * the platform's; the CLI adds their command groups.
 */
export const installedModules: readonly QuintessenceModule[] = [
  scentModule,
  odordiffModule,
  counterfactualModule,
  adaptiveMlModule,
  restockModule,
];
