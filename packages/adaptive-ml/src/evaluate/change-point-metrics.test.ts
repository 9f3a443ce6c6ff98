import { describe, expect, it } from 'vitest';
import { changePointCover, changePointF1, pythonSetOrder, truePositives } from './change-point-metrics.js';

describe('TCPDBench change-point metrics', () => {
  it('matches each annotation to at most one prediction within the margin', () => {
    expect([...truePositives([10, 20], [11, 12, 40], 5)]).toEqual([10]);
    expect([...truePositives([10, 12], [11], 5)]).toEqual([10]);
  });

  it('reproduces the TCPDBench docstring examples for true_positives', () => {
    // true_positives({1, 10, 20, 23}, {3, 8, 20}) -> {1, 10, 20}, and the same with {1, 3, 8, 20}, {1, 3, 5, 8, 20}
    for (const predicted of [
      [3, 8, 20],
      [1, 3, 8, 20],
      [1, 3, 5, 8, 20],
    ]) {
      expect([...truePositives(pythonSetOrder([1, 10, 20, 23]), predicted)].sort((a, b) => a - b)).toEqual([1, 10, 20]);
    }
    expect(truePositives([], [1, 2, 3]).size).toBe(0);
    expect(truePositives([1, 2, 3], []).size).toBe(0);
  });

  it("iterates annotations in CPython's set order (values printed by CPython 3.11's list(set(...)))", () => {
    expect(pythonSetOrder([7, 9])).toEqual([9, 7]);
    expect(pythonSetOrder([53, 90, 197, 276, 319, 403, 463, 535, 0])).toEqual([
      0, 197, 463, 403, 276, 53, 535, 90, 319,
    ]);
    expect(pythonSetOrder([93, 522, 540, 701, 747, 760, 772, 0])).toEqual([0, 772, 701, 522, 747, 760, 540, 93]);
    expect(pythonSetOrder([241, 1014, 1558, 920, 967, 1334, 777, 1615, 429, 0])).toEqual([
      0, 967, 777, 429, 1615, 241, 1014, 1558, 920, 1334,
    ]);
    expect(pythonSetOrder([1165, 1735, 1643, 1564, 129, 0])).toEqual([0, 129, 1735, 1643, 1165, 1564]);
    // The order decides the greedy match: in {7, 9} CPython visits 9 first, so 9 takes the prediction 8.
    expect([...truePositives(pythonSetOrder([7, 9]), [8])]).toEqual([9]);
  });

  it('reproduces the TCPDBench docstring examples for F1 and cover', () => {
    // TCPDBench metrics.py: f_measure({1: [10, 20], 2: [11, 20], 3: [10], 4: [0, 5]}, [10, 20]) -> 1.0
    expect(changePointF1({ 1: [10, 20], 2: [11, 20], 3: [10], 4: [0, 5] }, [10, 20]).f1).toBe(1);
    // f_measure({1: [], 2: [10], 3: [50]}, [10]) -> 0.9090909090909091
    expect(changePointF1({ 1: [], 2: [10], 3: [50] }, [10]).f1).toBeCloseTo(0.9090909090909091, 12);
    // f_measure({1: [], 2: [10], 3: [50]}, []) -> 0.8
    expect(changePointF1({ 1: [], 2: [10], 3: [50] }, []).f1).toBeCloseTo(0.8, 12);
    // covering({1: [10, 20], 2: [10], 3: [0, 5]}, [10, 20], 45) -> 0.7962962962962963
    expect(changePointCover({ 1: [10, 20], 2: [10], 3: [0, 5] }, [10, 20], 45)).toBeCloseTo(0.7962962962962963, 12);
    // covering({1: [], 2: [10], 3: [40]}, [10], 45) -> 0.7954144620811286
    expect(changePointCover({ 1: [], 2: [10], 3: [40] }, [10], 45)).toBeCloseTo(0.7954144620811286, 12);
    // covering({1: [], 2: [10], 3: [40]}, [], 45) -> 0.8189300411522634
    expect(changePointCover({ 1: [], 2: [10], 3: [40] }, [], 45)).toBeCloseTo(0.8189300411522634, 12);
  });
});
