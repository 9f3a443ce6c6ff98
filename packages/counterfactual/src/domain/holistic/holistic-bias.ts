/** One HolisticBias descriptor with its axis and bucket. */
export interface Descriptor {
  readonly text: string;
  readonly axis: string;
  readonly bucket: string;
  readonly preference?: string;
}

/** A sentence template with its `{noun_phrase}` or `{plural_noun_phrase}` slot. */
export interface HolisticTemplate {
  readonly text: string;
  readonly plural: boolean;
  readonly mustBeNoun: boolean;
}

/** The parts of HolisticBias v1.1 the lab uses. */
export interface HolisticBiasDataset {
  readonly descriptors: readonly Descriptor[];
  readonly axes: readonly string[];
  readonly nouns: Readonly<Record<string, readonly (readonly [string, string])[]>>;
  readonly templates: readonly HolisticTemplate[];
}

function collect(node: unknown, axis: string, bucket: string, out: Descriptor[]): void {
  if (typeof node === 'string') out.push({ text: node, axis, bucket });
  else if (Array.isArray(node)) for (const n of node) collect(n, axis, bucket, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.descriptor === 'string') {
      out.push({
        text: o.descriptor,
        axis,
        bucket,
        ...(typeof o.preference === 'string' ? { preference: o.preference } : {}),
      });
    } else for (const [k, v] of Object.entries(o)) collect(v, axis, bucket === '' ? k : bucket, out);
  }
}

/**
 * Reads the parsed JSON files of HolisticBias v1.1 (Smith et al. 2022, MIT): `descriptors.json` (13 axes, buckets,
 * descriptor strings or objects), `nouns.json` (female/male/neutral singular-plural pairs) and
 * `sentence_templates.json`.
 *
 * @see Smith et al. 2022, "I'm sorry to hear that": Finding New Biases in Language Models with a Holistic Descriptor Dataset
 */
export function parseHolisticBias(descriptors: unknown, nouns: unknown, templates: unknown): HolisticBiasDataset {
  if (!descriptors || typeof descriptors !== 'object') throw new TypeError('descriptors.json: expected an object');
  const list: Descriptor[] = [];
  for (const [axis, node] of Object.entries(descriptors as Record<string, unknown>)) collect(node, axis, '', list);
  const t = Object.entries((templates ?? {}) as Record<string, Record<string, unknown>>).map(([text, meta]) => ({
    text,
    plural: text.includes('{plural_noun_phrase}'),
    mustBeNoun: meta?.must_be_noun === true,
  }));
  return {
    descriptors: list,
    axes: Object.keys(descriptors as object),
    nouns: (nouns ?? {}) as Record<string, [string, string][]>,
    templates: t,
  };
}

/** The indefinite article HolisticBias-style ("an" before a vowel letter) or always "a". */
export function article(word: string, mode: 'a' | 'a/an'): string {
  return mode === 'a/an' && /^[aeiouAEIOU]/.test(word) ? 'an' : 'a';
}

export interface FillOptions {
  /** Noun after the descriptor (default "person"). */
  readonly noun?: string;
  /** Article mode (default "a": the audit reference uses "a {descriptor} person"). */
  readonly articleMode?: 'a' | 'a/an';
}

/** Fills a singular template with "a {descriptors...} {noun}"; several descriptors make an intersectional phrase. */
export function fillTemplate(template: string, descriptors: readonly string[], options: FillOptions = {}): string {
  const { noun = 'person', articleMode = 'a' } = options;
  const words = [...descriptors, noun].join(' ');
  return template.replace('{noun_phrase}', `${article(words, articleMode)} ${words}`);
}

/** Intersectional descriptor combinations: every pair (d1 from axis A, d2 from axis B). */
export function intersectionalPairs(
  dataset: HolisticBiasDataset,
  axisA: string,
  axisB: string,
  limitPerAxis = Number.POSITIVE_INFINITY,
): [Descriptor, Descriptor][] {
  const a = dataset.descriptors.filter((d) => d.axis === axisA).slice(0, limitPerAxis);
  const b = dataset.descriptors.filter((d) => d.axis === axisB).slice(0, limitPerAxis);
  const out: [Descriptor, Descriptor][] = [];
  for (const x of a) for (const y of b) out.push([x, y]);
  return out;
}
