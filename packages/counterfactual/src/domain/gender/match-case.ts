/**
 * Gives `replacement` the letter case of `source`: UPPER stays upper (for words longer than one letter), Title stays
 * title, lower stays lower; mixed case (e.g. "McDonald") falls back to title case when the source starts upper-case.
 *
 * @example matchCase('He', 'she') === 'She'; matchCase('HIS', 'her') === 'HER'
 */
export function matchCase(source: string, replacement: string): string {
  if (source.length > 1 && source === source.toUpperCase() && source !== source.toLowerCase()) {
    return replacement.toUpperCase();
  }
  const first = source.charAt(0);
  if (first !== first.toLowerCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}
