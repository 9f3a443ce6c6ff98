import { describe, expect, it } from 'vitest';
import { activeToPassive, hedge, neutralise, paraphrase } from './paraphrase.js';

describe('paraphrase', () => {
  it('hedges', () => {
    expect(hedge('The nurse is skilled.')).toBe('It seems that the nurse is skilled.');
    expect(hedge('Maria is skilled.')).toBe('It seems that Maria is skilled.');
  });
  it('neutralises intensifiers and exclamations', () => {
    expect(neutralise('He is really very good!')).toBe('He is good.');
  });
  it('turns simple active clauses passive', () => {
    expect(activeToPassive('The manager praised the nurse.')).toBe('The nurse was praised by the manager.');
    expect(activeToPassive('She hired the engineer.')).toBe('The engineer was hired by her.');
    expect(activeToPassive('He thanked his mother')).toBe('His mother was thanked by him.');
    expect(activeToPassive('The weather is nice.')).toBeNull();
    expect(paraphrase('It rained.', 'active-passive')).toBeNull();
  });
});
