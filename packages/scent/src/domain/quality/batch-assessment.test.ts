import { describe, expect, it } from 'vitest';
import { assessBatch } from './batch-assessment.js';

describe('assessBatch', () => {
  it('applies the seed thresholds at and around each boundary', () => {
    expect(assessBatch(100, 0)).toMatchObject({ quality: 1, decision: 'approve', risk: 'LOW' });
    expect(assessBatch(100, 9)).toMatchObject({ decision: 'approve', risk: 'LOW' });
    expect(assessBatch(100, 10)).toMatchObject({ decision: 'additional_testing', risk: 'LOW' });
    expect(assessBatch(100, 11)).toMatchObject({ decision: 'additional_testing', risk: 'MEDIUM' });
    expect(assessBatch(100, 30)).toMatchObject({ decision: 'reject', risk: 'MEDIUM' });
    expect(assessBatch(100, 31)).toMatchObject({ decision: 'reject', risk: 'HIGH' });
    expect(assessBatch(100, 51)).toMatchObject({ decision: 'reject', risk: 'CRITICAL' });
  });

  it('honours configured rules and rejects inconsistent input', () => {
    const strict = {
      approveAbove: 0.99,
      additionalTestingAbove: 0.95,
      criticalAbove: 0.2,
      highAbove: 0.1,
      mediumAbove: 0.01,
    };
    expect(assessBatch(100, 2, strict)).toMatchObject({ decision: 'additional_testing', risk: 'MEDIUM' });
    expect(() => assessBatch(0, 0)).toThrow(RangeError);
    expect(() => assessBatch(10, 11)).toThrow(RangeError);
    expect(() => assessBatch(10, 1, { ...strict, highAbove: 0.5 })).toThrow(RangeError);
  });
});
