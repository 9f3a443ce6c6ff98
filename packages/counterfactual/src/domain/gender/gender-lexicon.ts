import table from '../../data/gender-lexicon.json' with { type: 'json' };

/** Swap direction: male to female, female to male, or both to gender-neutral forms. */
export type GenderDirection = 'm2f' | 'f2m' | 'neutral';
export const genderDirections: readonly GenderDirection[] = ['m2f', 'f2m', 'neutral'];

/** Word maps for one swap direction (lower-case keys and values). */
export interface GenderLexicon {
  readonly m2f: ReadonlyMap<string, string>;
  readonly f2m: ReadonlyMap<string, string>;
  readonly neutral: ReadonlyMap<string, string>;
  /** Words in a pair whose counterpart is not unique (bachelor -> bachelorette | spinster | maiden). */
  readonly manyToOne: ReadonlySet<string>;
}

/** A male/female pair with its provenance as stored in the derived table. */
export interface GenderPair {
  readonly male: string;
  readonly female: string;
  readonly source: string;
  readonly oneToOne: boolean;
}

/** The pairs behind the default lexicon (gn_glove, debiaswe and hand-written pronouns/titles). */
export const genderWordPairs: readonly GenderPair[] = table.pairs;

/** Sources and licences of the derived word table. */
export const genderLexiconSources: readonly { name: string; citation: string; licence: string }[] = table.sources;

let cached: GenderLexicon | undefined;

/**
 * The default gender lexicon: 194 curated pairs from gn_glove (Apache-2.0) and Bolukbasi et al.'s debiaswe lists (MIT)
 * plus pronouns, titles and neutral forms, built by `src/data/build-gender-lexicon.ts`.
 */
export function defaultGenderLexicon(): GenderLexicon {
  if (cached) return cached;
  const manyToOne = new Set<string>();
  for (const p of table.pairs) {
    if (!p.oneToOne) {
      manyToOne.add(p.male);
      manyToOne.add(p.female);
    }
  }
  cached = {
    m2f: new Map(Object.entries(table.m2f)),
    f2m: new Map(Object.entries(table.f2m)),
    neutral: new Map(table.neutral.map((n) => [n.word, n.neutral])),
    manyToOne,
  };
  return cached;
}
