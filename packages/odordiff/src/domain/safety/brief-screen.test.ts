import { describe, expect, it } from 'vitest';
import { screenBrief } from './brief-screen.js';

describe('screenBrief', () => {
  it.each([
    'fresh citrus with woody undertones',
    'smoky leather with a hint of oud',
    'clean ocean breeze, ozonic and marine',
    'animalic musk, not too sweet',
  ])('accepts perfumery brief %j', (brief) => {
    expect(screenBrief(brief).refused).toBe(false);
  });

  it.each([
    ['a nerve agent with a rose odour', 'weapons'],
    ['scented explosive for a bomb', 'explosives'],
    ['something like methamphetamine but smelling of vanilla', 'drugs'],
    ['VX precursor', 'weapons'],
  ])('refuses %j (%s)', (brief, topic) => {
    const s = screenBrief(brief);
    expect(s.refused).toBe(true);
    expect(s.reasons.join(' ')).toContain(topic);
  });
});
