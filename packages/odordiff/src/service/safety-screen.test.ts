import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedData, sharedDataSkipMessage } from '../../../../test/support/shared-data.js';
import { ReferenceData } from '../adapters/data/reference-data.js';
import { RdkitToolkit } from '../adapters/rdkit/rdkit-toolkit.js';
import { parseCsvRecords } from '../domain/internal/csv.js';
import { SafetyScreen } from './safety-screen.js';

describe.skipIf(!hasSharedData)(`SafetyScreen (${hasSharedData ? 'reference data' : sharedDataSkipMessage})`, () => {
  let screen: SafetyScreen;
  let data: ReferenceData;
  beforeAll(async () => {
    data = new ReferenceData(sharedData());
    screen = SafetyScreen.load(data, await RdkitToolkit.load());
  });

  it('rejects every IFRA-prohibited structure that has a SMILES (recall 100%)', () => {
    const rows = parseCsvRecords(data.text('odor', 'ifra', 'ifra51_cas_smiles_derived.csv')).filter(
      (r) => r.smiles && r.type.includes('PROHIBITION'),
    );
    expect(rows.length).toBeGreaterThan(60);
    const missed = rows.filter((r) => {
      const a = screen.assess(r.smiles);
      return a?.recommendation !== 'reject' || a.ifra.status !== 'prohibited';
    });
    expect(missed.map((r) => `${r.ifra_key} ${r.cas}`)).toEqual([]);
  });

  it('shows category limits for a restricted material (methyl eugenol)', () => {
    const a = screen.assess('COc1ccc(CC=C)cc1OC')!;
    expect(a.recommendation).toBe('caution');
    expect(a.ifra.status).toBe('restricted');
    expect(a.ifra.standard?.name).toBe('Methyl eugenol');
    expect(a.ifra.limits?.['4']).toBeCloseTo(0.011, 6);
  });

  it('flags EU allergens and Michael-acceptor aldehydes with caution (citral)', () => {
    const a = screen.assess('CC(C)=CCCC(C)=CC=O')!;
    expect(a.recommendation).toBe('caution');
    expect(a.alerts.map((x) => x.id)).toContain('michael-acceptor-aldehyde');
  });

  it('recognises EU allergens that only the module fixture gives a structure (galaxolide, L-menthol)', () => {
    expect(screen.stats.allergens).toBe(80);
    expect(screen.stats.allergensFromFixture).toBe(6);
    expect(screen.stats.allergensWithStructure + screen.stats.allergensNatural).toBe(80);
    const galaxolide = screen.assess('CC1COCC2=CC3=C(C=C12)C(C)(C)C(C)C3(C)C')!;
    expect(galaxolide.euAllergen?.name).toBe('Hexamethylindanopyran');
    expect(galaxolide.recommendation).not.toBe('safe');
    expect(screen.assess('CC(C)[C@@H]1CC[C@@H](C)C[C@H]1O')!.euAllergen?.cas).toBe('2216-51-5');
  });

  it('notes natural allergens named in a brief without refusing it', () => {
    const s = screen.screenBrief('mossy chypre with oakmoss and patchouli oil');
    expect(s.refused).toBe(false);
    expect(s.naturalAllergens.map((a) => a.matched)).toEqual(['patchouli oil', 'oakmoss']);
  });

  it('rejects molecules with critical alerts even when IFRA does not list them', () => {
    const a = screen.assess('CCOP(=O)(F)C(C)C')!;
    expect(a.recommendation).toBe('reject');
    expect(a.alerts[0].severity).toBe('critical');
  });

  it('passes a plain fragrance ester as safe', () => {
    const a = screen.assess('CCCCOC(C)=O')!;
    expect(a.recommendation).toBe('safe');
    expect(a.ifra.status).toBe('not-listed');
  });

  it('flags a close analogue of a prohibited material', () => {
    // amylcyclopentenone (prohibited) -> its hexyl homologue
    const a = screen.assess('CCCCCCC1=CCCC1=O')!;
    expect(a.recommendation).toBe('caution');
    expect(a.ifra.status).toBe('analogue-of-prohibited');
    expect(a.ifra.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it('returns null for an invalid SMILES', () => {
    expect(screen.assess('not a molecule')).toBeNull();
  });
});
