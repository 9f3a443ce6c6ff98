/**
 * MQTT topic-filter matching: `+` matches one level, `#` (last) matches the parent level and everything below.
 *
 * @example
 * mqttTopicMatches('factory/+/+/+/readings', 'factory/lyon/line1/enose-3/readings'); // true
 * @see https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html#_Toc398718106
 */
export function mqttTopicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i += 1) {
    const level = f[i]!;
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/** Throws `RangeError` unless `filter` is a valid MQTT topic filter. */
export function checkMqttFilter(filter: string): void {
  if (typeof filter !== 'string' || filter.length === 0 || filter.length > 65_535) {
    throw new RangeError(`invalid MQTT topic filter ${JSON.stringify(filter)}`);
  }
  const levels = filter.split('/');
  levels.forEach((level, i) => {
    const wildcardMisuse =
      (level.includes('#') && (level !== '#' || i !== levels.length - 1)) || (level.includes('+') && level !== '+');
    if (wildcardMisuse) throw new RangeError(`invalid MQTT topic filter ${JSON.stringify(filter)}`);
  });
}

/** Where a factory reading comes from, as its topic `factory/{site}/{line}/{sensor}/readings` says. */
export interface FactoryTopic {
  readonly site: string;
  readonly line: string;
  readonly sensor: string;
}

/** Every factory's readings: `factory/+/+/+/readings`. */
export const factoryReadingsFilter = 'factory/+/+/+/readings';

/** The readings topic of one sensor; throws `RangeError` for parts that are empty or hold `/`, `+`, `#`. */
export function factoryReadingsTopic(source: FactoryTopic): string {
  for (const [key, value] of Object.entries(source)) {
    if (typeof value !== 'string' || value.length === 0 || /[/+#]/.test(value)) {
      throw new RangeError(
        `factory topic ${key} must be a non-empty string without / + #, got ${JSON.stringify(value)}`,
      );
    }
  }
  return `factory/${source.site}/${source.line}/${source.sensor}/readings`;
}

/** Site, line and sensor of a readings topic, or `undefined` when the topic has another shape. */
export function parseFactoryTopic(topic: string): FactoryTopic | undefined {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'factory' || parts[4] !== 'readings') return undefined;
  const [, site, line, sensor] = parts as [string, string, string, string, string];
  if (!site || !line || !sensor) return undefined;
  return { site, line, sensor };
}
