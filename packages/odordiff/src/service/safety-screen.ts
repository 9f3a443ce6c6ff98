import type { ReferenceData } from '../adapters/data/reference-data.js';
import { morganBits, tanimoto } from '../domain/chem/fingerprint.js';
import { parseCsvRecords } from '../domain/internal/csv.js';
import { type BriefScreen, screenBrief } from '../domain/safety/brief-screen.js';
import { euAllergenStructures, euNaturalAllergens } from '../domain/safety/eu-allergen-fixture.js';
import {
  type IfraCategory,
  type IfraStandard,
  ifraStatusOf,
  parseIfraOverview,
  parseIfraStructures,
} from '../domain/safety/ifra.js';
import {
  type AssessSafetyOptions,
  assessSafety,
  type SafetyAssessment,
  type SafetyEvidence,
} from '../domain/safety/safety-assessment.js';
import {
  odorDiffAlerts,
  parseMcfAlerts,
  parsePainsAlerts,
  type StructuralAlert,
} from '../domain/safety/structural-alerts.js';
import type { ChemToolkit } from '../ports.js';

interface IndexedStructure {
  readonly standard: IfraStandard;
  readonly cas: string;
  readonly inchiKey: string;
  readonly bits: Uint32Array;
}

/** Counts of what the screen could load, for reports and benchmarks. */
export interface SafetyScreenStats {
  readonly standards: number;
  readonly structures: number;
  readonly structuresUnparsed: number;
  readonly prohibitedStructures: number;
  readonly allergensWithStructure: number;
  /** Of those, structures from this module's fixture (`eu-allergen-fixture.ts`) rather than the CAS tables. */
  readonly allergensFromFixture: number;
  /** Natural complex substances (no single structure; recognised by name in briefs). */
  readonly allergensNatural: number;
  readonly allergens: number;
  readonly alerts: number;
}

const statusRank = { prohibited: 3, restricted: 2, specification: 1 } as const;

/**
 * Safety screen over IFRA 51st Amendment standards (identity by InChIKey, stereoisomers by the InChIKey skeleton,
 * analogues of prohibited materials by Tanimoto), EU 2023/1545 allergens and structural alerts (this module's
 * toxicophores plus PAINS and MCF). The IFRA and allergen tables are read from the reference data at run time.
 */
export class SafetyScreen {
  readonly stats: SafetyScreenStats;
  readonly #toolkit: ChemToolkit;
  readonly #byKey = new Map<string, IndexedStructure[]>();
  readonly #bySkeleton = new Map<string, IndexedStructure[]>();
  readonly #prohibited: IndexedStructure[] = [];
  readonly #allergens = new Map<string, { name: string; cas: string }>();
  readonly #alerts: readonly StructuralAlert[];
  readonly #options: AssessSafetyOptions;

  private constructor(toolkit: ChemToolkit, alerts: readonly StructuralAlert[], options: AssessSafetyOptions) {
    this.#toolkit = toolkit;
    this.#alerts = alerts;
    this.#options = options;
    this.stats = {
      standards: 0,
      structures: 0,
      structuresUnparsed: 0,
      prohibitedStructures: 0,
      allergensWithStructure: 0,
      allergensFromFixture: 0,
      allergensNatural: 0,
      allergens: 0,
      alerts: alerts.length,
    };
  }

  /** Builds the screen from `odor/ifra` and `odor/alerts` of the reference data. */
  static load(data: ReferenceData, toolkit: ChemToolkit, options: AssessSafetyOptions = {}): SafetyScreen {
    const alerts = [
      ...odorDiffAlerts,
      ...parseMcfAlerts(data.text('odor', 'alerts', 'moses_mcf.csv')),
      ...parsePainsAlerts(data.text('odor', 'alerts', 'moses_wehi_pains.csv')),
    ];
    const screen = new SafetyScreen(toolkit, alerts, options);
    const standards = new Map(
      parseIfraOverview(data.text('odor', 'ifra', 'ifra51_overview_Sheet1.csv')).map((s) => [s.key, s]),
    );
    const derived = parseCsvRecords(data.text('odor', 'ifra', 'ifra51_cas_smiles_derived.csv'));
    let unparsed = 0;
    let structures = 0;
    for (const s of parseIfraStructures(data.text('odor', 'ifra', 'ifra51_cas_smiles_derived.csv'))) {
      const row = derived.find((r) => r.ifra_key === s.key && r.cas === s.cas);
      const standard = standards.get(s.key) ?? fallbackStandard(s.key, row);
      const graph = toolkit.graph(s.smiles);
      const inchiKey = toolkit.inchiKey(s.smiles);
      if (!graph || !inchiKey) {
        unparsed++;
        continue;
      }
      structures++;
      const entry: IndexedStructure = { standard, cas: s.cas, inchiKey, bits: morganBits(graph) };
      push(screen.#byKey, inchiKey, entry);
      push(screen.#bySkeleton, inchiKey.slice(0, 14), entry);
      if (standard.status === 'prohibited') screen.#prohibited.push(entry);
    }

    const casToSmiles = new Map<string, string>();
    for (const s of parseIfraStructures(data.text('odor', 'ifra', 'ifra51_cas_smiles_derived.csv')))
      casToSmiles.set(s.cas, s.smiles);
    for (const line of data.text('odor', 'pyrfume', 'gras_GRAS.smi').split('\n')) {
      const [smiles, cas] = line.trim().split(/\s+/);
      if (smiles && cas && !casToSmiles.has(cas)) casToSmiles.set(cas, smiles);
    }
    const allergens = parseCsvRecords(data.text('odor', 'ifra', 'miniPinscher_DB_EU_Allergens.csv'));
    const fixture = new Map(euAllergenStructures.map((f) => [f.name, f]));
    const naturals = new Set(euNaturalAllergens.map((n) => n.name));
    let withStructure = 0;
    let fromFixture = 0;
    let natural = 0;
    for (const a of allergens) {
      let found = false;
      const register = (smiles: string | undefined, cas: string) => {
        const key = smiles ? toolkit.inchiKey(smiles) : null;
        if (key && !screen.#allergens.has(key)) screen.#allergens.set(key, { name: a.Name, cas });
        if (key) found = true;
      };
      for (const cas of a.CAS.split('|').map((c) => c.trim())) register(casToSmiles.get(cas), cas);
      if (!found && fixture.has(a.Name)) {
        for (const s of fixture.get(a.Name)!.structures) register(s.smiles, s.cas);
        if (found) fromFixture++;
      }
      if (found) withStructure++;
      else if (naturals.has(a.Name)) natural++;
    }
    (screen as { stats: SafetyScreenStats }).stats = {
      standards: standards.size,
      structures,
      structuresUnparsed: unparsed,
      prohibitedStructures: screen.#prohibited.length,
      allergens: allergens.length,
      allergensWithStructure: withStructure,
      allergensFromFixture: fromFixture,
      allergensNatural: natural,
      alerts: alerts.length,
    };
    return screen;
  }

  /** Screens a design brief (weapons, explosives, drugs are refused). */
  screenBrief(text: string): BriefScreen {
    return screenBrief(text);
  }

  /**
   * Gathers evidence for one molecule; `null` when the SMILES does not parse. `alerts: 'core'` checks only this
   * module's toxicophore list (fast screening inside the generator); the default checks PAINS and MCF as well.
   */
  evidence(smiles: string, options: { alerts?: 'all' | 'core' } = {}): SafetyEvidence | null {
    const graph = this.#toolkit.graph(smiles);
    if (!graph) return null;
    const inchiKey = this.#toolkit.inchiKey(smiles);
    let ifraIdentity: SafetyEvidence['ifraIdentity'] = null;
    if (inchiKey) {
      const exact = this.#byKey.get(inchiKey) ?? [];
      const skeleton = this.#bySkeleton.get(inchiKey.slice(0, 14)) ?? [];
      const best = pickMostSevere(exact) ?? pickMostSevere(skeleton);
      if (best) ifraIdentity = { standard: best.standard, cas: best.cas, exact: best.inchiKey === inchiKey };
    }
    const bits = morganBits(graph);
    let nearestProhibited: SafetyEvidence['nearestProhibited'] = null;
    for (const p of this.#prohibited) {
      const similarity = tanimoto(bits, p.bits);
      if (!nearestProhibited || similarity > nearestProhibited.similarity)
        nearestProhibited = { standard: p.standard, cas: p.cas, similarity };
    }
    const alerts = options.alerts === 'core' ? this.#alerts.filter((a) => a.source === 'odordiff') : this.#alerts;
    const counts = this.#toolkit.countMatches(
      smiles,
      alerts.map((a) => a.smarts),
    );
    const alertMatches = alerts.map((alert, i) => ({ alert, matches: Math.max(0, counts?.[i] ?? 0) }));
    const euAllergen = inchiKey ? (this.#allergens.get(inchiKey) ?? null) : null;
    return { smiles, ifraIdentity, nearestProhibited, euAllergen, alertMatches };
  }

  /** Full assessment of one molecule; `null` when the SMILES does not parse. */
  assess(smiles: string, options: { alerts?: 'all' | 'core' } = {}): SafetyAssessment | null {
    const evidence = this.evidence(smiles, options);
    return evidence ? assessSafety(evidence, this.#options) : null;
  }

  /** Limits of a standard in one product category (undefined when not restricted there). */
  limitFor(standard: IfraStandard, category: IfraCategory): number | undefined {
    return standard.limits[category];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pickMostSevere(list: readonly IndexedStructure[]): IndexedStructure | undefined {
  let best: IndexedStructure | undefined;
  for (const e of list) if (!best || statusRank[e.standard.status] > statusRank[best.standard.status]) best = e;
  return best;
}

function fallbackStandard(key: string, row: Record<string, string> | undefined): IfraStandard {
  const type = row?.type ?? 'RESTRICTION';
  const cat4 = Number(row?.category4_pct);
  return {
    key,
    name: row?.standard_name ?? key,
    type,
    status: ifraStatusOf(type),
    cas: row?.cas ? [row.cas] : [],
    limits: Number.isFinite(cat4) && row?.category4_pct ? { '4': cat4 } : {},
    amendment: '51',
  };
}
