import { describe, expect, it } from 'vitest';
import { changePointCover, changePointF1, truePositives } from './change-point-metrics.js';

describe('TCPDBench change-point metrics', () => {
  it('matches each annotation to at most one prediction within the margin', () => {
    expect([...truePositives([10, 20], [11, 12, 40], 5)]).toEqual([10]);
    expect([...truePositives([10, 12], [11], 5)]).toEqual([10]);
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
