import { parseCsv } from '../internal/csv.js';

/** `critical` rejects a molecule, `warning` asks for caution, `info` is reported only. */
export type AlertSeverity = 'info' | 'warning' | 'critical';

/** A substructure alert. */
export interface StructuralAlert {
  readonly id: string;
  /** Where the pattern comes from: `odordiff` (this module's toxicophore/sensitiser list), `PAINS`, `MCF`. */
  readonly source: string;
  readonly smarts: string;
  readonly severity: AlertSeverity;
  readonly description: string;
}

/**
 * Toxicophores, skin-sensitiser motifs and chemical-weapon/explosive motifs, written for this module from the
 * standard alert literature (Kazius 2005 mutagenicity toxicophores, Enoch 2011 skin-sensitisation domains, IFRA
 * prohibitions such as nitro musks and furocoumarins).
 */
export const odorDiffAlerts: readonly StructuralAlert[] = [
  {
    id: 'n-nitroso',
    source: 'odordiff',
    smarts: '[#7]-[#7]=[#8]',
    severity: 'critical',
    description: 'N-nitroso (carcinogen)',
  },
  { id: 'aziridine', source: 'odordiff', smarts: 'C1NC1', severity: 'critical', description: 'aziridine (alkylating)' },
  {
    id: 'acyl-halide',
    source: 'odordiff',
    smarts: '[CX3](=O)[F,Cl,Br,I]',
    severity: 'critical',
    description: 'acyl halide (reactive)',
  },
  {
    id: 'isocyanate',
    source: 'odordiff',
    smarts: 'N=C=O',
    severity: 'critical',
    description: 'isocyanate (respiratory sensitiser)',
  },
  {
    id: 'peroxide',
    source: 'odordiff',
    smarts: '[OX2][OX2]',
    severity: 'critical',
    description: 'peroxide (unstable oxidant)',
  },
  { id: 'azide', source: 'odordiff', smarts: '[N-]=[N+]=N', severity: 'critical', description: 'azide (explosive)' },
  {
    id: 'diazo',
    source: 'odordiff',
    smarts: '[#6]=[N+]=[N-]',
    severity: 'critical',
    description: 'diazo compound (explosive)',
  },
  {
    id: 'hydrazine',
    source: 'odordiff',
    smarts: '[NX3;!$(N-C=O)]-[NX3;!$(N-C=O)]',
    severity: 'critical',
    description: 'hydrazine (toxic, mutagenic)',
  },
  {
    id: 'sulfonate-ester',
    source: 'odordiff',
    smarts: '[SX4](=O)(=O)O[CX4]',
    severity: 'critical',
    description: 'alkyl sulfonate/sulfate ester (alkylating)',
  },
  {
    id: 'mustard',
    source: 'odordiff',
    smarts: '[Cl,Br,I][CH2][CH2][N,S]',
    severity: 'critical',
    description: 'nitrogen/sulfur mustard motif',
  },
  {
    id: 'phosphorus-fluoride',
    source: 'odordiff',
    smarts: 'P(=[O,S])F',
    severity: 'critical',
    description: 'phosphonofluoridate (nerve-agent motif)',
  },
  {
    id: 'organophosphate',
    source: 'odordiff',
    smarts: 'P(=[O,S])([O,S,N])([O,S,N])',
    severity: 'critical',
    description: 'organophosphate ester (cholinesterase inhibitor)',
  },
  {
    id: 'polynitro',
    source: 'odordiff',
    smarts: '[N+](=O)[O-].[N+](=O)[O-]',
    severity: 'critical',
    description: 'two or more nitro groups (explosive, nitro-musk-like)',
  },
  {
    id: 'nitrate-ester',
    source: 'odordiff',
    smarts: 'O[N+](=O)[O-]',
    severity: 'critical',
    description: 'nitrate ester (explosive)',
  },
  {
    id: 'toxic-element',
    source: 'odordiff',
    smarts: '[As,Hg,Pb,Cd,Tl,Se,Te,Be,Sn,Sb,Cr,Ni,Co]',
    severity: 'critical',
    description: 'toxic element',
  },
  {
    id: 'nitro',
    source: 'odordiff',
    smarts: '[N+](=O)[O-]',
    severity: 'warning',
    description: 'nitro group (nitro musks are IFRA-prohibited; mutagenicity alert)',
  },
  {
    id: 'epoxide',
    source: 'odordiff',
    smarts: 'C1OC1',
    severity: 'warning',
    description: 'epoxide (alkylating, sensitiser)',
  },
  {
    id: 'alkyl-halide',
    source: 'odordiff',
    smarts: '[CX4;!$(C(F)(F))][Cl,Br,I]',
    severity: 'warning',
    description: 'alkyl halide (alkylating)',
  },
  {
    id: 'michael-acceptor-aldehyde',
    source: 'odordiff',
    smarts: '[CX3]=[CX3][CX3H1]=O',
    severity: 'warning',
    description: 'α,β-unsaturated aldehyde (Michael acceptor, skin sensitiser)',
  },
  {
    id: 'michael-acceptor-ketone',
    source: 'odordiff',
    smarts: '[CH2]=[CX3][CX3](=O)[#6]',
    severity: 'warning',
    description: 'terminal vinyl ketone (Michael acceptor, sensitiser)',
  },
  {
    id: 'anhydride',
    source: 'odordiff',
    smarts: 'C(=O)OC(=O)',
    severity: 'warning',
    description: 'acid anhydride (acylating, sensitiser)',
  },
  {
    id: 'isothiocyanate',
    source: 'odordiff',
    smarts: 'N=C=S',
    severity: 'warning',
    description: 'isothiocyanate (skin sensitiser)',
  },
  {
    id: 'quinone',
    source: 'odordiff',
    smarts: 'O=C1C=CC(=O)C=C1',
    severity: 'warning',
    description: 'quinone (redox cycler, sensitiser)',
  },
  {
    id: 'furocoumarin',
    source: 'odordiff',
    smarts: 'o1ccc2cc3ccc(=O)oc3cc12',
    severity: 'warning',
    description: 'furocoumarin (phototoxic; IFRA-restricted)',
  },
  {
    id: 'aromatic-amine',
    source: 'odordiff',
    smarts: 'c[NX3;H2,H1;!$(NC=O)]',
    severity: 'warning',
    description: 'primary/secondary aromatic amine (mutagenicity alert)',
  },
  {
    id: 'aldehyde',
    source: 'odordiff',
    smarts: '[CX3H1](=O)[#6]',
    severity: 'info',
    description: 'aldehyde (weak sensitiser, oxidises in air)',
  },
  {
    id: 'thiol',
    source: 'odordiff',
    smarts: '[SX2H1]',
    severity: 'info',
    description: 'thiol (very low odour threshold, malodour risk)',
  },
];

/** Parses the MOSES PAINS list (`"smarts","<regId=name(n)>"` rows, no header). PAINS report as `info`. */
export function parsePainsAlerts(csvText: string): StructuralAlert[] {
  return parseCsv(csvText)
    .filter((r) => r.length >= 2 && r[0].trim())
    .map((r, i) => {
      const name = /regId=([^>]+)/.exec(r[1])?.[1]?.trim() ?? `pains_${i}`;
      return {
        id: `PAINS:${name}`,
        source: 'PAINS',
        smarts: r[0].trim(),
        severity: 'info' as const,
        description: `PAINS assay-interference motif ${name}`,
      };
    });
}

/** Parses the MOSES MCF list (`names,smarts`). MCF alerts are reactive/undesirable groups: `warning`. */
export function parseMcfAlerts(csvText: string): StructuralAlert[] {
  return parseCsv(csvText)
    .slice(1)
    .filter((r) => r.length >= 2 && r[1].trim())
    .map((r) => ({
      id: `MCF:${r[0].trim()}`,
      source: 'MCF',
      smarts: r[1].trim(),
      severity: 'warning' as const,
      description: `medicinal-chemistry filter ${r[0].trim()}`,
    }));
}
