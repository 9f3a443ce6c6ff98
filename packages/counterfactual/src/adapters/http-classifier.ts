import { AppError } from '@quintessence/platform';
import { normalisePrediction, type Prediction, type TextClassifier } from '../domain/text-classifier.js';

export interface HttpClassifierOptions {
  readonly url: string;
  /** JSON request body with a `{{text}}` placeholder (replaced by the JSON-escaped text). Default `{"text": "{{text}}"}`. */
  readonly template?: string;
  /** Dot path to the prediction in the response (e.g. `result.0`); default: the whole body. */
  readonly responsePath?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-request timeout (default 30,000 ms). */
  readonly timeoutMs?: number;
  /** Parallel requests (default 4). */
  readonly concurrency?: number;
}

function pick(body: unknown, path: string | undefined): unknown {
  if (!path) return body;
  let cur: unknown = body;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * A model behind an HTTP endpoint: one POST per text with the JSON template filled in; the response (or the part at
 * `responsePath`) is normalised with {@link normalisePrediction}. Non-2xx responses, timeouts and unreadable bodies
 * are COUNTERFACTUAL_MODEL_FAILED errors.
 */
export function httpClassifier(options: HttpClassifierOptions): TextClassifier {
  const { url, template = '{"text": "{{text}}"}', responsePath, headers = {}, timeoutMs = 30_000 } = options;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  if (!template.includes('{{text}}')) {
    throw new AppError('VALIDATION_ERROR', 'the HTTP request template must contain the {{text}} placeholder');
  }
  try {
    JSON.parse(template.replaceAll('{{text}}', 'x'));
  } catch {
    throw new AppError('VALIDATION_ERROR', 'the HTTP request template is not valid JSON once {{text}} is filled in');
  }
  const one = async (text: string): Promise<Prediction> => {
    const body = template.replaceAll('{{text}}', JSON.stringify(text).slice(1, -1));
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new AppError(
        'COUNTERFACTUAL_MODEL_FAILED',
        `model endpoint ${url} unreachable: ${(error as Error).message}`,
      );
    }
    const raw = await response.text();
    if (!response.ok) {
      throw new AppError(
        'COUNTERFACTUAL_MODEL_FAILED',
        `model endpoint returned ${response.status}: ${raw.slice(0, 200)}`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new AppError('COUNTERFACTUAL_MODEL_FAILED', `model endpoint returned non-JSON: ${raw.slice(0, 200)}`);
    }
    return normalisePrediction(pick(parsed, responsePath));
  };
  return {
    name: `http:${url}`,
    async predictBatch(texts) {
      const out = new Array<Prediction>(texts.length);
      let next = 0;
      const worker = async () => {
        while (next < texts.length) {
          const i = next++;
          out[i] = await one(texts[i]!);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, texts.length) }, worker));
      return out;
    },
  };
}
