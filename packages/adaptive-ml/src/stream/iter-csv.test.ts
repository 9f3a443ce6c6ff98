import { describe, expect, it } from 'vitest';
import { iterCsv, iterJsonLines, splitCsvLine } from './iter-csv.js';
import { StreamFormatError } from './stream-format-error.js';

describe('stream sources', () => {
  it('splits quoted CSV fields', () => {
    expect(splitCsvLine('a,"b,c","say ""hi"""')).toEqual(['a', 'b,c', 'say "hi"']);
  });

  it('reads numbers, one-hot categories and missing cells in file order', () => {
    const rows = [...iterCsv('n,colour,y\n1.5,red,UP\n,blue,DOWN\n', { target: 'y' })];
    expect(rows).toEqual([
      { x: { n: 1.5, 'colour=red': 1 }, y: 'UP', line: 2 },
      { x: { 'colour=blue': 1 }, y: 'DOWN', line: 3 },
    ]);
  });

  it('honours typed schemas and numeric targets', () => {
    const rows = [...iterCsv('id,v,y\n7,1,2.5\n', { target: 'y', types: { id: 'ignore' }, targetType: 'number' })];
    expect(rows[0]).toEqual({ x: { v: 1 }, y: 2.5, line: 2 });
  });

  it('names the line of a bad row', () => {
    const bad = () => [...iterCsv('a,y\n1,x\nfoo,y\n', { target: 'y' })];
    expect(bad).toThrow(StreamFormatError);
    expect(bad).toThrow('line 3: column "a" expects a number, found "foo"');
  });

  it('reads JSON lines and rejects malformed ones with their line', () => {
    expect([...iterJsonLines('{"a":1,"c":"red","y":"x"}\n', { target: 'y' })]).toEqual([
      { x: { a: 1, 'c=red': 1 }, y: 'x', line: 1 },
    ]);
    expect(() => [...iterJsonLines('{"a":1,"y":"x"}\n{oops\n', { target: 'y' })]).toThrow('line 2: not valid JSON');
  });
});
