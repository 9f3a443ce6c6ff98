import { AppError } from '@quintessence/platform';

/** Parses an integer option within bounds; throws VALIDATION_ERROR with the option name otherwise. */
export function intOption(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AppError('VALIDATION_ERROR', `${name} must be an integer between ${min} and ${max}; got "${value}"`);
  return n;
}

/** Parses a number option within bounds. */
export function numberOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new AppError('VALIDATION_ERROR', `${name} must be a number between ${min} and ${max}; got "${value}"`);
  return n;
}

/** Rejects an empty or absurd SMILES argument before it reaches RDKit. */
export function smilesArgument(value: string | undefined): string {
  const s = (value ?? '').trim();
  if (!s) throw new AppError('VALIDATION_ERROR', 'a SMILES argument is required');
  if (s.length > 2000) throw new AppError('VALIDATION_ERROR', 'SMILES longer than 2000 characters are not accepted');
  return s;
}
