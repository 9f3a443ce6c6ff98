import { loadOdorModel, type StoredOdorMap, smilesListHash } from '../adapters/data/odor-model-store.js';
import type { ReferenceData } from '../adapters/data/reference-data.js';
import { parseCsv } from '../domain/internal/csv.js';
import type { MlpInput } from '../domain/odor/multi-label-mlp.js';
import { type OdorFeatureOptions, odorFeatures } from '../domain/odor/odor-features.js';
import { OdorModel, type OdorModelArtifact } from '../domain/odor/odor-model.js';
import type { ChemToolkit } from '../ports.js';

/** An odor profile as callers see it. */
export interface OdorProfile {
  readonly smiles: string;
  readonly canonicalSmiles: string;
  /** Calibrated probability per GS-LF descriptor. */
  readonly probabilities: Readonly<Record<string, number>>;
  /** The strongest descriptors, highest first. */
  readonly top: readonly { readonly descriptor: string; readonly probability: number }[];
  readonly odorless: number;
  readonly isPlausiblyOdorous: boolean;
}

/** A known odorant close in the odor map. */
export interface KnownOdorant {
  readonly smiles: string;
  readonly similarity: number;
  readonly descriptors: readonly string[];
}

/**
 * Odor predictions for SMILES: features through the chemistry toolkit, the stored model, and nearest known
 * odorants in the model's embedding (GS-LF molecules read from the reference data at run time).
 */
export class OdorPredictor {
  readonly model: OdorModel;
  readonly #toolkit: ChemToolkit;
  readonly #map: StoredOdorMap | undefined;
  readonly #data: ReferenceData | undefined;
  #known: { smiles: string[]; descriptors: string[][] } | undefined;

  constructor(toolkit: ChemToolkit, artifact: OdorModelArtifact, map?: StoredOdorMap, data?: ReferenceData) {
    this.#toolkit = toolkit;
    this.model = new OdorModel(artifact);
    this.#map = map;
    this.#data = data;
  }

  /** Loads the committed (or given) weights. */
  static load(toolkit: ChemToolkit, options: { weightsDir?: string; data?: ReferenceData } = {}): OdorPredictor {
    const { artifact, map } = loadOdorModel(options.weightsDir);
    return new OdorPredictor(toolkit, artifact, map, options.data);
  }

  /** GS-LF descriptor names in model order. */
  get descriptors(): readonly string[] {
    return this.model.descriptors;
  }

  /** Model features of a SMILES, one input per feature set of the model, or `null` when it does not parse. */
  features(smiles: string): MlpInput[] | null {
    return odorInputs(this.#toolkit, smiles, this.model.featureSets);
  }

  /** Calibrated probabilities in descriptor order (hot path for the generator); `null` for invalid SMILES. */
  probabilities(smiles: string): { probabilities: Float64Array; odorless: number; embedding: Float64Array } | null {
    const x = this.features(smiles);
    if (!x) return null;
    const p = this.model.predict(x);
    return { probabilities: p.probabilities, odorless: p.odorless, embedding: this.model.embed(x) };
  }

  /** Full odor profile; `null` for invalid SMILES. */
  predict(smiles: string, topK = 5): OdorProfile | null {
    const x = this.features(smiles);
    if (!x) return null;
    const canonicalSmiles = this.#toolkit.canonicalSmiles(smiles) ?? smiles;
    const p = this.model.predict(x);
    const probabilities: Record<string, number> = {};
    this.descriptors.forEach((d, k) => {
      probabilities[d] = p.probabilities[k];
    });
    const top = this.descriptors
      .map((descriptor, k) => ({ descriptor, probability: p.probabilities[k] }))
      .filter((t) => t.descriptor !== 'odorless')
      .sort((a, b) => b.probability - a.probability)
      .slice(0, topK);
    return {
      smiles,
      canonicalSmiles,
      probabilities,
      top,
      odorless: p.odorless,
      isPlausiblyOdorous: p.isPlausiblyOdorous,
    };
  }

  /** Nearest GS-LF odorants by cosine similarity in the odor map; empty when the reference data is absent. */
  nearest(embedding: Float64Array, k = 3): KnownOdorant[] {
    const known = this.#knownOdorants();
    const map = this.#map;
    if (!known || !map) return [];
    const n = map.rows.length;
    const scored: { i: number; s: number }[] = [];
    for (let i = 0; i < n; i++) {
      let dot = 0;
      let norm = 0;
      const off = i * map.dims;
      for (let j = 0; j < map.dims; j++) {
        const v = map.vectors[off + j];
        dot += v * embedding[j];
        norm += v * v;
      }
      scored.push({ i, s: norm > 0 ? dot / Math.sqrt(norm) : 0 });
    }
    scored.sort((a, b) => b.s - a.s);
    return scored.slice(0, k).map(({ i, s }) => ({
      smiles: known.smiles[i],
      similarity: s,
      descriptors: known.descriptors[i],
    }));
  }

  #knownOdorants(): { smiles: string[]; descriptors: string[][] } | undefined {
    if (this.#known || !this.#data?.isAvailable || !this.#map) return this.#known;
    const [header, ...rows] = parseCsv(this.#data.text('odor', 'gslf_train.csv')).filter((r) => r.length > 2);
    const names = header.slice(2).map((h) => h.trim());
    const smiles = this.#map.rows.map((r) => rows[r]?.[0] ?? '');
    if (smilesListHash(smiles) !== this.#map.smilesHash) return undefined;
    const descriptors = this.#map.rows.map((r) => names.filter((_, k) => rows[r][k + 2] === '1'));
    this.#known = { smiles, descriptors };
    return this.#known;
  }
}

/**
 * Odor-model inputs of one SMILES for each feature set (graph and descriptors computed once; atom-pair and MACCS
 * fingerprints only when a set asks for them); `null` when the SMILES does not parse.
 */
export function odorInputs(
  toolkit: ChemToolkit,
  smiles: string,
  featureSets: readonly OdorFeatureOptions[],
): MlpInput[] | null {
  const graph = toolkit.graph(smiles);
  const d = graph ? toolkit.descriptors(smiles) : null;
  if (!graph || !d) return null;
  const atomPairSizes = new Map<number, Uint32Array | null>();
  let maccs: Uint32Array | null | undefined;
  return featureSets.map((f) => {
    const ap = f.atomPairBits ?? 0;
    if (ap > 0 && !atomPairSizes.has(ap)) atomPairSizes.set(ap, toolkit.atomPairBits(smiles, ap));
    if (f.maccs && maccs === undefined) maccs = toolkit.maccsBits(smiles);
    return odorFeatures(graph, d, f, { atomPair: atomPairSizes.get(ap), maccs });
  });
}
