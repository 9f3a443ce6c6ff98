import { createHash } from 'node:crypto';

/**
 * Canonical JSON in the spirit of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no whitespace, numbers
 * and strings as `JSON.stringify` writes them. Values first pass through a JSON round trip, so `undefined` members
 * drop, dates become ISO strings and non-finite numbers become `null`, exactly as they would be stored.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 * @see https://www.rfc-editor.org/rfc/rfc8785
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return 'null';
  return write(JSON.parse(text) as unknown);
}

function write(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/** The value as it reads back from storage: a JSON round trip (drops `undefined`, turns dates into strings). */
export function jsonNormalise<T>(value: T): T {
  const text = JSON.stringify(value);
  return (text === undefined ? null : JSON.parse(text)) as T;
}

/** Hex SHA-256 of the canonical JSON of a value (the hash of a signed record). */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
