const token = /^[^\s.*>]+$/;

/** Whether `topic` is a concrete event topic: dot-separated non-empty tokens without spaces or wildcards. */
export function isValidTopic(topic: string): boolean {
  return (
    typeof topic === 'string' && topic.length > 0 && topic.length <= 255 && topic.split('.').every((t) => token.test(t))
  );
}

/** Throws `RangeError` unless `pattern` is a valid NATS-style pattern (`*` one token, `>` the rest, only last). */
export function checkTopicPattern(pattern: string): void {
  if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > 255) {
    throw new RangeError(`invalid topic pattern ${JSON.stringify(pattern)}`);
  }
  const tokens = pattern.split('.');
  tokens.forEach((t, i) => {
    const ok = t === '*' || (t === '>' && i === tokens.length - 1) || token.test(t);
    if (!ok) throw new RangeError(`invalid topic pattern ${JSON.stringify(pattern)}: bad token ${JSON.stringify(t)}`);
  });
}

/**
 * NATS subject matching: `*` matches exactly one token, `>` one or more trailing tokens.
 *
 * @example
 * topicMatches('scent.alerts.*', 'scent.alerts.line1'); // true
 * topicMatches('restock.>', 'restock.order.approved'); // true
 * @see https://docs.nats.io/nats-concepts/subjects#wildcards
 */
export function topicMatches(pattern: string, topic: string): boolean {
  const p = pattern.split('.');
  const t = topic.split('.');
  for (let i = 0; i < p.length; i += 1) {
    const part = p[i]!;
    if (part === '>') return t.length > i;
    if (i >= t.length) return false;
    if (part !== '*' && part !== t[i]) return false;
  }
  return p.length === t.length;
}
