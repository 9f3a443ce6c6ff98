import type { NotePosition } from '../properties/vapor-pressure.js';

/** A design brief turned into targets over the odor vocabulary. */
export interface BriefTargets {
  readonly text: string;
  /** Descriptor -> weight > 0 for wanted odors. */
  readonly positive: ReadonlyMap<string, number>;
  /** Descriptor -> weight > 0 for odors to avoid ("not sweet"). */
  readonly negative: ReadonlyMap<string, number>;
  readonly intensity: 'light' | 'moderate' | 'strong';
  /** Requested note position, when the brief says so. */
  readonly notePosition: NotePosition | null;
  /** Words of the brief that matched nothing. */
  readonly unmatched: readonly string[];
}

/**
 * Perfumery words outside the GS-LF vocabulary mapped to GS-LF descriptors (weight per descriptor). Written for
 * this module from common perfumery usage.
 */
export const perfumerySynonyms: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  aquatic: { ozone: 1, fresh: 0.7, clean: 0.5 },
  marine: { ozone: 1, fresh: 0.6, clean: 0.4 },
  ocean: { ozone: 1, fresh: 0.6, clean: 0.5 },
  sea: { ozone: 1, fresh: 0.6 },
  breeze: { fresh: 0.8, clean: 0.6, ozone: 0.5 },
  ozonic: { ozone: 1, fresh: 0.6 },
  watery: { ozone: 0.8, cucumber: 0.5, melon: 0.5, fresh: 0.5 },
  musky: { musk: 1, animal: 0.3, powdery: 0.3 },
  ambery: { amber: 1, warm: 0.5, balsamic: 0.4 },
  leather: { leathery: 1, animal: 0.4, smoky: 0.3 },
  oud: { woody: 1, leathery: 0.6, animal: 0.5, smoky: 0.4, balsamic: 0.3 },
  iris: { orris: 1, powdery: 0.7, violet: 0.5 },
  smoke: { smoky: 1, burnt: 0.4 },
  citrusy: { citrus: 1, lemon: 0.6, orange: 0.5 },
  zesty: { citrus: 1, lemon: 0.7, fresh: 0.4 },
  wood: { woody: 1, cedar: 0.4 },
  woods: { woody: 1, cedar: 0.4, sandalwood: 0.4 },
  flower: { floral: 1 },
  flowery: { floral: 1, rose: 0.3, jasmin: 0.3 },
  white: { floral: 0.5, jasmin: 0.4, orangeflower: 0.4 },
  gourmand: { sweet: 1, vanilla: 0.7, caramellic: 0.6, chocolate: 0.4 },
  spice: { spicy: 1, cinnamon: 0.4, clove: 0.4 },
  fruit: { fruity: 1 },
  berries: { berry: 1, fruity: 0.5 },
  herb: { herbal: 1 },
  herby: { herbal: 1, green: 0.4 },
  minty: { mint: 1, cooling: 0.6, fresh: 0.4 },
  moss: { earthy: 0.8, musty: 0.4, woody: 0.4 },
  mossy: { earthy: 0.8, musty: 0.4, woody: 0.4 },
  chypre: { earthy: 0.6, woody: 0.6, citrus: 0.4, amber: 0.4 },
  fougere: { lavender: 0.8, coumarinic: 0.6, herbal: 0.5 },
  resinous: { balsamic: 1, amber: 0.6 },
  incense: { balsamic: 0.8, smoky: 0.6, woody: 0.5 },
  powder: { powdery: 1 },
  soapy: { soapy: 1, clean: 0.5, aldehydic: 0.4 },
  aldehydes: { aldehydic: 1, waxy: 0.4, soapy: 0.3 },
  lemony: { lemon: 1, citrus: 0.6 },
  rosy: { rose: 1, floral: 0.5 },
  jasmine: { jasmin: 1, floral: 0.5 },
  lily: { lily: 1, muguet: 0.6, floral: 0.5 },
  'lily of the valley': { muguet: 1, floral: 0.5 },
  tuberose: { floral: 1, jasmin: 0.3, creamy: 0.3 },
  patchouli: { earthy: 1, woody: 0.6, musty: 0.3 },
  vanillic: { vanilla: 1, sweet: 0.5 },
  coffee: { coffee: 1, roasted: 0.6 },
  grassy: { grassy: 1, green: 0.6 },
  leafy: { leafy: 1, green: 0.6 },
  sparkling: { fresh: 0.6, citrus: 0.5 },
  warm: { warm: 1 },
  creamy: { creamy: 1, milky: 0.4 },
  tobacco: { tobacco: 1, hay: 0.3 },
  cedarwood: { cedar: 1, woody: 0.6 },
  sandal: { sandalwood: 1, woody: 0.6 },
  pine: { pine: 1, terpenic: 0.4 },
  camphor: { camphoreous: 1, cooling: 0.4 },
};

const negators = new Set(['not', 'no', 'without', 'avoid', 'less', 'never', 'non']);

/** Options of {@link parseBrief}. */
export interface ParseBriefOptions {
  /** The descriptor vocabulary (GS-LF column names). */
  readonly vocabulary: readonly string[];
}

/**
 * Turns a text brief into weighted target descriptors: direct vocabulary words (incl. two-word terms such as
 * "black currant"), perfumery synonyms (aquatic, amber, oud, iris...), negations ("not sweet"), softeners ("hint of",
 * "undertones": half weight), intensity words and note-position words.
 *
 * @example
 * parseBrief('fresh citrus with woody undertones', { vocabulary }).positive; // citrus 1, fresh 1, woody 0.5 ...
 */
export function parseBrief(text: string, options: ParseBriefOptions): BriefTargets {
  const vocab = new Set(options.vocabulary);
  const lower = text.toLowerCase();
  const words = lower.match(/[a-z]+(?:-[a-z]+)?/g) ?? [];
  const positive = new Map<string, number>();
  const negative = new Map<string, number>();
  const unmatched: string[] = [];
  const add = (map: Map<string, number>, d: string, w: number) => map.set(d, Math.max(map.get(d) ?? 0, w));

  // a softener applies to the phrase it is attached to ("hint of X", "X undertones")
  const softenedAt = new Set<number>();
  words.forEach((w, i) => {
    if (
      w === 'undertones' ||
      w === 'undertone' ||
      w === 'accents' ||
      w === 'nuances' ||
      w === 'nuance' ||
      w === 'facet'
    )
      for (let k = Math.max(0, i - 2); k < i; k++) softenedAt.add(k);
    if ((w === 'hint' || w === 'touch' || w === 'whisper') && words[i + 1] === 'of')
      for (let k = i + 2; k < Math.min(words.length, i + 4); k++) softenedAt.add(k);
  });

  let negateUntil = -1;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (negators.has(w)) {
      negateUntil = i + 2;
      continue;
    }
    if (w === 'and' || w === 'but' || w === 'with') negateUntil = Math.min(negateUntil, i);
    const weight = softenedAt.has(i) ? 0.5 : 1;
    const target = i <= negateUntil ? negative : positive;
    const two = i + 1 < words.length ? `${w} ${words[i + 1]}` : '';
    const four = words.slice(i, i + 4).join(' ');
    let matched = false;
    if (four === 'lily of the valley') {
      for (const [d, v] of Object.entries(perfumerySynonyms[four])) if (vocab.has(d)) add(target, d, v * weight);
      i += 3;
      continue;
    }
    if (two && vocab.has(two)) {
      add(target, two, weight);
      i++;
      continue;
    }
    const stem = w.replace(/-/g, ' ');
    if (vocab.has(stem)) {
      add(target, stem, weight);
      matched = true;
    }
    const syn = perfumerySynonyms[stem] ?? (stem.endsWith('s') ? perfumerySynonyms[stem.slice(0, -1)] : undefined);
    if (syn) {
      for (const [d, v] of Object.entries(syn)) if (vocab.has(d)) add(target, d, v * weight * (matched ? 0.5 : 1));
      matched = true;
    }
    if (!matched && !vocab.has(stem) && stem.endsWith('y') && vocab.has(stem.slice(0, -1))) {
      add(target, stem.slice(0, -1), weight);
      matched = true;
    }
    if (!matched && w.length > 3 && !stopWords.has(w)) unmatched.push(w);
  }
  for (const d of negative.keys()) positive.delete(d);
  positive.delete('odorless');

  const intensity = /\b(light|subtle|soft|delicate|airy|sheer)\b/.test(lower)
    ? 'light'
    : /\b(strong|intense|powerful|bold|heavy|rich)\b/.test(lower)
      ? 'strong'
      : 'moderate';
  const notePosition: NotePosition | null = /\b(top note|opening|head note|sparkling|volatile)\b/.test(lower)
    ? 'top'
    : /\b(base note|base|long[- ]lasting|lasting|tenacious|dry[- ]?down|fixative)\b/.test(lower)
      ? 'base'
      : /\b(heart|middle note|heart note)\b/.test(lower)
        ? 'heart'
        : null;
  return { text, positive, negative, intensity, notePosition, unmatched };
}

const stopWords = new Set([
  'with',
  'that',
  'this',
  'from',
  'like',
  'some',
  'very',
  'more',
  'undertones',
  'undertone',
  'hint',
  'touch',
  'note',
  'notes',
  'scent',
  'smell',
  'smelling',
  'fragrance',
  'perfume',
  'molecule',
  'molecules',
  'accord',
  'light',
  'strong',
  'subtle',
  'intense',
  'base',
  'heart',
  'opening',
  'lasting',
  'long-lasting',
]);

/**
 * How well predicted probabilities satisfy a brief: weighted mean probability of the wanted descriptors minus half
 * the mean probability of the unwanted ones. 0 when the brief has no wanted descriptor.
 */
export function briefMatch(
  targets: BriefTargets,
  descriptors: readonly string[],
  probabilities: ArrayLike<number>,
): number {
  let num = 0;
  let den = 0;
  let neg = 0;
  let negCount = 0;
  for (let k = 0; k < descriptors.length; k++) {
    const w = targets.positive.get(descriptors[k]);
    if (w) {
      num += w * probabilities[k];
      den += w;
    }
    const v = targets.negative.get(descriptors[k]);
    if (v) {
      neg += v * probabilities[k];
      negCount += v;
    }
  }
  return (den ? num / den : 0) - (negCount ? (0.5 * neg) / negCount : 0);
}
