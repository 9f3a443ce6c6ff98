import { describe, expect, it } from 'vitest';
import { prohibitedAttributes, validateAttribute, validateText } from './validation.js';

describe('validation', () => {
  it('enforces text length limits with distinct codes', () => {
    expect(validateText('He runs.')).toBe('He runs.');
    expect(() => validateText('   ')).toThrow(expect.objectContaining({ code: 'COUNTERFACTUAL_EMPTY_TEXT' }));
    expect(() => validateText('x'.repeat(2001))).toThrow(
      expect.objectContaining({ code: 'COUNTERFACTUAL_TEXT_TOO_LONG' }),
    );
    expect(() => validateText('abcdef', { maxLength: 5 })).toThrow(/6 characters; the limit is 5/);
  });

  it('accepts allowed attributes case-insensitively', () => {
    expect(validateAttribute('Gender')).toBe('gender');
    expect(validateAttribute('race_ethnicity')).toBe('race_ethnicity');
  });

  it('refuses every prohibited attribute with its reason', () => {
    for (const [name, reason] of Object.entries(prohibitedAttributes)) {
      expect(() => validateAttribute(name)).toThrow(
        expect.objectContaining({
          code: 'COUNTERFACTUAL_PROHIBITED_ATTRIBUTE',
          message: expect.stringContaining(reason),
        }),
      );
    }
  });

  it('lists the allowed attributes for an unknown one', () => {
    expect(() => validateAttribute('astrology')).toThrow(/unknown attribute "astrology"; allowed: gender, ability/);
  });
});
