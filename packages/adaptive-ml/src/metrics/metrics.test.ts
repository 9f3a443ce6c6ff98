import { describe, expect, it } from 'vitest';
import { Accuracy, BalancedAccuracy } from './accuracy.js';
import { LogLoss } from './log-loss.js';
import { F1, Precision, Recall } from './precision-recall-f1.js';
import { MAE, R2, RMSE } from './regression.js';
import { ROCAUC } from './roc-auc.js';
import { Rolling } from './rolling.js';

// scikit-learn reference values for y_true / y_pred below (sklearn.metrics, computed by hand and cross-checked).
const yTrue = ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'a'];
const yPred = ['a', 'b', 'b', 'a', 'c', 'c', 'b', 'a'];

describe('classification metrics', () => {
  it('accuracy and balanced accuracy', () => {
    const acc = new Accuracy();
    const bal = new BalancedAccuracy();
    yTrue.forEach((t, i) => {
      acc.update(t, yPred[i]);
      bal.update(t, yPred[i]);
    });
    expect(acc.get()).toBe(5 / 8);
    // recalls: a 3/4, b 1/2, c 1/2
    expect(bal.get()).toBeCloseTo((0.75 + 0.5 + 0.5) / 3, 12);
  });

  it('precision, recall and F1: binary, macro and weighted', () => {
    const make = (average: 'binary' | 'macro' | 'weighted') => {
      const ms = [
        new Precision({ average, posLabel: 'a' }),
        new Recall({ average, posLabel: 'a' }),
        new F1({ average, posLabel: 'a' }),
      ];
      yTrue.forEach((t, i) => {
        for (const m of ms) m.update(t, yPred[i]);
      });
      return ms.map((m) => m.get());
    };
    // class a: P 1, R 0.75, F1 6/7; b: P 1/3, R 1/2, F1 0.4; c: P 1/2, R 1/2, F1 1/2
    expect(make('binary')).toEqual([1, 0.75, 6 / 7]);
    const [mp, mr, mf] = make('macro');
    expect(mp).toBeCloseTo((1 + 1 / 3 + 0.5) / 3, 12);
    expect(mr).toBeCloseTo((0.75 + 0.5 + 0.5) / 3, 12);
    expect(mf).toBeCloseTo((6 / 7 + 0.4 + 0.5) / 3, 12);
    const [, , wf] = make('weighted');
    expect(wf).toBeCloseTo((4 * (6 / 7) + 2 * 0.4 + 2 * 0.5) / 8, 12);
  });

  it('log loss and exact ROC AUC (ties count half)', () => {
    const ll = new LogLoss();
    ll.update(true, new Map([[true, 0.8]]));
    ll.update(false, new Map([[false, 0.6]]));
    expect(ll.get()).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
    const auc = new ROCAUC();
    const scores = [0.1, 0.4, 0.35, 0.8];
    const truth = [false, false, true, true];
    scores.forEach((s, i) => {
      auc.update(truth[i], new Map([[true, s]]));
    });
    expect(auc.get()).toBe(0.75); // sklearn roc_auc_score([0,0,1,1],[.1,.4,.35,.8]) = 0.75
    const rolling = new ROCAUC({ windowSize: 2 });
    scores.forEach((s, i) => {
      rolling.update(truth[i], new Map([[true, s]]));
    });
    expect(rolling.get()).toBe(0); // last two are both positive: undefined AUC reads 0
  });

  it('rolling metrics forget what leaves the window', () => {
    const r = new Rolling(new Accuracy(), 3);
    for (const [t, p] of [
      ['x', 'y'],
      ['x', 'y'],
      ['x', 'x'],
      ['x', 'x'],
      ['x', 'x'],
    ])
      r.update(t, p);
    expect(r.get()).toBe(1);
  });
});

describe('regression metrics', () => {
  it('MAE, RMSE and R2', () => {
    const t = [3, -0.5, 2, 7];
    const p = [2.5, 0, 2, 8];
    const mae = new MAE();
    const rmse = new RMSE();
    const r2 = new R2();
    t.forEach((y, i) => {
      mae.update(y, p[i]);
      rmse.update(y, p[i]);
      r2.update(y, p[i]);
    });
    expect(mae.get()).toBe(0.5);
    expect(rmse.get()).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(r2.get()).toBeCloseTo(0.9486081370449679, 12); // sklearn r2_score doc example
  });
});
