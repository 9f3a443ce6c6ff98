import { describe, expect, it } from 'vitest';
import { MersenneTwister } from '../base/rng.js';
import { HoeffdingTreeClassifier } from './hoeffding-tree-classifier.js';

describe('HoeffdingTreeClassifier pre-pruning and memory manager (River 0.19 semantics)', () => {
  // 19 'x' then one 'y': the first split attempt sees a 95% majority and is pre-pruned by maxShareToSplit 0.9.
  // Afterwards the classes separate cleanly on `a`.
  function stream(): Array<[{ a: number }, string]> {
    const rng = new MersenneTwister(7);
    const out: Array<[{ a: number }, string]> = [];
    for (let i = 0; i < 19; i++) out.push([{ a: -1 - rng.random() }, 'x']);
    out.push([{ a: 1 + rng.random() }, 'y']);
    for (let i = 0; i < 400; i++) {
      const a = rng.random() * 2 - 1;
      out.push([{ a }, a <= 0 ? 'x' : 'y']);
    }
    return out;
  }

  it('re-activates a leaf pre-pruned by maxShareToSplit, so it still splits once the classes mix', () => {
    const ht = new HoeffdingTreeClassifier({ gracePeriod: 20, maxShareToSplit: 0.9 });
    for (const [x, y] of stream()) ht.learnOne(x, y);
    expect(ht.summary().leaves).toBeGreaterThanOrEqual(2);
    expect(ht.predictOne({ a: -0.5 })).toBe('x');
    expect(ht.predictOne({ a: 0.5 })).toBe('y');
  });

  it('never pre-prunes on class share when maxShareToSplit is 1', () => {
    const pruned = new HoeffdingTreeClassifier({ gracePeriod: 20, maxShareToSplit: 0.9 });
    const free = new HoeffdingTreeClassifier({ gracePeriod: 20, maxShareToSplit: 1 });
    const first = stream().slice(0, 20);
    for (const [x, y] of first) {
      pruned.learnOne(x, y);
      free.learnOne(x, y);
    }
    // After the first attempt the share-pruned leaf restarted its observers: it knows no feature any more, so its
    // naive-Bayes vote falls back to the class prior; the other leaf kept its Gaussian observers.
    expect(pruned.predictProbaOne({ a: 1.5 }).get('y')).toBeCloseTo(0.05, 10);
    expect(free.predictProbaOne({ a: 1.5 }).get('y')).toBeGreaterThan(0.5);
  });

  it('caches naive-Bayes votes per input values only: a mutated input object is predicted afresh', () => {
    const a = new HoeffdingTreeClassifier({ gracePeriod: 1000 });
    const b = new HoeffdingTreeClassifier({ gracePeriod: 1000 });
    for (const [x, y] of stream()) {
      a.learnOne(x, y);
      b.learnOne(x, y);
    }
    const x = { a: -0.2 };
    a.predictProbaOne(x);
    x.a = 0.3;
    expect([...a.predictProbaOne(x)]).toEqual([...b.predictProbaOne({ a: 0.3 })]);
    expect(a.predictProbaOne({ a: 0.3 }).get('y')).toBeGreaterThan(0.5);
  });

  it('keeps its caches out of the persisted state', () => {
    const ht = new HoeffdingTreeClassifier({ gracePeriod: 1000 });
    for (const [x, y] of stream()) ht.learnOne(x, y);
    const before = JSON.stringify(ht.toJSON());
    ht.predictOne({ a: 0.1 });
    ht.predictProbaOne({ a: -0.1 });
    expect(JSON.stringify(ht.toJSON())).toBe(before);
    const restored = HoeffdingTreeClassifier.fromJSON(JSON.parse(before));
    expect([...restored.predictProbaOne({ a: 0.1 })]).toEqual([...ht.predictProbaOne({ a: 0.1 })]);
  });
});
