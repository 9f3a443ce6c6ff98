import { AppError } from '@quintessence/platform';

/** A normalised prediction: a label and a numeric score (null when the model gives a label only). */
export interface Prediction {
  readonly label: string;
  readonly score: number | null;
}

/** Port: any model under test that classifies or scores texts. */
export interface TextClassifier {
  readonly name: string;
  predictBatch(texts: readonly string[]): Promise<Prediction[]>;
}

const signLabel = (x: number) => (x > 0 ? 'positive' : x < 0 ? 'negative' : 'neutral');

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Turns what a model returns into `{label, score}`. Accepted: a number (label from its sign), a string label,
 * a boolean, `{label, score|probability|confidence}`, `{score}` / `{compound}` / `{comparative}`, and a list of
 * `{label, score}` (the top-scoring entry wins, as Hugging Face pipelines return).
 */
export function normalisePrediction(raw: unknown): Prediction {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new AppError('COUNTERFACTUAL_MODEL_FAILED', `model returned ${raw}`);
    return { label: signLabel(raw), score: raw };
  }
  if (typeof raw === 'string') {
    const trimmed = raw.trim();
    if (trimmed === '') throw new AppError('COUNTERFACTUAL_MODEL_FAILED', 'model returned an empty label');
    return { label: trimmed, score: null };
  }
  if (typeof raw === 'boolean') return { label: raw ? '1' : '0', score: raw ? 1 : 0 };
  if (Array.isArray(raw)) {
    const flat = Array.isArray(raw[0]) ? (raw[0] as unknown[]) : raw;
    if (flat.length === 0) throw new AppError('COUNTERFACTUAL_MODEL_FAILED', 'model returned an empty list');
    const items = flat.map(normalisePrediction);
    return items.reduce((best, p) =>
      (p.score ?? Number.NEGATIVE_INFINITY) > (best.score ?? Number.NEGATIVE_INFINITY) ? p : best,
    );
  }
  if (raw && typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    const score = num(o.score) ?? num(o.probability) ?? num(o.confidence) ?? num(o.compound) ?? num(o.comparative);
    if (typeof o.label === 'string' || typeof o.label === 'number') return { label: String(o.label), score };
    if (score !== null) return { label: signLabel(score), score };
  }
  throw new AppError(
    'COUNTERFACTUAL_MODEL_FAILED',
    `cannot read a prediction from ${JSON.stringify(raw)?.slice(0, 200)}; expected a number, a label, {label, score} or a list of them`,
  );
}

/** Wraps a JS/TS function (sync or async, one text at a time) as a model under test. */
export function functionClassifier(name: string, fn: (text: string) => unknown): TextClassifier {
  return {
    name,
    async predictBatch(texts) {
      const out: Prediction[] = [];
      for (const t of texts) out.push(normalisePrediction(await fn(t)));
      return out;
    },
  };
}
