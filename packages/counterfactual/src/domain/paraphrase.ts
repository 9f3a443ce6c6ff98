/** Rule-based paraphrase strategies used to check that a counterfactual effect survives rewording. */
export type ParaphraseStrategy = 'hedge' | 'neutral' | 'active-passive';
export const paraphraseStrategies: readonly ParaphraseStrategy[] = ['hedge', 'neutral', 'active-passive'];

const LOWERCASE_SAFE = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'they',
  'it',
  'this',
  'that',
  'these',
  'those',
  'we',
  'you',
  'his',
  'her',
  'their',
  'my',
  'our',
  'your',
  'there',
  'some',
  'many',
  'most',
  'every',
  'each',
]);
const INTENSIFIERS = /\b(very|really|extremely|incredibly|so|totally|absolutely|truly|highly|super)\s+/gi;
const OBJECT_PRONOUN: Record<string, string> = {
  i: 'me',
  he: 'him',
  she: 'her',
  we: 'us',
  they: 'them',
  you: 'you',
  it: 'it',
};

function lowerFirst(s: string): string {
  const first = s.split(/\s/, 1)[0]!;
  return LOWERCASE_SAFE.has(first.toLowerCase()) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** Hedge: "It seems that <sentence>" (first word lower-cased when it is a function word). */
export function hedge(text: string): string {
  return `It seems that ${lowerFirst(text.trim())}`;
}

/** Neutral: drops intensifiers ("very", "really", ...) and turns "!" into ".". */
export function neutralise(text: string): string {
  return text
    .replace(INTENSIFIERS, '')
    .replace(/!+/g, '.')
    .replace(/\s{2,}/g, ' ');
}

const ACTIVE =
  /^(The|A|An|His|Her|Their|My|Our|Your|This|That)?\s?([A-Z]?[a-z]+)\s+([a-z]+ed)\s+(the|a|an|his|her|their|my|our|your|this|that)\s+([a-z]+)([.!?]?)$/;
const PRONOUN_SUBJECT =
  /^(I|He|She|We|They|You|It)\s+([a-z]+ed)\s+(the|a|an|his|her|their|my|our|your|this|that)\s+([a-z]+)([.!?]?)$/;

/**
 * Active to passive for simple clauses with a regular past-tense verb: "The manager praised the nurse." ->
 * "The nurse was praised by the manager."; "She hired the engineer." -> "The engineer was hired by her."
 * Returns null when the sentence is not of that form.
 */
export function activeToPassive(text: string): string | null {
  const t = text.trim();
  const p = PRONOUN_SUBJECT.exec(t);
  if (p) {
    const [, subj, verb, det, obj, punct] = p;
    const agent = OBJECT_PRONOUN[subj!.toLowerCase()] ?? subj!.toLowerCase();
    return `${det!.charAt(0).toUpperCase()}${det!.slice(1)} ${obj} was ${verb} by ${agent}${punct || '.'}`;
  }
  const m = ACTIVE.exec(t);
  if (!m) return null;
  const [, sdet, subj, verb, odet, obj, punct] = m;
  const subject = sdet ? `${sdet.toLowerCase()} ${subj}` : subj!;
  return `${odet!.charAt(0).toUpperCase()}${odet!.slice(1)} ${obj} was ${verb} by ${subject}${punct || '.'}`;
}

/** Applies a strategy; null when it does not apply to the sentence. */
export function paraphrase(text: string, strategy: ParaphraseStrategy): string | null {
  if (strategy === 'hedge') return hedge(text);
  if (strategy === 'neutral') return neutralise(text);
  return activeToPassive(text);
}
