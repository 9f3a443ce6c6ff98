import { AppError, parseFormat } from '@quintessence/platform';

/** Parses `--port`: an integer 0..65535 (0 picks a free port). */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('VALIDATION_ERROR', `--port must be an integer from 0 to 65535; got "${value}"`);
  }
  return port;
}

/** Commander argParser for `--format json|table|csv`. */
export function formatOption(value: string): string {
  return parseFormat(value);
}

/** Dotted key/value rows of a nested object (for `--format table|csv` of configuration-like values). */
export function flatten(value: unknown, prefix = ''): Array<{ key: string; value: unknown }> {
  if (
    typeof value !== 'object' ||
    value === null ||
    (Array.isArray(value) && value.length > 0 && typeof value[0] !== 'object')
  ) {
    return [{ key: prefix, value: Array.isArray(value) ? value.join(',') : value }];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ key: prefix, value: '' }];
    return value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`));
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return [{ key: prefix, value: '' }];
  return entries.flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}
