import { StreamFormatError } from '../stream/stream-format-error.js';

/**
 * Reads a stream of numbers: either a TCPD series JSON document (`{"series": [{"raw": [...]}]}`, first value column)
 * or plain text with one number per line (blank lines skipped). A value that is not a finite number is an error
 * naming its line (text) or index (JSON).
 */
export function parseNumberStream(text: string): number[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      throw new StreamFormatError(1, 'not valid JSON');
    }
    const series = (doc as { series?: Array<{ raw?: unknown }> }).series;
    const raw = Array.isArray(series) ? series[0]?.raw : undefined;
    if (!Array.isArray(raw)) throw new StreamFormatError(1, 'expected a TCPD document with series[0].raw');
    return raw.map((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new StreamFormatError(1, `series[0].raw[${i}] is not a finite number (${JSON.stringify(v)})`);
      }
      return v;
    });
  }
  const out: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i].trim();
    if (s === '') continue;
    const v = Number(s);
    if (!Number.isFinite(v)) throw new StreamFormatError(i + 1, `expected a number, found "${s}"`);
    out.push(v);
  }
  return out;
}
