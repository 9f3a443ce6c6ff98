import type { ReferenceData } from '../adapters/data/reference-data.js';
import { parseCsv, parseCsvRecords } from '../domain/internal/csv.js';
import type { ChemToolkit } from '../ports.js';

/** A labelled GS-LF odorant. */
export interface LabelledOdorant {
  readonly smiles: string;
  readonly canonical: string;
  readonly descriptors: readonly string[];
}

/**
 * Known fragrance molecules for novelty marks and retrieval: GS-LF (with labels), FragranceDB and the IFRA 2019
 * glossary molecules, keyed by RDKit canonical SMILES without stereo. Read from the reference data at run time.
 */
export class KnownOdorants {
  readonly gslf: readonly LabelledOdorant[];
  readonly vocabulary: readonly string[];
  readonly #sources = new Map<string, string[]>();

  private constructor(gslf: LabelledOdorant[], vocabulary: string[]) {
    this.gslf = gslf;
    this.vocabulary = vocabulary;
  }

  static load(toolkit: ChemToolkit, data: ReferenceData): KnownOdorants {
    const [header, ...rows] = parseCsv(data.text('odor', 'gslf_train.csv')).filter((r) => r.length > 2);
    const vocabulary = header.slice(2).map((h) => h.trim());
    const gslf: LabelledOdorant[] = [];
    for (const r of rows) {
      const canonical = toolkit.canonicalSmiles(r[0], false);
      if (!canonical) continue;
      gslf.push({ smiles: r[0], canonical, descriptors: vocabulary.filter((_, k) => r[k + 2] === '1') });
    }
    const known = new KnownOdorants(gslf, vocabulary);
    for (const o of gslf) known.#add(o.canonical, 'GS-LF');
    for (const line of data.text('odor', 'pyrfume', 'fragrancedb_FragranceDB.smi').split('\n')) {
      const smiles = line.trim().split(/\s+/)[0];
      const c = smiles ? toolkit.canonicalSmiles(smiles, false) : null;
      if (c) known.#add(c, 'FragranceDB');
    }
    for (const r of parseCsvRecords(data.text('odor', 'pyrfume', 'ifra_2019_molecules.csv'))) {
      const c = r.IsomericSMILES ? toolkit.canonicalSmiles(r.IsomericSMILES, false) : null;
      if (c) known.#add(c, 'IFRA glossary');
    }
    return known;
  }

  #add(canonical: string, source: string): void {
    const list = this.#sources.get(canonical);
    if (!list) this.#sources.set(canonical, [source]);
    else if (!list.includes(source)) list.push(source);
  }

  /** Sources that list the molecule (empty when it is novel to all three). */
  sourcesOf(canonicalNonStereo: string): readonly string[] {
    return this.#sources.get(canonicalNonStereo) ?? [];
  }

  /** Number of distinct known structures. */
  get size(): number {
    return this.#sources.size;
  }
}
