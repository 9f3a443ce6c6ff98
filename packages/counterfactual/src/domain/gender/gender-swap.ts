import type { PosTagger, TaggedToken } from '../pos-tagger.js';
import { defaultGenderLexicon, type GenderDirection, type GenderLexicon } from './gender-lexicon.js';
import { heuristicPosTagger } from './heuristic-pos-tagger.js';
import { matchCase } from './match-case.js';

/** One replaced word: character span in the original text, the original word and its replacement. */
export interface ChangedToken {
  readonly start: number;
  readonly end: number;
  readonly from: string;
  readonly to: string;
}

/** The result of a counterfactual rewrite; `counterfactual === original` when nothing applied. */
export interface SwapResult {
  readonly original: string;
  readonly counterfactual: string;
  readonly changedTokens: readonly ChangedToken[];
}

export interface GenderSwapOptions {
  /** Word maps (default: the derived gn_glove + debiaswe table). */
  readonly lexicon?: GenderLexicon;
  /** Part-of-speech tagger for her/his disambiguation and neutral verb agreement (default: a closed-class heuristic). */
  readonly tagger?: PosTagger;
}

const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
/** Titles swap only when capitalised and used as a title (so "I miss you" and "MS" stay). */
const TITLE_ONLY = new Set(['mr', 'mrs', 'ms', 'miss', 'mx']);
const NOUNISH = new Set(['NOUN', 'PROPN', 'NUM', 'X']);
const NOT_POSSESSED = new Set([
  'yesterday',
  'today',
  'tonight',
  'tomorrow',
  'now',
  'again',
  'too',
  'once',
  'twice',
  'anyway',
  'lately',
  'recently',
]);
const COORDINATED = new Set(['his', 'her', 'their', 'hers', 'theirs']);
const AGREEMENT: Record<string, string> = {
  is: 'are',
  was: 'were',
  has: 'have',
  does: 'do',
  "isn't": "aren't",
  "wasn't": "weren't",
  "hasn't": "haven't",
  "doesn't": "don't",
};
const PERFECT_PARTICIPLE = /^(been|got|gone|done|had|seen|taken|given|made|known|\p{L}+ed)$/u;

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function words(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** First tagged token starting at or after `offset`. */
function tagIndexAt(tags: readonly TaggedToken[], offset: number): number {
  let lo = 0;
  let hi = tags.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tags[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the pronoun ending at `end` is followed by what it possesses: (ADV|ADJ)* then a noun, or "own". */
function isDeterminerUse(tags: readonly TaggedToken[], end: number): boolean {
  let i = tagIndexAt(tags, end);
  // "his/her book", "his or her book": look past the coordinated pronoun
  const joiner = tags[i]?.text.toLowerCase();
  if ((joiner === '/' || joiner === 'or' || joiner === 'and') && COORDINATED.has(tags[i + 1]?.text.toLowerCase() ?? ''))
    i += 2;
  const first = tags[i];
  if (!first) return false;
  const firstLower = first.text.toLowerCase();
  if (NOT_POSSESSED.has(firstLower)) return false;
  if (firstLower === 'own') return true;
  while (i < tags.length && (tags[i]!.pos === 'ADJ' || tags[i]!.pos === 'ADV')) i++;
  const next = tags[i];
  return next !== undefined && NOUNISH.has(next.pos);
}

/** Strips third-person -s from a verb (runs -> run, tries -> try, watches -> watch, goes -> go). */
function pluralVerb(verb: string): string {
  const lower = verb.toLowerCase();
  let base: string;
  if (/[^aeiou]ies$/.test(lower)) base = `${lower.slice(0, -3)}y`;
  else if (/(ss|sh|ch|x|z|o)es$/.test(lower)) base = lower.slice(0, -2);
  else if (/[^s]s$/.test(lower)) base = lower.slice(0, -1);
  else base = lower;
  return matchCase(verb, base);
}

/**
 * Rewrites gendered words of `text` to their counterparts (m2f, f2m) or neutral forms, preserving case and recording
 * each change. Whole words only ("human", "shepherd", "Hermann" stay), clitics kept ("he's" -> "she's"), titles only in
 * title use ("Mr. Smith"), her -> his|him and his -> her|hers chosen by part of speech. Where the lexicon is one-to-one,
 * swapping m2f then f2m returns the original.
 *
 * @example swapGender('He gave her his book.', 'm2f').counterfactual === 'She gave her her book.'
 * @see Zhao et al. 2018 (gn_glove word pairs); Bolukbasi et al. 2016 (debiaswe lists)
 */
export function swapGender(text: string, direction: GenderDirection, options: GenderSwapOptions = {}): SwapResult {
  const lexicon = options.lexicon ?? defaultGenderLexicon();
  const map = direction === 'm2f' ? lexicon.m2f : direction === 'f2m' ? lexicon.f2m : lexicon.neutral;
  const tokens = words(text);
  let tags: readonly TaggedToken[] | undefined;
  const getTags = () => {
    tags ??= (options.tagger ?? heuristicPosTagger).tag(text);
    return tags;
  };
  const replacements = new Map<number, ChangedToken>();
  const replace = (w: Word, to: string) => {
    if (to !== w.text) replacements.set(w.start, { start: w.start, end: w.end, from: w.text, to });
  };

  for (let k = 0; k < tokens.length; k++) {
    const w = tokens[k]!;
    const lower = w.text.toLowerCase().replace(/’/g, "'");
    let base = lower;
    let clitic = '';
    let target = map.get(lower);
    if (target === undefined) {
      const apostrophe = lower.lastIndexOf("'");
      if (apostrophe > 0) {
        base = lower.slice(0, apostrophe);
        clitic = w.text.slice(apostrophe);
        target = map.get(base);
      }
    }
    if (target === undefined) continue;
    if (TITLE_ONLY.has(base)) {
      const isTitle = /^\p{Lu}\p{Ll}*$/u.test(w.text) && /^\.?\s+\p{Lu}/u.test(text.slice(w.end));
      if (!isTitle) continue;
    }
    const originalBase = clitic ? w.text.slice(0, w.text.length - clitic.length) : w.text;
    if (clitic === '') {
      if (base === 'her' && direction !== 'm2f') {
        const det = isDeterminerUse(getTags(), w.end);
        target = direction === 'f2m' ? (det ? 'his' : 'him') : det ? 'their' : 'them';
      } else if (base === 'his' && direction !== 'f2m') {
        const det = isDeterminerUse(getTags(), w.end);
        target = direction === 'm2f' ? (det ? 'her' : 'hers') : det ? 'their' : 'theirs';
      }
    }
    const isSubjectThey = direction === 'neutral' && (base === 'he' || base === 'she');
    if (isSubjectThey && clitic) {
      const c = clitic.toLowerCase().replace(/’/g, "'");
      if (c === "'s") {
        const next = tokens[k + 1];
        const mark = clitic.charAt(0);
        clitic = next && PERFECT_PARTICIPLE.test(next.text.toLowerCase()) ? `${mark}ve` : `${mark}re`;
        if (w.text === w.text.toUpperCase()) clitic = clitic.toUpperCase();
      }
    }
    replace(w, matchCase(originalBase, target) + clitic);
    if (isSubjectThey && !clitic) fixAgreement(text, tokens, k, getTags, replace);
  }

  if (replacements.size === 0) return { original: text, counterfactual: text, changedTokens: [] };
  const changed = [...replacements.values()].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const c of changed) {
    out += text.slice(cursor, c.start) + c.to;
    cursor = c.end;
  }
  out += text.slice(cursor);
  return { original: text, counterfactual: out, changedTokens: changed };
}

/** After he/she -> they: is -> are, has -> have, runs -> run (next verb) and "is he" -> "are they" (inversion). */
function fixAgreement(
  text: string,
  tokens: readonly Word[],
  k: number,
  getTags: () => readonly TaggedToken[],
  replace: (w: Word, to: string) => void,
): void {
  const inverted = tokens[k - 1];
  if (inverted && /^\s+$/.test(text.slice(inverted.end, tokens[k]!.start))) {
    const agreed = AGREEMENT[inverted.text.toLowerCase().replace(/’/g, "'")];
    if (agreed) {
      replace(inverted, matchCase(inverted.text, agreed));
      return;
    }
  }
  let j = k + 1;
  const tags = getTags();
  const tagOf = (w: Word) => tags[tagIndexAt(tags, w.start)];
  while (tokens[j] && tagOf(tokens[j]!)?.pos === 'ADV' && tokens[j]!.text.toLowerCase() !== "n't") j++;
  const next = tokens[j];
  if (!next || !/^[\s\p{L}'’]*$/u.test(text.slice(tokens[k]!.end, next.start))) return;
  const agreed = AGREEMENT[next.text.toLowerCase().replace(/’/g, "'")];
  if (agreed) {
    replace(next, matchCase(next.text, agreed));
    return;
  }
  const tag = tagOf(next);
  if (tag?.pos === 'VERB' && tag.start === next.start && /s$/i.test(next.text)) replace(next, pluralVerb(next.text));
}
