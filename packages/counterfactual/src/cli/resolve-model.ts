import { AppError } from '@quintessence/platform';
import { cliClassifier } from '../adapters/cli-classifier.js';
import { httpClassifier } from '../adapters/http-classifier.js';
import { builtInModels } from '../adapters/lexicon-models.js';
import type { TextClassifier } from '../domain/text-classifier.js';

export interface ModelFlags {
  readonly model: string;
  readonly modelArg?: readonly string[];
  readonly httpTemplate?: string;
  readonly httpPath?: string;
  readonly timeoutMs?: number;
}

/**
 * Resolves `--model`: a built-in lexicon model (`afinn`, `vader`, `wink`), `cmd:<executable>` (with `--model-arg`
 * values as its arguments; texts as JSON lines on stdin) or `http:<url>` / `https:<url>` (with `--http-template`).
 */
export function resolveModel(flags: ModelFlags): { model: TextClassifier; version?: string } {
  const spec = flags.model;
  const builtIn = builtInModels[spec];
  if (builtIn) {
    const m = builtIn();
    return { model: m, version: m.package };
  }
  if (spec.startsWith('cmd:')) {
    const command = spec.slice(4);
    if (!command) throw new AppError('VALIDATION_ERROR', '--model cmd:<executable> needs an executable');
    return { model: cliClassifier({ command, args: flags.modelArg ?? [], timeoutMs: flags.timeoutMs }) };
  }
  if (spec.startsWith('http:') || spec.startsWith('https:')) {
    const url = spec.startsWith('http:') && !spec.startsWith('http://') ? spec.slice(5) : spec;
    try {
      new URL(url);
    } catch {
      throw new AppError('VALIDATION_ERROR', `--model ${spec}: not a valid URL`);
    }
    return {
      model: httpClassifier({
        url,
        template: flags.httpTemplate,
        responsePath: flags.httpPath,
        timeoutMs: flags.timeoutMs,
      }),
    };
  }
  throw new AppError(
    'VALIDATION_ERROR',
    `--model must be one of ${Object.keys(builtInModels).join(', ')}, cmd:<executable> or http:<url>; got "${spec}"`,
  );
}
