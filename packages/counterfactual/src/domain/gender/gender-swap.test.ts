import { describe, expect, it } from 'vitest';
import { createWinkPosTagger } from '../../adapters/wink.js';
import { defaultGenderLexicon, genderWordPairs } from './gender-lexicon.js';
import { swapGender } from './gender-swap.js';

const tagger = createWinkPosTagger();
const m2f = (s: string) => swapGender(s, 'm2f', { tagger }).counterfactual;
const f2m = (s: string) => swapGender(s, 'f2m', { tagger }).counterfactual;
const neutral = (s: string) => swapGender(s, 'neutral', { tagger }).counterfactual;

describe('swapGender', () => {
  // Hand-checked sentences: each expected output was written by hand before running the code.
  it.each([
    ['Her red car is fast.', 'His red car is fast.'],
    ['I gave her the book.', 'I gave him the book.'],
    ['I saw her yesterday.', 'I saw him yesterday.'],
    ['Give it to her!', 'Give it to him!'],
    ['She thanked her mother.', 'He thanked his father.'],
    ['She ordered her own meal.', 'He ordered his own meal.'],
    ['It was her.', 'It was him.'],
    ['The book is hers.', 'The book is his.'],
    ["She doesn't know her well.", "He doesn't know him well."],
  ])('disambiguates her -> his|him (f2m): %s', (input, expected) => {
    expect(f2m(input)).toBe(expected);
  });

  it.each([
    ['His car is red.', 'Her car is red.'],
    ['That car is his.', 'That car is hers.'],
    ['It was his, not mine.', 'It was hers, not mine.'],
    ['He lost his very old keys.', 'She lost her very old keys.'],
    ['He thanked him.', 'She thanked her.'],
    ['Each student signs his form.', 'Each student signs her form.'],
  ])('disambiguates his -> her|hers (m2f): %s', (input, expected) => {
    expect(m2f(input)).toBe(expected);
  });

  it.each([
    ['Mr. Smith met the king.', 'Ms. Smith met the queen.'],
    ['Ask Sir Paul, sir.', 'Ask Madam Paul, madam.'],
    ['I miss you.', 'I miss you.'],
    ['MR SMITH', 'MR SMITH'],
  ])('swaps titles only in title use (m2f): %s', (input, expected) => {
    expect(m2f(input)).toBe(expected);
  });

  it.each([
    ["He's here and he'll stay; he'd know.", "She's here and she'll stay; she'd know."],
    ["The king's crown", "The queen's crown"],
    ['My brother-in-law is a fireman.', 'My sister-in-law is a firewoman.'],
  ])('keeps contractions and possessive clitics (m2f): %s', (input, expected) => {
    expect(m2f(input)).toBe(expected);
  });

  it.each([
    'The human shepherd Hermann met a Manchester mentor.',
    'Heather ran the herbal shop on Hisham Street.',
    'Themes and theses: the hemisphere is manly? no, humane.',
  ])('leaves gendered substrings inside words alone: %s', (input) => {
    const result = swapGender(input, 'm2f', { tagger });
    expect(result.counterfactual).toBe(input);
    expect(result.changedTokens).toEqual([]);
    expect(swapGender(input, 'f2m', { tagger }).counterfactual).toBe(input);
  });

  it('treats "his/her X" and "his or her X" as determiners', () => {
    expect(neutral('Each student signs his/her form.')).toBe('Each student signs their/their form.');
    expect(f2m('She signs his or her form.')).toBe('He signs his or his form.');
  });

  it('keeps the curly apostrophe of a contraction', () => {
    expect(m2f('He’s here.')).toBe('She’s here.');
    expect(neutral('He’s here.')).toBe('They’re here.');
  });

  it('preserves case: lower, Title and UPPER', () => {
    expect(m2f('HE IS THE KING. He is a man.')).toBe('SHE IS THE QUEEN. She is a woman.');
  });

  it('records changed tokens with their spans', () => {
    const r = swapGender('He met the waiter.', 'm2f', { tagger });
    expect(r.changedTokens).toEqual([
      { start: 0, end: 2, from: 'He', to: 'She' },
      { start: 11, end: 17, from: 'waiter', to: 'waitress' },
    ]);
    expect(r.original).toBe('He met the waiter.');
  });

  it('returns the original unchanged when nothing applies', () => {
    const r = swapGender('The weather is nice.', 'neutral', { tagger });
    expect(r.counterfactual).toBe('The weather is nice.');
    expect(r.changedTokens).toHaveLength(0);
  });

  it.each([
    ['He is a good father.', 'They are a good parent.'],
    ['Is he coming? He always walks.', 'Are they coming? They always walk.'],
    ["He's been there; she's going home.", "They've been there; they're going home."],
    ['She thanked her mother and him.', 'They thanked their parent and them.'],
    ['The book is hers.', 'The book is theirs.'],
    ['She runs daily.', 'They run daily.'],
    ['Mrs. Jones, the chairwoman', 'Mx. Jones, the chairperson'],
  ])('rewrites to neutral forms with verb agreement: %s', (input, expected) => {
    expect(neutral(input)).toBe(expected);
  });

  it.each([
    'He told his brother that the king and the prince met him.',
    'The waiter and his nephew thanked the businessman.',
    "He's the man; his uncle's son is a monk.",
  ])('m2f then f2m returns the original where the mapping is one-to-one: %s', (input) => {
    expect(f2m(m2f(input))).toBe(input);
  });

  it('round-trips every one-to-one pair word by word', () => {
    const lex = defaultGenderLexicon();
    const oneToOne = genderWordPairs.filter((p) => p.oneToOne && !['him', 'his', 'mr'].includes(p.male));
    expect(oneToOne.length).toBeGreaterThan(100);
    for (const p of oneToOne) {
      const there = swapGender(`the ${p.male} spoke`, 'm2f', { lexicon: lex }).counterfactual;
      expect(there).toBe(`the ${p.female} spoke`);
      expect(swapGender(there, 'f2m', { lexicon: lex }).counterfactual).toBe(`the ${p.male} spoke`);
    }
  });

  it('works without a tagger through the closed-class heuristic', () => {
    expect(swapGender('Her book is on the table near her.', 'f2m').counterfactual).toBe(
      'His book is on the table near him.',
    );
  });
});
