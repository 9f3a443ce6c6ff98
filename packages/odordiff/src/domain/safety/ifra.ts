import { parseCsvRecords } from '../internal/csv.js';

/** IFRA product categories of the 51st Amendment (1 lip products ... 12 products not intended for skin contact). */
export const ifraCategories = [
  '1',
  '2',
  '3',
  '4',
  '5A',
  '5B',
  '5C',
  '5D',
  '6',
  '7A',
  '7B',
  '8',
  '9',
  '10A',
  '10B',
  '11A',
  '11B',
  '12',
] as const;
export type IfraCategory = (typeof ifraCategories)[number];

/** How a standard regulates its material. Mixed types containing PROHIBITION are treated as prohibited. */
export type IfraStatus = 'prohibited' | 'restricted' | 'specification' | 'not-listed';

/** One IFRA standard with the maximum concentration (%) per category where the overview gives a number. */
export interface IfraStandard {
  readonly key: string;
  readonly name: string;
  /** IFRA's type string, e.g. `RESTRICTION`, `PROHIBITION_SPECIFICATION`. */
  readonly type: string;
  readonly status: Exclude<IfraStatus, 'not-listed'>;
  readonly cas: readonly string[];
  /** Category -> limit in % of the finished product (only categories with a numeric limit). */
  readonly limits: Readonly<Partial<Record<IfraCategory, number>>>;
  /** Amendment the standard belongs to. */
  readonly amendment: string;
}

/** A structure (SMILES) attached to a standard through one of its CAS numbers. */
export interface IfraStructure {
  readonly key: string;
  readonly cas: string;
  readonly smiles: string;
}

/** Maps IFRA's type string to a status. */
export function ifraStatusOf(type: string): Exclude<IfraStatus, 'not-listed'> {
  const t = type.toUpperCase();
  if (t.includes('PROHIBITION')) return 'prohibited';
  if (t.includes('RESTRICTION')) return 'restricted';
  return 'specification';
}

/** Parses the IFRA 51st Amendment overview (CSV export of IFRA's spreadsheet; first line is a disclaimer). */
export function parseIfraOverview(csvText: string): IfraStandard[] {
  const start = csvText.indexOf('Key,');
  const records = parseCsvRecords(start >= 0 ? csvText.slice(start) : csvText);
  const out: IfraStandard[] = [];
  for (const r of records) {
    if (!r.Key?.startsWith('IFRA_STD')) continue;
    const limits: Partial<Record<IfraCategory, number>> = {};
    for (const c of ifraCategories) {
      const raw = r[`Category ${c} (%)`];
      const value = raw ? Number(raw.replace(',', '.')) : Number.NaN;
      if (Number.isFinite(value)) limits[c] = value;
    }
    const type = r['IFRA Standard type'] ?? '';
    out.push({
      key: r.Key,
      name: r['Name of the IFRA Standard'] ?? '',
      type,
      status: ifraStatusOf(type),
      cas: (r['CAS numbers'] ?? '')
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter((s) => /^\d+-\d+-\d$/.test(s)),
      limits,
      amendment: r['Amendment number'] ?? '',
    });
  }
  return out;
}

/** Parses `ifra51_cas_smiles_derived.csv` (standard key, CAS, SMILES joined by CAS; rows without SMILES dropped). */
export function parseIfraStructures(csvText: string): IfraStructure[] {
  return parseCsvRecords(csvText)
    .filter((r) => r.smiles && r.ifra_key)
    .map((r) => ({ key: r.ifra_key, cas: r.cas, smiles: r.smiles }));
}
