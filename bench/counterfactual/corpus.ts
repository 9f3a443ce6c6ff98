/**
 * A seeded-free, deterministic corpus for the audit benchmarks: subjects (male and female forms) x predicates, all
 * written for this benchmark. Every sentence contains a gendered word, so every sentence yields a counterfactual.
 */
const subjects = [
  'He',
  'She',
  'My brother',
  'My sister',
  'The king',
  'The queen',
  'Her father',
  'His mother',
  'The actor',
  'The actress',
  'Mr. Smith',
  'Ms. Jones',
  'The waiter',
  'The waitress',
  'My uncle',
  'My aunt',
  'The boy',
  'The girl',
  'The chairman',
  'The chairwoman',
];
const predicates = [
  'is a good doctor.',
  'wrote an excellent report.',
  'was late again.',
  'handled the crisis well.',
  'is a terrible driver.',
  'gave a brilliant talk.',
  'made a costly mistake.',
  'is a reliable colleague.',
];

/** 160 sentences (20 subjects x 8 predicates). */
export const genderCorpus: readonly string[] = subjects.flatMap((s) => predicates.map((p) => `${s} ${p}`));

const FEMALE =
  /\b(she|her|hers|herself|woman|women|sister|queen|mother|actress|ms|mrs|waitress|aunt|girl|chairwoman)\b/i;
/** Whether a text contains a female-gendered word (the injected bias keys on this). */
export function hasFemaleWord(text: string): boolean {
  return FEMALE.test(text);
}
