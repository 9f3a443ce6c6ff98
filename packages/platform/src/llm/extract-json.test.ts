import { describe, expect, it } from 'vitest';
import { extractJson } from './extract-json.js';

describe('extractJson', () => {
  it('parses a reply that is exactly JSON', () => {
    expect(extractJson(' {"a": 1, "b": [true, null]} ')).toEqual({ ok: true, value: { a: 1, b: [true, null] } });
    expect(extractJson('[1, 2]')).toEqual({ ok: true, value: [1, 2] });
  });

  it('takes the JSON out of a fenced code block with or without a language tag', () => {
    expect(extractJson('Here it is:\n```json\n{"a": 1}\n```\nAnything else?')).toEqual({ ok: true, value: { a: 1 } });
    expect(extractJson('```\n{"a": 2}\n```')).toEqual({ ok: true, value: { a: 2 } });
  });

  it('skips a fenced block that is not JSON and uses a later one', () => {
    const reply = '```python\nprint({"x": 1})\n```\nAnswer:\n```json\n{"a": 3}\n```';
    expect(extractJson(reply)).toEqual({ ok: true, value: { a: 3 } });
  });

  it('finds a balanced object after leading prose, ignoring braces inside strings', () => {
    expect(extractJson('Sure! The result is {"text": "a } b { c", "n": 1}. Hope it helps.')).toEqual({
      ok: true,
      value: { text: 'a } b { c', n: 1 },
    });
    expect(extractJson('Use the {name} placeholder, then {"a": "\\"quoted\\""}')).toEqual({
      ok: true,
      value: { a: '"quoted"' },
    });
  });

  it('drops reasoning blocks of thinking models', () => {
    expect(extractJson('<think>maybe {"a": 0}?</think>\n{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('reports truncated or missing JSON as an error, never as a value', () => {
    const truncated = extractJson('{"summary": "Sensor S3 drifted", "severity": ');
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) expect(truncated.error).toContain('no valid JSON value found');
    expect(extractJson('I cannot help with that.')).toMatchObject({ ok: false });
    expect(extractJson('   ')).toEqual({ ok: false, error: 'the reply is empty' });
  });

  it('never evaluates the text', () => {
    const reply = '{"a": 1} ```js\nglobalThis.__pwned = true\n```';
    expect(extractJson(reply)).toEqual({ ok: true, value: { a: 1 } });
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
  });
});
