import type { NotePosition } from '../properties/vapor-pressure.js';
import type { IfraCategory } from '../safety/ifra.js';

/** Product types and their fragrance-concentrate share of the finished product (the seed's values). */
export const productConcentration = { parfum: 0.25, edp: 0.18, edt: 0.12, cologne: 0.06 } as const;
export type ProductType = keyof typeof productConcentration;

/** Share of the concentrate per note tier (the seed's 0.3 / 0.5 / 0.2). */
export const tierShare: Readonly<Record<NotePosition, number>> = { top: 0.3, heart: 0.5, base: 0.2 };

/** A material offered to the formulator. */
export interface FormulationMaterial {
  readonly smiles: string;
  readonly notePosition: NotePosition;
  /** Relative preference within its tier (e.g. brief match); must be > 0. */
  readonly weight: number;
  /** IFRA maximum in the finished product (%) for the chosen category; undefined when not restricted. */
  readonly ifraLimitPercent?: number;
  /** True for IFRA-prohibited materials: they are never used. */
  readonly isProhibited?: boolean;
}

/** One line of the formula. */
export interface FormulaLine {
  readonly smiles: string;
  readonly tier: NotePosition;
  /** % of the concentrate. */
  readonly concentratePercent: number;
  /** % of the finished product. */
  readonly productPercent: number;
  readonly ifraLimitPercent: number | null;
  /** True when the IFRA limit capped this material. */
  readonly capped: boolean;
}

/** A formula with its checks. */
export interface Formula {
  readonly product: ProductType;
  readonly category: IfraCategory;
  /** Concentrate in the finished product (%), e.g. 18 for an EdP. */
  readonly concentratePercent: number;
  readonly lines: readonly FormulaLine[];
  /** Concentrate left unassigned because of IFRA caps or empty tiers (to be filled with carriers/other materials). */
  readonly unassignedConcentratePercent: number;
  readonly warnings: readonly string[];
  readonly isIfraCompliant: boolean;
}

/**
 * Top/heart/base accord: the concentrate (parfum 25 %, EdP 18 %, EdT 12 %, cologne 6 % of the product) splits
 * 0.3 / 0.5 / 0.2 across the tiers and, within a tier, in proportion to each material's weight. Each material is
 * capped at its IFRA limit for the chosen category (finished-product basis); the excess is redistributed to uncapped
 * materials of the same tier, or reported as unassigned. An empty tier's share is given to the other tiers
 * proportionally. Prohibited materials are dropped with a warning.
 *
 * @example
 * formulate(materials, { product: 'edp', category: '4' });
 * @see IFRA Standards 51st Amendment, Guidance (categories, finished-product limits)
 */
export function formulate(
  materials: readonly FormulationMaterial[],
  options: { product?: ProductType; category?: IfraCategory } = {},
): Formula {
  const product = options.product ?? 'edp';
  const category = options.category ?? '4';
  const conc = productConcentration[product];
  if (conc === undefined) throw new RangeError(`unknown product type ${product}`);
  const warnings: string[] = [];
  const usable = materials.filter((m) => {
    if (m.isProhibited) warnings.push(`${m.smiles} is IFRA-prohibited and was left out`);
    return !m.isProhibited && m.weight > 0;
  });
  const tiers: NotePosition[] = ['top', 'heart', 'base'];
  const present = tiers.filter((t) => usable.some((m) => m.notePosition === t));
  for (const t of tiers)
    if (!present.includes(t)) warnings.push(`no ${t}-note material: its share went to the other tiers`);
  const presentShare = present.reduce((s, t) => s + tierShare[t], 0);
  const lines: FormulaLine[] = [];
  let unassigned = 0;
  for (const t of present) {
    const share = tierShare[t] / presentShare;
    const members = usable.filter((m) => m.notePosition === t);
    // water-filling: cap materials at their limits, redistribute the rest among the uncapped ones
    const alloc = new Map<FormulationMaterial, number>();
    let remaining = share;
    let open = [...members];
    while (open.length && remaining > 1e-12) {
      const totalWeight = open.reduce((s, m) => s + m.weight, 0);
      const next: FormulationMaterial[] = [];
      let spent = 0;
      for (const m of open) {
        const want = (remaining * m.weight) / totalWeight;
        const have = alloc.get(m) ?? 0;
        const limitShare =
          m.ifraLimitPercent === undefined ? Number.POSITIVE_INFINITY : m.ifraLimitPercent / 100 / conc;
        const give = Math.min(want, limitShare - have);
        alloc.set(m, have + give);
        spent += give;
        if (have + give < limitShare - 1e-12) next.push(m);
      }
      remaining -= spent;
      if (next.length === open.length) break;
      open = next;
    }
    if (remaining > 1e-9) {
      unassigned += remaining;
      warnings.push(
        `${t} tier: ${(remaining * 100).toFixed(2)}% of the concentrate could not be assigned within IFRA limits`,
      );
    }
    for (const m of members) {
      const a = alloc.get(m) ?? 0;
      const limit = m.ifraLimitPercent ?? null;
      lines.push({
        smiles: m.smiles,
        tier: t,
        concentratePercent: a * 100,
        productPercent: a * conc * 100,
        ifraLimitPercent: limit,
        capped: limit !== null && a * conc * 100 >= limit - 1e-9,
      });
    }
  }
  const isIfraCompliant = lines.every(
    (l) => l.ifraLimitPercent === null || l.productPercent <= l.ifraLimitPercent + 1e-9,
  );
  return {
    product,
    category,
    concentratePercent: conc * 100,
    lines,
    unassignedConcentratePercent: unassigned * 100,
    warnings,
    isIfraCompliant,
  };
}
