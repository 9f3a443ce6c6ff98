/** Outcome of {@link extractJson}. */
export type JsonExtraction =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

const fencePattern = /```[a-zA-Z0-9_-]*[ \t]*\r?\n?([\s\S]*?)```/g;
const reasoningPattern = /<think(?:ing)?>[\s\S]*?<\/think(?:ing)?>/gi;
const maxCandidates = 32;

function tryParse(text: string): JsonExtraction {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** End index (exclusive) of the balanced JSON object/array starting at `start`, or -1. Strings and escapes respected. */
function balancedEnd(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * Finds the JSON value in a model's reply: the whole text, else a fenced code block (```json ... ```), else the first
 * balanced `{...}` or `[...]` after leading prose. Reasoning blocks (`<think>...</think>`) are dropped first. Nothing
 * in the text is ever evaluated; only `JSON.parse` reads it.
 *
 * @example
 * extractJson('Sure! ```json\n{"a": 1}\n```'); // {ok: true, value: {a: 1}}
 */
export function extractJson(reply: string): JsonExtraction {
  const text = reply
    .replace(/^\uFEFF/, '')
    .replace(reasoningPattern, '')
    .trim();
  if (text === '') return { ok: false, error: 'the reply is empty' };
  const whole = tryParse(text);
  if (whole.ok) return whole;

  let firstError = whole.error;
  for (const match of text.matchAll(fencePattern)) {
    const inner = (match[1] ?? '').trim();
    if (inner === '') continue;
    const parsed = tryParse(inner);
    if (parsed.ok) return parsed;
    firstError = parsed.error;
  }

  let tried = 0;
  for (let i = 0; i < text.length && tried < maxCandidates; i++) {
    const c = text[i];
    if (c !== '{' && c !== '[') continue;
    tried++;
    const end = balancedEnd(text, i);
    if (end < 0) continue;
    const parsed = tryParse(text.slice(i, end));
    if (parsed.ok) return parsed;
    firstError = parsed.error;
  }
  return { ok: false, error: `no valid JSON value found in the reply (${firstError})` };
}
