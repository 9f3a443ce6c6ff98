import { ReferenceData } from '../adapters/data/reference-data.js';
import { RdkitToolkit } from '../adapters/rdkit/rdkit-toolkit.js';
import type { FragmentScores } from '../domain/properties/sa-score.js';
import { type GenerateOptions, type GenerationResult, generateFragrances } from './fragrance-generator.js';
import { KnownOdorants } from './known-odorants.js';
import { OdorPredictor } from './odor-predictor.js';
import { SafetyScreen } from './safety-screen.js';

/** Options of {@link OdorDiffEngine.create}. */
export interface OdorDiffEngineOptions {
  /** Reference data folder (default `../shared/data` beside the repository). */
  readonly dataDir?: string;
  /** Odor model folder (default: the committed `packages/odordiff/weights`). */
  readonly weightsDir?: string;
}

/**
 * Lazily assembled OdorDiff services for one process: the RDKit toolkit, reference data, SA fragments, safety screen
 * and odor predictor, each built on first use.
 */
export class OdorDiffEngine {
  readonly toolkit: RdkitToolkit;
  readonly data: ReferenceData;
  readonly #weightsDir: string | undefined;
  #safety: SafetyScreen | undefined;
  #predictor: OdorPredictor | undefined;
  #known: KnownOdorants | undefined;

  private constructor(toolkit: RdkitToolkit, data: ReferenceData, weightsDir: string | undefined) {
    this.toolkit = toolkit;
    this.data = data;
    this.#weightsDir = weightsDir;
  }

  static async create(options: OdorDiffEngineOptions = {}): Promise<OdorDiffEngine> {
    return new OdorDiffEngine(await RdkitToolkit.load(), new ReferenceData(options.dataDir), options.weightsDir);
  }

  fragments(): FragmentScores {
    return this.data.fragmentScores();
  }

  safety(): SafetyScreen {
    this.#safety ??= SafetyScreen.load(this.data, this.toolkit);
    return this.#safety;
  }

  known(): KnownOdorants {
    this.#known ??= KnownOdorants.load(this.toolkit, this.data);
    return this.#known;
  }

  /** Brief -> candidate molecules (see {@link generateFragrances}). */
  generate(prompt: string, options: GenerateOptions = {}): GenerationResult {
    return generateFragrances(this.#services(), prompt, options);
  }

  #services() {
    return {
      toolkit: this.toolkit,
      fragments: this.fragments(),
      predictor: this.predictor(),
      safety: this.safety(),
      known: this.known(),
    };
  }

  predictor(): OdorPredictor {
    this.#predictor ??= OdorPredictor.load(this.toolkit, { weightsDir: this.#weightsDir, data: this.data });
    return this.#predictor;
  }
}
