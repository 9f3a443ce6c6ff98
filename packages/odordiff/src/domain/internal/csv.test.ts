import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from './csv.js';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded newlines and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi""\nok"\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"\nok'],
    ]);
  });

  it('maps records by header and skips blank lines', () => {
    expect(parseCsvRecords('smiles,name\nCCO,ethanol\n\nC,methane')).toEqual([
      { smiles: 'CCO', name: 'ethanol' },
      { smiles: 'C', name: 'methane' },
    ]);
  });
});
