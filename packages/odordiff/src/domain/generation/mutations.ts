/**
 * Graph mutations as single-reactant reaction SMARTS (atom/bond insertions, deletions, element and bond-order
 * changes, small fragment additions), in the spirit of Jensen's GB-GA operators but written for fragrance chemistry
 * (C, O, N only; no halogens or sulfur, which smell rarely pleasant and raise safety flags).
 */
export const graphMutations: readonly { readonly name: string; readonly smarts: string }[] = [
  { name: 'append-carbon', smarts: '[C,c;!H0:1]>>[*:1]C' },
  { name: 'append-methoxy', smarts: '[c;H1:1]>>[c:1]OC' },
  { name: 'append-hydroxyl', smarts: '[C;!H0;!$(C=*);!$(C[O,N]):1]>>[C:1]O' },
  { name: 'insert-carbon', smarts: '[C,c:1]-!@[C:2]>>[*:1]C[*:2]' },
  { name: 'insert-oxygen', smarts: '[C:1]-!@[C;!$(C=*):2]>>[C:1]O[C:2]' },
  { name: 'delete-terminal', smarts: '[*:1]-[C;D1,$([OH1]):2]>>[*:1]' },
  { name: 'carbon-to-oxygen', smarts: '[CH2;!$(C=*);!$(C[O,N]):1]>>[O:1]' },
  { name: 'oxygen-to-carbon', smarts: '[O;D2;!$(OC=O):1]>>[CH2:1]' },
  { name: 'make-double-bond', smarts: '[C;!R;!H0;!$(C=*):1]-[C;!R;!H0;!$(C=*):2]>>[C:1]=[C:2]' },
  { name: 'saturate-double-bond', smarts: '[C:1]=[C:2]>>[C:1]-[C:2]' },
  { name: 'alcohol-to-ketone', smarts: '[CH1:1]([#6])([#6])[OH1:2]>>[C:1]=[O:2]' },
  { name: 'alcohol-to-aldehyde', smarts: '[CH2:1]([#6])[OH1:2]>>[CH1:1]=[O:2]' },
  { name: 'aldehyde-to-ester', smarts: '[CH1:1](=[O:2])[#6:3]>>[C:1](=[O:2])(OC)[#6:3]' },
  { name: 'alcohol-to-acetate', smarts: '[C:1][OH1:2]>>[C:1][O:2]C(C)=O' },
  { name: 'ketone-to-alcohol', smarts: '[C:1]([#6])([#6])=[O:2]>>[C:1][O:2]' },
  { name: 'branch-methyl', smarts: '[C;!R;H2:1]>>[C:1](C)' },
];

/** Cut of one acyclic single bond into two fragments marked `[1*]` and `[2*]` (crossover). */
export const crossoverCut = '[*:1]-!@[*:2]>>[*:1][1#0].[2#0][*:2]';

/**
 * Motifs that are chemically unstable or unrealistic for a fragrance ingredient (hemiacetals, acylals, enols,
 * allenes, ketenes, orthoesters, N-O/N-N single bonds, three-membered rings); generated molecules with any are
 * discarded.
 */
export const unrealisticMotifs: readonly string[] = [
  '[OX2H][CX4][OX2,NX3]',
  '[CX4]([OX2][CX3]=O)[OX2]',
  '[OX2H][CX3]=[CX3]',
  '[CX3]=[CX2]=[CX3]',
  '[CX3]=[CX2]=O',
  '[CX4]([OX2])([OX2])[OX2]',
  '[#7]-[#8]',
  '[#7;!$(N=*)]-[#7;!$(N=*)]',
  '[r3]',
  '[CX4]([OX2])([OX2])[CX3]=O',
  '[CX3](=O)[OX2][OX2]',
];
