import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../../test/support/shared-data.js';
import { caseRelativeError, parseArgs, parseConformanceCsv, parseExpected } from './stockpyl-cases.js';

describe('stockpyl argument parsing', () => {
  it('reads lists, fractions and bare Poisson tokens', () => {
    expect(parseArgs('K=200, breakpoints=[0,200,500], L=1/12')).toEqual({
      K: 200,
      breakpoints: [0, 200, 500],
      L: 1 / 12,
    });
    expect(parseArgs('h=1, p=4, Poisson(6)').poisson_mean).toBe(6);
    expect(parseExpected('Q*=304.0467800264368, g*=68.41052550594829')).toEqual([304.0467800264368, 68.41052550594829]);
  });
});

describe.skipIf(!hasSharedData)('stockpyl conformance (28 textbook values)', () => {
  const rows = hasSharedData
    ? parseConformanceCsv(readFileSync(sharedData('inventory', 'stockpyl_conformance_values.csv'), 'utf8'))
    : [];
  it('has 28 cases', () => {
    expect(rows).toHaveLength(28);
  });
  it.each(rows.map((r) => [r.fn, r] as const))('%s within 1e-6 relative', (_fn, row) => {
    const { maxRelativeError, computed, expected } = caseRelativeError(row);
    expect(computed).toHaveLength(expected.length);
    expect(maxRelativeError).toBeLessThanOrEqual(1e-6);
  });
});
