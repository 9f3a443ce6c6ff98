import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedData, sharedDataSkipMessage } from '../../../../../test/support/shared-data.js';
import { ReferenceData } from '../../adapters/data/reference-data.js';
import { RdkitToolkit } from '../../adapters/rdkit/rdkit-toolkit.js';
import { parseCsvRecords } from '../internal/csv.js';
import { euAllergenStructures, euNaturalAllergens, naturalAllergensIn } from './eu-allergen-fixture.js';

describe('EU allergen fixture', () => {
  it('finds natural allergens by name in a brief, and not bare odor words', () => {
    expect(naturalAllergensIn('a chypre with Oakmoss, bergamot oil and ylang-ylang').map((m) => m.matched)).toEqual([
      'ylang-ylang',
      'bergamot oil',
      'oakmoss',
    ]);
    expect(naturalAllergensIn('fresh citrus with bergamot and lemon, woody base')).toEqual([]);
  });

  it('gives every natural entry a reason and at least one alias', () => {
    for (const n of euNaturalAllergens) {
      expect(n.reason.length, n.name).toBeGreaterThan(10);
      expect(n.aliases.length, n.name).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!hasSharedData)(
  `EU allergen fixture vs reference data (${hasSharedData ? 'reference data' : sharedDataSkipMessage})`,
  () => {
    let rdkit: RdkitToolkit;
    let data: ReferenceData;
    beforeAll(async () => {
      rdkit = await RdkitToolkit.load();
      data = new ReferenceData(sharedData());
    });

    it('names only entries of the EU table, with CAS numbers that entry lists, and SMILES that parse', () => {
      const table = new Map(
        parseCsvRecords(data.text('odor', 'ifra', 'miniPinscher_DB_EU_Allergens.csv')).map((r) => [
          r.Name,
          r.CAS.split('|').map((c) => c.trim()),
        ]),
      );
      for (const f of euAllergenStructures) {
        expect(table.has(f.name), f.name).toBe(true);
        for (const s of f.structures) {
          expect(table.get(f.name), `${f.name} ${s.cas}`).toContain(s.cas);
          expect(rdkit.inchiKey(s.smiles), s.smiles).toMatch(/^[A-Z]{14}-[A-Z]{10}-[A-Z]$/);
        }
      }
      for (const n of euNaturalAllergens) expect(table.has(n.name), n.name).toBe(true);
    });

    it('agrees with the pyrfume structure of the same substance (InChIKey, or its skeleton for stereo forms)', () => {
      const checked = euAllergenStructures.filter((f) => f.crossCheck);
      expect(checked.length).toBe(4);
      for (const f of checked) {
        const { file, cid, match } = f.crossCheck!;
        const row = parseCsvRecords(data.text(...file.split('/'))).find((r) => Number(r.CID) === cid);
        expect(row, `${file} CID ${cid}`).toBeDefined();
        const reference = rdkit.inchiKey(row!.IsomericSMILES)!;
        const ours = f.structures.map((s) => rdkit.inchiKey(s.smiles)!);
        if (match === 'exact') expect(ours, f.name).toContain(reference);
        else
          expect(
            ours.map((k) => k.slice(0, 14)),
            f.name,
          ).toContain(reference.slice(0, 14));
      }
    });

    it('gives L-menthol exactly the stereo form of the Dravnieks reference (PubChem CID 16666, CAS 2216-51-5)', () => {
      const row = parseCsvRecords(data.text('odor', 'pyrfume', 'dravnieks_1985_molecules.csv')).find(
        (r) => r.CID === '16666',
      )!;
      const l = euAllergenStructures.find((f) => f.name === 'Menthol')!.structures.find((s) => s.cas === '2216-51-5')!;
      expect(rdkit.inchiKey(l.smiles)).toBe(rdkit.inchiKey(row.IsomericSMILES));
    });
  },
);
