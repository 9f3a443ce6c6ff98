#!/usr/bin/env python3
"""Per-molecule scoring with RDKit Python, the reference side of bench/odordiff/throughput.bench.ts.

Same work as the TypeScript side, molecule by molecule: parse the SMILES, the nine screening descriptors (MW, cLogP,
TPSA, HBD, HBA, rotatable bonds, aromatic rings, heavy atoms, Fsp3), the SA score (Ertl & Schuffenhauer 2009, from
the unhashed Morgan radius-2 environments and the published fragment contributions) and a Morgan radius-2
fingerprint folded to 2048 bits.

    python3 rdkit_scoring.py SMILES_FILE FPSCORES_JSON_GZ REPEATS

Writes one JSON object to stdout: RDKit version, seconds per timed pass, and per molecule the computed values
(descriptors, SA, sorted set bits) so the caller can check both sides did the same work.
"""

import gzip
import json
import math
import sys
import time

from rdkit import Chem, RDLogger, rdBase
from rdkit.Chem import Crippen, Descriptors, rdMolDescriptors

RDLogger.DisableLog("rdApp.*")


def load_fragment_scores(path):
    table = {}
    with gzip.open(path, "rt") as handle:
        for row in json.load(handle):
            for fragment_id in row[1:]:
                table[fragment_id] = row[0]
    return table


def sa_score(mol, fragments):
    """SA score written from the formula of the paper (fragment term, complexity penalties, density term)."""
    environments = rdMolDescriptors.GetMorganFingerprint(mol, 2).GetNonzeroElements()
    total = 0.0
    count = 0
    for fragment_id, n in environments.items():
        count += n
        total += fragments.get(fragment_id, -4.0) * n
    fragment_term = total / count

    n_atoms = mol.GetNumAtoms()
    stereo = len(Chem.FindMolChiralCenters(mol, includeUnassigned=True))
    spiro = rdMolDescriptors.CalcNumSpiroAtoms(mol)
    bridgehead = rdMolDescriptors.CalcNumBridgeheadAtoms(mol)
    has_macrocycle = any(len(ring) > 8 for ring in mol.GetRingInfo().AtomRings())
    complexity = -(
        (n_atoms**1.005 - n_atoms)
        + math.log10(stereo + 1)
        + math.log10(spiro + 1)
        + math.log10(bridgehead + 1)
        + (math.log10(2) if has_macrocycle else 0.0)
    )
    density = math.log(n_atoms / len(environments)) * 0.5 if n_atoms > len(environments) else 0.0

    raw = fragment_term + complexity + density
    low, high = -4.0, 2.5
    score = 11.0 - (raw - low + 1.0) / (high - low) * 9.0
    if score > 8.0:
        score = 8.0 + math.log(score + 1.0 - 9.0)
    return min(10.0, max(1.0, score))


def score(smiles, fragments):
    mol = Chem.MolFromSmiles(smiles)
    if mol is None or mol.GetNumAtoms() == 0:
        return None
    bits = rdMolDescriptors.GetMorganFingerprintAsBitVect(mol, 2, nBits=2048)
    return {
        "molWeight": Descriptors.MolWt(mol),
        "clogP": Crippen.MolLogP(mol),
        "tpsa": rdMolDescriptors.CalcTPSA(mol),
        "hbd": rdMolDescriptors.CalcNumHBD(mol),
        "hba": rdMolDescriptors.CalcNumHBA(mol),
        "rotatableBonds": rdMolDescriptors.CalcNumRotatableBonds(mol),
        "aromaticRings": rdMolDescriptors.CalcNumAromaticRings(mol),
        "heavyAtoms": mol.GetNumHeavyAtoms(),
        "fsp3": rdMolDescriptors.CalcFractionCSP3(mol),
        "saScore": sa_score(mol, fragments),
        "bits": list(bits.GetOnBits()),
    }


def main():
    smiles_file, fpscores_file, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(smiles_file, encoding="utf8") as handle:
        molecules = [line.strip() for line in handle if line.strip()]
    fragments = load_fragment_scores(fpscores_file)
    for smiles in molecules[:50]:  # warm-up, not timed
        score(smiles, fragments)
    seconds = []
    results = []
    for _ in range(repeats):
        start = time.perf_counter()
        results = [score(smiles, fragments) for smiles in molecules]
        seconds.append(time.perf_counter() - start)
    json.dump({"rdkitVersion": rdBase.rdkitVersion, "seconds": seconds, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
