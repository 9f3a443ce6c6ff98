/**
 * Builds `gender-lexicon.json`, the committed male<->female word table used by the gender swap, from the word lists
 * in ../shared/data/fairness/wordlists plus hand-written pronouns, titles and neutral forms.
 *
 * Sources and licences (both allow redistribution of a derived table with attribution):
 * - gn_glove `male_word_file.txt` / `female_word_file.txt` (222 aligned pairs; Zhao et al. 2018, "Learning
 *   Gender-Neutral Word Embeddings"; Apache-2.0).
 * - debiaswe `definitional_pairs.json` and `equalize_pairs.json` (Bolukbasi et al. 2016, "Man is to Computer
 *   Programmer as Woman is to Homemaker?"; MIT).
 *
 * Curation (every dropped pair is written to the table's `excluded` list with its reason):
 * multi-word entries (underscores), misspellings in the source lists, anatomy and medicine (not a counterfactual of a
 * person), animals (bull/bear markets, "colt" the firearm), names, and pairs that are not gender counterparts.
 * When a word has several counterparts the first listed wins and the pair is marked `oneToOne: false`.
 *
 * Run: `npx tsx packages/counterfactual/src/data/build-gender-lexicon.ts [sharedDataDir]`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sharedDir = resolve(process.argv[2] ?? resolve(here, '../../../../../shared/data'), 'fairness/wordlists');

const excludedReasons: Record<string, string> = {
  // misspellings or non-words in gn_glove
  'gods|godesses': 'misspelt source entry',
  'god|godess': 'misspelt source entry',
  'adultors|adultresses': 'misspelt source entry',
  'adultor|adultress': 'misspelt source entry',
  'mentleman|lady': 'misspelt source entry',
  'barons|barnoesses': 'misspelt source entry',
  "stailor|seamstress'": 'misspelt source entry',
  'heros|heroines': 'misspelt source entry',
  // anatomy, physiology, medicine, products
  'penis|clitoris': 'anatomy, not a person counterfactual',
  'penis|vagina': 'anatomy, not a person counterfactual',
  'semen|female_ejaculation': 'anatomy, not a person counterfactual',
  'sperm|ovum': 'anatomy, not a person counterfactual',
  'prostate|skene_gland': 'anatomy, not a person counterfactual',
  'prostatic_utricle|womb': 'anatomy, not a person counterfactual',
  'prostatic_utricle|uterus': 'anatomy, not a person counterfactual',
  'andropause|menopause': 'physiology, not a person counterfactual',
  'andrology|obstetrics': 'medical field, not a counterpart',
  'androgen|estrogen': 'hormone, not a person counterfactual',
  'testosterone|estradiol': 'hormone, not a person counterfactual',
  'testosterone|estrogen': 'hormone, not a person counterfactual',
  'cialis|viagra': 'product names, not counterparts',
  'prostate_cancer|ovarian_cancer': 'disease, not a person counterfactual',
  'beard|toque': 'not a counterpart',
  'beards|toques': 'not a counterpart',
  'brideprice|dowry': 'not a counterpart',
  'barbershop|hair_salon': 'multi-word, not a counterpart',
  'masculism|feminism': 'ideologies, not counterparts',
  'macho|effeminate': 'stereotype descriptors, not counterparts',
  'stud|minx': 'pejorative slang, not counterparts',
  'studs|minxes': 'pejorative slang, not counterparts',
  'gay|lesbian': 'sexual orientation, a different attribute',
  'gays|lesbians': 'sexual orientation, a different attribute',
  'monastery|convent': 'institutions, not persons',
  'dude|chick': 'slang with a second meaning (chick = young bird)',
  'dudes|chicks': 'slang with a second meaning',
  'fella|granny': 'not a counterpart (age differs)',
  'baritone|mezzo': 'voice types, not persons',
  'hubby|wife': 'register differs; husband|wife is kept',
  'john|mary': 'names are a separate attribute',
  'pa|ma': 'abbreviations with other senses (PA, MA degree)',
  // words with frequent non-gender senses
  'master|mistress': "second senses (master copy, master's degree)",
  'masters|mistresses': "second senses (master's degree)",
  'bachelor|spinster': "second sense (bachelor's degree)",
  'bachelor|maiden': "second sense (bachelor's degree)",
  'bachelor|bachelorette': "second sense (bachelor's degree)",
  'bachelors|spinsters': "second sense (bachelor's degrees)",
  'host|hostess': 'second sense (computer host)',
  'hosts|hostesses': 'second sense (computer hosts)',
  'male_host|hostess': 'multi-word entry',
  'governor|governess': 'not a counterpart (governess is a private teacher)',
  'governors|governesses': 'not a counterpart',
  'tailor|seamstress': 'occupational stereotype rather than a counterpart',
  'paramour|mistress': 'not a counterpart',
  // animals: frequent non-person senses (bull market, colt revolver, lion as metaphor)
  'stallion|mare': 'animal',
  'bull|cow': 'animal',
  'bulls|cows': 'animal',
  'colt|filly': 'animal',
  'colts|fillies': 'animal',
  'rooster|hen': 'animal',
  'roosters|hens': 'animal',
  'lion|lioness': 'animal',
  'lions|lionesses': 'animal',
  'gelding|mare': 'animal',
  'deer|doe': 'animal',
};

/** Pairs from debiaswe equalize_pairs whose order is female, male in the source. */
const femaleFirstInSource = new Set(['wives|husbands', 'ex_girlfriend|ex_boyfriend']);

/** Hand-written pairs: pronouns, titles and person words missing from the lists (male, female). */
const handPairs: [string, string, string][] = [
  ['he', 'she', 'pronoun'],
  ['him', 'her', 'pronoun'],
  ['his', 'her', 'pronoun (determiner); disambiguated by part of speech'],
  ['his', 'hers', 'pronoun (independent); disambiguated by part of speech'],
  ['himself', 'herself', 'pronoun'],
  ['mr', 'ms', 'title'],
  ['mr', 'mrs', 'title'],
  ['mr', 'miss', 'title (capitalised use only)'],
  ['sir', 'madam', 'title'],
  ['sir', "ma'am", 'title'],
  ['sir', 'dame', 'title'],
  ['lord', 'lady', 'title'],
  ['boyfriend', 'girlfriend', 'person'],
  ['grandson', 'granddaughter', 'person'],
  ['stepbrother', 'stepsister', 'person'],
  ['stepbrothers', 'stepsisters', 'person'],
  ['brother-in-law', 'sister-in-law', 'person'],
  ['son-in-law', 'daughter-in-law', 'person'],
  ['father-in-law', 'mother-in-law', 'person'],
  ['godson', 'goddaughter', 'person'],
  ['boyhood', 'girlhood', 'noun'],
  ['manhood', 'womanhood', 'noun'],
  ['menswear', 'womenswear', 'noun'],
  ['fireman', 'firewoman', 'person'],
  ['firemen', 'firewomen', 'person'],
  ['sportsman', 'sportswoman', 'person'],
  ['sportsmen', 'sportswomen', 'person'],
  ['chairmen', 'chairwomen', 'person'],
  ['policemen', 'policewomen', 'person'],
  ['congressmen', 'congresswomen', 'person'],
  ['grandpas', 'grandmas', 'person'],
  ['grandfathers', 'grandmothers', 'person'],
  ['uncles', 'aunts', 'person'],
  ['nephews', 'nieces', 'person'],
  ['husbands', 'wives', 'person'],
  ['kings', 'queens', 'person'],
  ['princes', 'princesses', 'person'],
  ['boy', 'girl', 'person'],
  ['gentleman', 'lady', 'person'],
  ['gentlemen', 'ladies', 'person'],
  ['man', 'woman', 'person'],
  ['men', 'women', 'person'],
  ['guy', 'gal', 'person'],
  ['dad', 'mom', 'person'],
  ['dads', 'moms', 'person'],
  ['daddy', 'mummy', 'person'],
  ['papa', 'mama', 'person'],
  ['mister', 'missus', 'title'],
  ['male', 'female', 'adjective'],
  ['males', 'females', 'noun'],
  ['masculine', 'feminine', 'adjective'],
  ['paternal', 'maternal', 'adjective'],
  ['fraternal', 'sororal', 'adjective'],
];

/** Neutral forms (gendered word -> neutral word). Both male and female words map to the same neutral form. */
const neutralPairs: [string, string][] = [
  ['he', 'they'],
  ['she', 'they'],
  ['him', 'them'],
  ['his', 'their'],
  ['hers', 'theirs'],
  ['her', 'their'],
  ['himself', 'themselves'],
  ['herself', 'themselves'],
  ['man', 'person'],
  ['woman', 'person'],
  ['men', 'people'],
  ['women', 'people'],
  ['boy', 'child'],
  ['girl', 'child'],
  ['boys', 'children'],
  ['girls', 'children'],
  ['guy', 'person'],
  ['gal', 'person'],
  ['guys', 'folks'],
  ['gals', 'folks'],
  ['gentleman', 'person'],
  ['lady', 'person'],
  ['gentlemen', 'people'],
  ['ladies', 'people'],
  ['father', 'parent'],
  ['mother', 'parent'],
  ['fathers', 'parents'],
  ['mothers', 'parents'],
  ['dad', 'parent'],
  ['mom', 'parent'],
  ['dads', 'parents'],
  ['moms', 'parents'],
  ['daddy', 'parent'],
  ['mommy', 'parent'],
  ['son', 'child'],
  ['daughter', 'child'],
  ['sons', 'children'],
  ['daughters', 'children'],
  ['brother', 'sibling'],
  ['sister', 'sibling'],
  ['brothers', 'siblings'],
  ['sisters', 'siblings'],
  ['husband', 'spouse'],
  ['wife', 'spouse'],
  ['husbands', 'spouses'],
  ['wives', 'spouses'],
  ['boyfriend', 'partner'],
  ['girlfriend', 'partner'],
  ['boyfriends', 'partners'],
  ['girlfriends', 'partners'],
  ['fiance', 'fiancé'],
  ['fiancee', 'fiancé'],
  ['uncle', 'relative'],
  ['aunt', 'relative'],
  ['nephew', 'nibling'],
  ['niece', 'nibling'],
  ['grandfather', 'grandparent'],
  ['grandmother', 'grandparent'],
  ['grandfathers', 'grandparents'],
  ['grandmothers', 'grandparents'],
  ['grandpa', 'grandparent'],
  ['grandma', 'grandparent'],
  ['grandson', 'grandchild'],
  ['granddaughter', 'grandchild'],
  ['grandsons', 'grandchildren'],
  ['granddaughters', 'grandchildren'],
  ['king', 'monarch'],
  ['queen', 'monarch'],
  ['prince', 'royal'],
  ['princess', 'royal'],
  ['mr', 'mx'],
  ['mrs', 'mx'],
  ['ms', 'mx'],
  ['sir', 'friend'],
  ['madam', 'friend'],
  ["ma'am", 'friend'],
  ['actor', 'actor'],
  ['actress', 'actor'],
  ['actresses', 'actors'],
  ['waiter', 'server'],
  ['waitress', 'server'],
  ['waiters', 'servers'],
  ['waitresses', 'servers'],
  ['steward', 'flight attendant'],
  ['stewardess', 'flight attendant'],
  ['chairman', 'chairperson'],
  ['chairwoman', 'chairperson'],
  ['chairmen', 'chairpersons'],
  ['chairwomen', 'chairpersons'],
  ['spokesman', 'spokesperson'],
  ['spokeswoman', 'spokesperson'],
  ['spokesmen', 'spokespersons'],
  ['spokeswomen', 'spokespersons'],
  ['businessman', 'businessperson'],
  ['businesswoman', 'businessperson'],
  ['businessmen', 'businesspeople'],
  ['businesswomen', 'businesspeople'],
  ['salesman', 'salesperson'],
  ['saleswoman', 'salesperson'],
  ['salesmen', 'salespeople'],
  ['saleswomen', 'salespeople'],
  ['policeman', 'police officer'],
  ['policewoman', 'police officer'],
  ['fireman', 'firefighter'],
  ['firewoman', 'firefighter'],
  ['firemen', 'firefighters'],
  ['congressman', 'representative'],
  ['congresswoman', 'representative'],
  ['councilman', 'councillor'],
  ['councilwoman', 'councillor'],
  ['cameraman', 'camera operator'],
  ['camerawoman', 'camera operator'],
  ['headmaster', 'head teacher'],
  ['headmistress', 'head teacher'],
  ['host', 'host'],
  ['hostess', 'host'],
  ['hero', 'hero'],
  ['heroine', 'hero'],
  ['male', 'person'],
  ['female', 'person'],
  ['males', 'people'],
  ['females', 'people'],
  ['boyhood', 'childhood'],
  ['girlhood', 'childhood'],
  ['fatherhood', 'parenthood'],
  ['motherhood', 'parenthood'],
  ['paternal', 'parental'],
  ['maternal', 'parental'],
  ['paternity', 'parentage'],
  ['maternity', 'parentage'],
  ['brotherhood', 'kinship'],
  ['sisterhood', 'kinship'],
  ['schoolboy', 'schoolchild'],
  ['schoolgirl', 'schoolchild'],
  ['stepfather', 'step-parent'],
  ['stepmother', 'step-parent'],
  ['stepson', 'stepchild'],
  ['stepdaughter', 'stepchild'],
  ['widower', 'widowed person'],
  ['widow', 'widowed person'],
  ['landlord', 'landlord'],
  ['landlady', 'landlord'],
];

interface Pair {
  male: string;
  female: string;
  source: string;
}

function readLines(file: string): string[] {
  return readFileSync(resolve(sharedDir, file), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

const candidates: Pair[] = [];
const maleWords = readLines('gn_glove_male_word_file.txt');
const femaleWords = readLines('gn_glove_female_word_file.txt');
if (maleWords.length !== femaleWords.length) throw new Error('gn_glove word files are not aligned');
maleWords.forEach((m, i) => {
  candidates.push({ male: m, female: femaleWords[i]!, source: 'gn_glove' });
});
for (const [a, b] of JSON.parse(readFileSync(resolve(sharedDir, 'debiaswe_definitional_pairs.json'), 'utf8')) as [
  string,
  string,
][]) {
  candidates.push({ male: b, female: a, source: 'debiaswe/definitional' });
}
for (const [a, b] of JSON.parse(readFileSync(resolve(sharedDir, 'debiaswe_equalize_pairs.json'), 'utf8')) as [
  string,
  string,
][]) {
  const key = `${a.toLowerCase()}|${b.toLowerCase()}`;
  if (femaleFirstInSource.has(key)) candidates.push({ male: b, female: a, source: 'debiaswe/equalize' });
  else candidates.push({ male: a, female: b, source: 'debiaswe/equalize' });
}
for (const [m, f, note] of handPairs) candidates.push({ male: m, female: f, source: `hand (${note})` });

const pairs: (Pair & { oneToOne: boolean })[] = [];
const excluded: { male: string; female: string; source: string; reason: string }[] = [];
const seen = new Set<string>();
for (const c of candidates) {
  const male = c.male.toLowerCase().replace(/\.$/, '').replace(/_/g, '-');
  const female = c.female.toLowerCase().replace(/\.$/, '').replace(/_/g, '-');
  const rawKey = `${c.male.toLowerCase()}|${c.female.toLowerCase()}`;
  const reason = excludedReasons[rawKey];
  if (reason) {
    excluded.push({ male: c.male, female: c.female, source: c.source, reason });
    continue;
  }
  if (c.male.includes('_') || c.female.includes('_')) {
    if (male === 'ex-boyfriend' || male === 'twin-brother') {
      // kept: hyphenated forms are swapped part by part ("ex-" + boyfriend), so the whole entry is redundant
    }
    excluded.push({ male: c.male, female: c.female, source: c.source, reason: 'multi-word entry' });
    continue;
  }
  const key = `${male}|${female}`;
  if (seen.has(key)) continue;
  seen.add(key);
  pairs.push({ male, female, source: c.source, oneToOne: true });
}
const maleCount = new Map<string, number>();
const femaleCount = new Map<string, number>();
for (const p of pairs) {
  maleCount.set(p.male, (maleCount.get(p.male) ?? 0) + 1);
  femaleCount.set(p.female, (femaleCount.get(p.female) ?? 0) + 1);
}
for (const p of pairs) p.oneToOne = maleCount.get(p.male) === 1 && femaleCount.get(p.female) === 1;

/** Preferred counterpart where a word has several (the rest stay in `pairs` for provenance). */
const preferredFemale: Record<string, string> = {
  mr: 'ms',
  sir: 'madam',
  priest: 'priestess',
  priests: 'priestesses',
  lord: 'lady',
  lords: 'ladies',
  manservant: 'maidservant',
  daddy: 'mommy',
  dude: 'gal',
  dudes: 'gals',
  guy: 'gal',
  guys: 'gals',
  chap: 'lass',
  lad: 'lass',
  gentleman: 'lady',
  gentlemen: 'ladies',
  fella: 'lady',
  fellas: 'ladies',
  gents: 'ladies',
  monk: 'nun',
  monks: 'nuns',
  him: 'her',
  his: 'her',
};
const preferredMale: Record<string, string> = {
  lady: 'gentleman',
  ladies: 'gentlemen',
  bride: 'groom',
  brides: 'grooms',
  gal: 'guy',
  gals: 'guys',
  lass: 'lad',
  nun: 'monk',
  nuns: 'monks',
  maid: 'manservant',
  madam: 'sir',
  dame: 'sir',
  miss: 'mr',
  mrs: 'mr',
  ms: 'mr',
  mommy: 'daddy',
  mummy: 'daddy',
  her: 'his',
  hers: 'his',
};
const m2f: Record<string, string> = {};
const f2m: Record<string, string> = {};
for (const p of pairs) {
  if (!(p.male in m2f)) m2f[p.male] = preferredFemale[p.male] ?? p.female;
  if (!(p.female in f2m)) f2m[p.female] = preferredMale[p.female] ?? p.male;
}
const sortKeys = (o: Record<string, string>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

const table = {
  description:
    'Male/female word pairs and neutral forms for counterfactual gender swaps. Derived by build-gender-lexicon.ts.',
  sources: [
    {
      name: 'gn_glove male_word_file.txt / female_word_file.txt',
      citation: 'Zhao et al. 2018, Learning Gender-Neutral Word Embeddings (EMNLP)',
      licence: 'Apache-2.0',
    },
    {
      name: 'debiaswe definitional_pairs.json, equalize_pairs.json',
      citation: 'Bolukbasi et al. 2016, Man is to Computer Programmer as Woman is to Homemaker? (NeurIPS)',
      licence: 'MIT',
    },
    { name: 'hand-written pronouns, titles, neutral forms', citation: 'Quintessence', licence: 'Apache-2.0' },
  ],
  pairs: pairs.sort((a, b) => a.male.localeCompare(b.male) || a.female.localeCompare(b.female)),
  m2f: sortKeys(m2f),
  f2m: sortKeys(f2m),
  neutral: neutralPairs.map(([word, neutral]) => ({ word, neutral })),
  excluded,
};
writeFileSync(resolve(here, 'gender-lexicon.json'), `${JSON.stringify(table, null, 1)}\n`);
process.stdout.write(
  `wrote ${pairs.length} pairs, ${neutralPairs.length} neutral forms, ${excluded.length} excluded\n`,
);
