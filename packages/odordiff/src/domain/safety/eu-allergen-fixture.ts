/**
 * EU 2023/1545 labelled allergens that the reference tables (IFRA 51 CAS -> SMILES, FDA GRAS) do not map to a
 * structure. Each entry of `miniPinscher_DB_EU_Allergens.csv` without a structure there is listed here, by its exact
 * `Name`, as either a single defined substance with a SMILES, or a natural complex substance (extract, essential
 * oil, resin) that has no single structure and is screened by name instead.
 *
 * Sources of the structures: the name and CAS of the EU entry, the systematic name in the IFRA 2019 fragrance
 * ingredient glossary (pyrfume `ifra_2019_*`, same CAS), drawn by this module's authors; where a pyrfume molecule
 * table holds the same substance (PubChem CID, `crossCheck`), the test `eu-allergen-fixture.test.ts` checks that
 * both give the same InChIKey (the stereo-free skeleton when the reference is one stereoisomer of an
 * isomer-unspecified entry).
 */

/** A single defined substance: one structure per CAS of the entry that names a distinct stereo form. */
export interface AllergenStructure {
  /** Exactly the `Name` of the EU allergen table. */
  readonly name: string;
  readonly structures: readonly { readonly cas: string; readonly smiles: string; readonly note: string }[];
  /** Pyrfume molecule table and PubChem CID of the same substance, when the reference data has it. */
  readonly crossCheck?: { readonly file: string; readonly cid: number; readonly match: 'exact' | 'skeleton' };
}

/** A natural complex substance: no single structure; recognised by name in briefs and ingredient lists. */
export interface NaturalAllergen {
  readonly name: string;
  readonly reason: string;
  /** Lower-case whole-word phrases that name the material in a brief or an ingredient list. */
  readonly aliases: readonly string[];
}

export const euAllergenStructures: readonly AllergenStructure[] = [
  {
    name: 'Acetyl Cedrene',
    structures: [
      {
        cas: '32388-55-9',
        smiles: 'CC1CCC2C13CC(C(C)=O)=C(C)C(C3)C2(C)C',
        note: '1-(2,3,4,7,8,8a-hexahydro-3,6,8,8-tetramethyl-1H-3a,7-methanoazulen-5-yl)ethanone (methyl cedryl ketone), stereo unspecified as in the commercial material',
      },
    ],
    crossCheck: { file: 'odor/pyrfume/ifra_2019_molecules.csv', cid: 16220111, match: 'skeleton' },
  },
  {
    name: 'Amyl Salicylate',
    structures: [{ cas: '2050-08-0', smiles: 'CCCCCOC(=O)c1ccccc1O', note: 'pentyl 2-hydroxybenzoate' }],
    crossCheck: { file: 'odor/pyrfume/ifra_2019_molecules.csv', cid: 16299, match: 'exact' },
  },
  {
    name: 'Hexadecanolactone',
    structures: [
      {
        cas: '109-29-5',
        smiles: 'O=C1CCCCCCCCCCCCCCCO1',
        note: 'oxacycloheptadecan-2-one (16-hexadecanolide, C16H30O2); no pyrfume structure to cross-check',
      },
    ],
  },
  {
    name: 'Hexamethylindanopyran',
    structures: [
      {
        cas: '1222-05-5',
        smiles: 'CC1COCC2=CC3=C(C=C12)C(C)(C)C(C)C3(C)C',
        note: '1,3,4,6,7,8-hexahydro-4,6,6,7,8,8-hexamethylcyclopenta[g]-2-benzopyran (galaxolide), stereo unspecified',
      },
    ],
    crossCheck: { file: 'odor/pyrfume/ifra_2019_molecules.csv', cid: 91497, match: 'exact' },
  },
  {
    name: 'Menthol',
    structures: [
      { cas: '89-78-1', smiles: 'CC(C)C1CCC(C)CC1O', note: 'menthol, stereo unspecified (also stands for DL-menthol)' },
      { cas: '1490-04-6', smiles: 'CC(C)C1CCC(C)CC1O', note: 'DL-menthol (racemate): no single stereo form' },
      {
        cas: '2216-51-5',
        smiles: 'C[C@@H]1CC[C@H]([C@@H](C1)O)C(C)C',
        note: 'L-menthol, (1R,2S,5R)-2-isopropyl-5-methylcyclohexan-1-ol',
      },
      {
        cas: '15356-60-2',
        smiles: 'C[C@H]1CC[C@@H]([C@H](C1)O)C(C)C',
        note: 'D-menthol, (1S,2R,5S)-2-isopropyl-5-methylcyclohexan-1-ol',
      },
    ],
    crossCheck: { file: 'odor/pyrfume/dravnieks_1985_molecules.csv', cid: 16666, match: 'skeleton' },
  },
  {
    name: 'Trimethylcyclopentenyl Methylisopentenol',
    structures: [
      {
        cas: '67801-20-1',
        smiles: 'CC(O)C(C)C=CC1CC=C(C)C1(C)C',
        note: '3-methyl-5-(2,2,3-trimethyl-3-cyclopenten-1-yl)pent-4-en-2-ol (name from the IFRA 2019 glossary, same CAS), stereo unspecified; no pyrfume structure to cross-check',
      },
    ],
  },
];

const essentialOil = 'essential oil: a natural complex substance (many constituents, composition varies by origin)';
const extract = 'plant extract: a natural complex substance without a single structure';

export const euNaturalAllergens: readonly NaturalAllergen[] = [
  {
    name: 'Pinus Mugo Leaf Oil; Pinus Mugo Twig Leaf Extract; Pinus Mugo Twig Oil',
    reason: essentialOil,
    aliases: ['pinus mugo', 'mugo pine', 'dwarf pine'],
  },
  {
    name: 'Pinus Pumila Needle Extract; Pinus Pumila Twig Leaf Extract; Pinus Pumila Twig Leaf Oil',
    reason: essentialOil,
    aliases: ['pinus pumila', 'dwarf siberian pine'],
  },
  {
    name: 'Cedrus Atlantica Bark Extract; Cedrus Atlantica Bark Oil; Cedrus Atlantica Bark Water; Cedrus Atlantica Leaf Extract; Cedrus Atlantica Wood Extract; Cedrus Atlantica Wood Oil',
    reason: essentialOil,
    aliases: ['cedrus atlantica', 'atlas cedar', 'atlas cedarwood'],
  },
  {
    name: 'Turpentine',
    reason: 'distilled pine oleoresin: a mixture of terpenes (mainly pinenes), no single structure',
    aliases: ['turpentine'],
  },
  {
    name: 'Myroxylon Balsamum Pereirae Balsam Extract; Myroxylon Balsamum Pereirae Balsam Oil; Myroxylon Pereirae Oil; Myroxylon Pereirae Resin Extract; Myroxylon Pereirae Resin',
    reason: 'balsam resin: a natural complex substance without a single structure',
    aliases: ['myroxylon pereirae', 'myroxylon balsamum', 'peru balsam', 'balsam of peru', 'balsam peru'],
  },
  {
    name: 'Lippia citriodora absolute',
    reason: 'absolute: a solvent extract, natural complex substance',
    aliases: ['lippia citriodora', 'lemon verbena', 'verbena absolute'],
  },
  {
    name: 'Cananga Odorata Flower Extract; Cananga Odorata Flower Oil',
    reason: essentialOil,
    aliases: ['cananga odorata', 'cananga oil', 'ylang ylang', 'ylang-ylang', 'ylang'],
  },
  {
    name: 'Cinnamomum Cassia Leaf Oil',
    reason: essentialOil,
    aliases: ['cinnamomum cassia', 'cassia oil', 'cassia leaf oil'],
  },
  {
    name: 'Cinnamomum Zeylanicum Bark Oil',
    reason: essentialOil,
    aliases: ['cinnamomum zeylanicum', 'cinnamon bark oil', 'cinnamon oil'],
  },
  {
    name: 'Citrus Aurantium Amara Flower Oil',
    reason: essentialOil,
    aliases: ['citrus aurantium amara flower', 'neroli', 'orange flower oil', 'orange blossom oil'],
  },
  {
    name: 'Citrus Aurantium Amara Peel Oil',
    reason: essentialOil,
    aliases: ['citrus aurantium amara peel', 'bitter orange oil', 'bitter orange peel oil'],
  },
  {
    name: 'Citrus Aurantium Bergamia Peel Oil',
    reason: essentialOil,
    aliases: ['citrus aurantium bergamia', 'bergamot oil', 'bergamot peel oil', 'bergamot essential oil'],
  },
  {
    name: 'Citrus Limon Peel Oil',
    reason: essentialOil,
    aliases: ['citrus limon', 'lemon oil', 'lemon peel oil', 'lemon essential oil'],
  },
  {
    name: 'Cymbopogon Schoenanthus Oil',
    reason: essentialOil,
    aliases: ['cymbopogon schoenanthus', 'camel grass oil'],
  },
  {
    name: 'Eucalyptus Globulus Leaf Oil;',
    reason: essentialOil,
    aliases: ['eucalyptus globulus', 'eucalyptus oil', 'eucalyptus leaf oil'],
  },
  {
    name: 'Eugenia Caryophyllus Leaf Oil',
    reason: essentialOil,
    aliases: ['eugenia caryophyllus', 'clove leaf oil', 'clove oil'],
  },
  {
    name: 'Jasminum Grandiflorum Flower Extract; Jasminum Officinale Oil; Jasminum Officinale Flower Extract',
    reason: 'absolute / extract: a natural complex substance',
    aliases: ['jasminum grandiflorum', 'jasminum officinale', 'jasmine absolute', 'jasmine oil', 'jasmine extract'],
  },
  {
    name: 'Juniperus Virginiana Oil; Juniperus Virginiana Wood Oil',
    reason: essentialOil,
    aliases: ['juniperus virginiana', 'virginia cedarwood', 'virginian cedarwood', 'red cedar oil'],
  },
  {
    name: 'Laurus Nobilis Leaf Oil',
    reason: essentialOil,
    aliases: ['laurus nobilis', 'laurel leaf oil', 'bay laurel oil', 'laurel oil'],
  },
  {
    name: 'Lavandula Hybrida Oil; Lavandula Hybrida Extract; Lavandula Hybrida Flower Extract;',
    reason: essentialOil,
    aliases: ['lavandula hybrida', 'lavandin'],
  },
  {
    name: 'Mentha Piperita Oil',
    reason: essentialOil,
    aliases: ['mentha piperita', 'peppermint oil', 'peppermint essential oil'],
  },
  {
    name: 'Mentha Viridis Leaf Oil',
    reason: essentialOil,
    aliases: ['mentha viridis', 'spearmint oil', 'spearmint essential oil'],
  },
  {
    name: 'Narcissus Poeticus Extract',
    reason: extract,
    aliases: ['narcissus poeticus', 'narcissus absolute', 'narcissus extract'],
  },
  {
    name: 'Pelargonium Graveolens Flower Oil',
    reason: essentialOil,
    aliases: ['pelargonium graveolens', 'geranium oil', 'geranium essential oil', 'rose geranium oil'],
  },
  {
    name: 'Pogostemon Cablin Oil',
    reason: essentialOil,
    aliases: ['pogostemon cablin', 'patchouli oil', 'patchouli essential oil', 'patchouli'],
  },
  {
    name: 'Rosa Damascena Flower Oil; Rosa Damascena Flower Extract',
    reason: essentialOil,
    aliases: ['rosa damascena', 'rose oil', 'rose otto', 'rose absolute', 'damask rose'],
  },
  {
    name: 'Santalum Album Oil',
    reason: essentialOil,
    aliases: ['santalum album', 'sandalwood oil', 'mysore sandalwood', 'sandalwood essential oil'],
  },
  {
    name: 'Evernia Prunastri Review',
    reason: 'oakmoss extract (lichen): a natural complex substance; its atranol/chloroatranol are IFRA-restricted',
    aliases: ['evernia prunastri', 'oakmoss', 'oak moss'],
  },
  {
    name: 'Evernia Furfuracea Extract (Tree Moss)',
    reason: 'treemoss extract (lichen): a natural complex substance; its atranol/chloroatranol are IFRA-restricted',
    aliases: ['evernia furfuracea', 'treemoss', 'tree moss'],
  },
];

/** A natural allergen named in a text, with the phrase that matched. */
export interface NaturalAllergenMention {
  readonly allergen: NaturalAllergen;
  readonly matched: string;
}

/**
 * Natural EU allergens named in a brief or an ingredient list (whole-word, case-insensitive; the longest alias per
 * allergen is reported).
 *
 * @example
 * naturalAllergensIn('chypre with oakmoss and bergamot oil').map((m) => m.matched); // ['bergamot oil', 'oakmoss']
 */
export function naturalAllergensIn(text: string): NaturalAllergenMention[] {
  const lower = ` ${text.toLowerCase().replace(/[^a-z0-9-]+/g, ' ')} `;
  const found: NaturalAllergenMention[] = [];
  for (const allergen of euNaturalAllergens) {
    const hits = allergen.aliases.filter((a) => lower.includes(` ${a} `)).sort((a, b) => b.length - a.length);
    if (hits.length) found.push({ allergen, matched: hits[0] });
  }
  return found;
}
