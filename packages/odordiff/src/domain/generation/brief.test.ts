import { describe, expect, it } from 'vitest';
import { briefMatch, parseBrief } from './brief.js';

const vocabulary = [
  'citrus',
  'fresh',
  'woody',
  'sweet',
  'ozone',
  'clean',
  'black currant',
  'musk',
  'odorless',
  'lemon',
];

describe('parseBrief', () => {
  it('maps words, synonyms and softeners to weights', () => {
    const t = parseBrief('fresh citrus with woody undertones', { vocabulary });
    expect(t.positive.get('citrus')).toBe(1);
    expect(t.positive.get('fresh')).toBe(1);
    expect(t.positive.get('woody')).toBe(0.5);
  });

  it('understands perfumery synonyms, two-word terms and negation', () => {
    const t = parseBrief('clean ocean breeze with black currant, not sweet', { vocabulary });
    expect(t.positive.get('ozone')).toBeGreaterThan(0.5);
    expect(t.positive.get('black currant')).toBe(1);
    expect(t.negative.get('sweet')).toBe(1);
    expect(t.positive.has('sweet')).toBe(false);
  });

  it('reads intensity and note position', () => {
    const t = parseBrief('a light, long-lasting musky base', { vocabulary });
    expect(t.intensity).toBe('light');
    expect(t.notePosition).toBe('base');
    expect(t.positive.get('musk')).toBe(1);
  });
});

describe('briefMatch', () => {
  it('rewards wanted and penalises unwanted descriptors', () => {
    const t = parseBrief('citrus, not sweet', { vocabulary });
    const p = vocabulary.map((d) => (d === 'citrus' ? 0.8 : d === 'sweet' ? 0.6 : 0));
    expect(briefMatch(t, vocabulary, p)).toBeCloseTo(0.8 - 0.3, 12);
  });
});
