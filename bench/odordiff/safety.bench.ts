// Safety screen: recall on IFRA-prohibited structures, flag rates on FragranceDB and GRAS.
//   npx tsx bench/odordiff/safety.bench.ts
import { parseCsvRecords } from '../../packages/odordiff/src/domain/internal/csv.js';
import { RdkitToolkit, ReferenceData, SafetyScreen } from '../../packages/odordiff/src/index.js';
import { dataDir, table } from './common.js';

const rdkit = await RdkitToolkit.load();
const data = new ReferenceData(dataDir);
const screen = SafetyScreen.load(data, rdkit);
const prohibited = parseCsvRecords(data.text('odor', 'ifra', 'ifra51_cas_smiles_derived.csv')).filter(
  (r) => r.smiles && r.type.includes('PROHIBITION'),
);
let caught = 0;
for (const r of prohibited) if (screen.assess(r.smiles)?.recommendation === 'reject') caught++;

function rates(name: string, smiles: string[]) {
  let n = 0;
  let reject = 0;
  let caution = 0;
  let ifraProhibited = 0;
  let critical = 0;
  const t0 = performance.now();
  for (const s of smiles) {
    const a = screen.assess(s);
    if (!a) continue;
    n++;
    if (a.recommendation === 'reject') reject++;
    if (a.recommendation === 'caution') caution++;
    if (a.ifra.status === 'prohibited') ifraProhibited++;
    if (a.alerts.some((x) => x.severity === 'critical')) critical++;
  }
  const ms = (performance.now() - t0) / Math.max(1, n);
  return [name, n, reject / n, ifraProhibited / n, critical / n, caution / n, `${ms.toFixed(1)} ms`];
}
const smi = (file: string) =>
  data
    .text('odor', 'pyrfume', file)
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0])
    .filter(Boolean);

console.log('## Safety screen\n');
console.log(
  `IFRA 51 structures loaded: ${screen.stats.structures} (${screen.stats.prohibitedStructures} prohibited); EU allergens with a structure: ${screen.stats.allergensWithStructure}/${screen.stats.allergens}; alerts: ${screen.stats.alerts}\n`,
);
table(
  ['check', 'molecules', 'result', 'goal'],
  [['recall on IFRA-prohibited rows with SMILES', prohibited.length, `${caught}/${prohibited.length}`, '100%']],
);
table(
  [
    'set',
    'molecules',
    'reject rate',
    'of which IFRA-prohibited',
    'critical alert',
    'caution rate',
    'time per molecule',
  ],
  [
    rates('FragranceDB (1,760 fragrance SMILES)', smi('fragrancedb_FragranceDB.smi')),
    rates('FDA GRAS (1,874 SMILES)', smi('gras_GRAS.smi')),
  ],
);
console.log(
  '"reject" on these sets is a false flag only where the material is really permitted: FragranceDB and GRAS both contain materials IFRA prohibits or restricts.',
);
