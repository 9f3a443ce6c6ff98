import { describe, expect, it } from 'vitest';
import { checkTopicPattern, isValidTopic, topicMatches } from './topic-pattern.js';

describe('topicMatches', () => {
  it.each([
    ['scent.alerts.line1', 'scent.alerts.line1', true],
    ['scent.alerts.line1', 'scent.alerts.line2', false],
    ['scent.alerts.*', 'scent.alerts.line1', true],
    ['scent.alerts.*', 'scent.alerts', false],
    ['scent.alerts.*', 'scent.alerts.line1.extra', false],
    ['scent.*.line1', 'scent.alerts.line1', true],
    ['*', 'scent', true],
    ['*', 'scent.alerts', false],
    ['restock.>', 'restock.order', true],
    ['restock.>', 'restock.order.approved', true],
    ['restock.>', 'restock', false],
    ['>', 'anything.at.all', true],
    ['*.order.>', 'restock.order.approved.by.planner', true],
    ['*.order.>', 'restock.invoice.approved', false],
    ['scent', 'scent.alerts', false],
  ])('%s matches %s: %s', (pattern, topic, expected) => {
    expect(topicMatches(pattern, topic)).toBe(expected);
  });
});

describe('topic validation', () => {
  it('accepts concrete topics and rejects wildcards, empty tokens and spaces', () => {
    expect(isValidTopic('restock.order.approved')).toBe(true);
    expect(isValidTopic('scent.line-1.reading_2')).toBe(true);
    for (const bad of ['', 'a..b', '.a', 'a.', 'a.*', 'a.>', 'a b', 'a.b c']) expect(isValidTopic(bad)).toBe(false);
  });

  it('accepts patterns with * anywhere and > only at the end', () => {
    for (const ok of ['a', 'a.*', '*.b', 'a.>', '>', '*.*.>']) expect(() => checkTopicPattern(ok)).not.toThrow();
    for (const bad of ['', 'a.>.b', 'a..b', 'a b', 'a.b*']) expect(() => checkTopicPattern(bad)).toThrow(RangeError);
  });
});
