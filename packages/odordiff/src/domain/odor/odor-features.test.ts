import { beforeAll, describe, expect, it } from 'vitest';
import { loadOdorModel } from '../../adapters/data/odor-model-store.js';
import { RdkitToolkit } from '../../adapters/rdkit/rdkit-toolkit.js';
import { odorInputs } from '../../service/odor-predictor.js';
import { maccsSize, odorFeatures, sparseWidth } from './odor-features.js';
import { OdorModel } from './odor-model.js';

describe('odor features', () => {
  let rdkit: RdkitToolkit;
  beforeAll(async () => {
    rdkit = await RdkitToolkit.load();
  });

  it('lays out Morgan counts, then atom-pair bits, then MACCS bits in one sparse block', () => {
    const smiles = 'CC(C)=CCCC(C)(O)C=C'; // linalool
    const set = { nBits: 4096, radius: 3, atomPairBits: 2048, maccs: true };
    const [morganOnly, full] = odorInputs(rdkit, smiles, [{ nBits: 4096, radius: 3 }, set])!;
    const ap = rdkit.atomPairBits(smiles, 2048)!;
    const maccs = rdkit.maccsBits(smiles)!;
    expect(sparseWidth(set)).toBe(4096 + 2048 + maccsSize);
    expect(full.sparseIdx.length).toBe(morganOnly.sparseIdx.length + ap.length + maccs.length);
    expect([...full.sparseIdx.slice(0, morganOnly.sparseIdx.length)]).toEqual([...morganOnly.sparseIdx]);
    const tail = [...full.sparseIdx.slice(morganOnly.sparseIdx.length)];
    expect(tail).toEqual([...[...ap].map((b) => 4096 + b), ...[...maccs].map((b) => 6144 + b)]);
    expect([...full.sparseVal.slice(morganOnly.sparseIdx.length)].every((v) => v === 1)).toBe(true);
    expect(Math.max(...full.sparseIdx)).toBeLessThan(sparseWidth(set));
    expect(ap.length).toBeGreaterThan(10);
    expect(maccs.length).toBeGreaterThan(5);
  });

  it('refuses to build a feature set whose fingerprints were not supplied', () => {
    const graph = rdkit.graph('CCO')!;
    const d = rdkit.descriptors('CCO')!;
    expect(() => odorFeatures(graph, d, { atomPairBits: 2048 })).toThrow(/atom-pair/);
    expect(() => odorFeatures(graph, d, { maccs: true })).toThrow(/MACCS/);
  });

  it('returns null for a SMILES that does not parse', () => {
    expect(odorInputs(rdkit, 'C1CC', [{}])).toBeNull();
  });

  it('the committed model takes one input per feature set and rejects a wrong count', () => {
    const model = new OdorModel(loadOdorModel().artifact);
    const inputs = odorInputs(rdkit, 'O=Cc1ccc(O)c(OC)c1', model.featureSets)!; // vanillin
    expect(inputs).toHaveLength(model.featureSets.length);
    const p = model.predict(inputs);
    expect(p.probabilities[model.descriptors.indexOf('vanilla')]).toBeGreaterThan(0.5);
    expect(() => model.predict(inputs.slice(0, 1))).toThrow(/feature inputs/);
  });
});
