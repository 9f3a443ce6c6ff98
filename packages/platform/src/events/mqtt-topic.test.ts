import { describe, expect, it } from 'vitest';
import {
  checkMqttFilter,
  factoryReadingsFilter,
  factoryReadingsTopic,
  mqttTopicMatches,
  parseFactoryTopic,
} from './mqtt-topic.js';

describe('mqttTopicMatches', () => {
  it.each([
    ['factory/+/+/+/readings', 'factory/lyon/line1/enose-3/readings', true],
    ['factory/+/+/+/readings', 'factory/lyon/line1/readings', false],
    ['factory/+/+/+/readings', 'factory/lyon/line1/enose-3/status', false],
    ['factory/#', 'factory', true],
    ['factory/#', 'factory/lyon/line1', true],
    ['factory/lyon/#', 'factory/paris/line1', false],
    ['#', 'anything/at/all', true],
    ['a/b', 'a/b', true],
    ['a/b', 'a/b/c', false],
    ['+/b', '/b', true],
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(mqttTopicMatches(filter, topic)).toBe(expected);
  });

  it('rejects misplaced wildcards in filters', () => {
    for (const ok of ['a/b', 'a/+/c', 'a/#', '#', '+']) expect(() => checkMqttFilter(ok)).not.toThrow();
    for (const bad of ['', 'a/#/c', 'a/b#', 'a/b+', 'a+/b']) expect(() => checkMqttFilter(bad)).toThrow(RangeError);
  });
});

describe('factory topics', () => {
  it('builds and parses factory/{site}/{line}/{sensor}/readings', () => {
    const topic = factoryReadingsTopic({ site: 'lyon', line: 'line1', sensor: 'enose-3' });
    expect(topic).toBe('factory/lyon/line1/enose-3/readings');
    expect(mqttTopicMatches(factoryReadingsFilter, topic)).toBe(true);
    expect(parseFactoryTopic(topic)).toEqual({ site: 'lyon', line: 'line1', sensor: 'enose-3' });
  });

  it('refuses topics of another shape and unsafe parts', () => {
    expect(parseFactoryTopic('factory/lyon/line1/readings')).toBeUndefined();
    expect(parseFactoryTopic('plant/lyon/line1/s/readings')).toBeUndefined();
    expect(parseFactoryTopic('factory//line1/s/readings')).toBeUndefined();
    expect(() => factoryReadingsTopic({ site: 'ly/on', line: 'l', sensor: 's' })).toThrow(RangeError);
    expect(() => factoryReadingsTopic({ site: 'lyon', line: '+', sensor: 's' })).toThrow(RangeError);
    expect(() => factoryReadingsTopic({ site: 'lyon', line: 'l', sensor: '' })).toThrow(RangeError);
  });
});
