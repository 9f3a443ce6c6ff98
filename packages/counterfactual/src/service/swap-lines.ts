import { AppError } from '@quintessence/platform';
import type { GenderDirection } from '../domain/gender/gender-lexicon.js';
import { genderDirections } from '../domain/gender/gender-lexicon.js';
import { type SwapResult, swapGender } from '../domain/gender/gender-swap.js';
import type { PosTagger } from '../domain/pos-tagger.js';
import { type TextLimits, validateAttribute, validateText } from '../domain/validation.js';

/** One output record of `counterfactual swap` (snake_case: the stable JSONL contract). */
export interface SwapRecord {
  readonly original: string;
  readonly counterfactual: string;
  readonly changed_tokens: readonly { start: number; end: number; from: string; to: string }[];
}

export interface SwapLinesOptions {
  readonly attribute: string;
  readonly direction: string;
  readonly tagger?: PosTagger;
  readonly limits?: TextLimits;
}

/** Parses a direction name, listing the allowed ones on error. */
export function parseDirection(direction: string): GenderDirection {
  if (!(genderDirections as readonly string[]).includes(direction)) {
    throw new AppError(
      'VALIDATION_ERROR',
      `--direction must be one of ${genderDirections.join(', ')}; got "${direction}"`,
    );
  }
  return direction as GenderDirection;
}

/** Swaps each sentence (one per element); validates attribute, direction and each text's length first. */
export function swapLines(lines: readonly string[], options: SwapLinesOptions): SwapRecord[] {
  const attribute = validateAttribute(options.attribute);
  if (attribute !== 'gender') {
    throw new AppError(
      'COUNTERFACTUAL_UNKNOWN_ATTRIBUTE',
      `swap supports --attribute gender; use "counterfactual generate --axis ${attribute}" for HolisticBias axes`,
    );
  }
  const direction = parseDirection(options.direction);
  lines.forEach((line, i) => {
    try {
      validateText(line, options.limits);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `line ${i + 1}: ${error.message}`);
      throw error;
    }
  });
  return lines.map((line) => toRecord(swapGender(line, direction, { tagger: options.tagger })));
}

export function toRecord(result: SwapResult): SwapRecord {
  return {
    original: result.original,
    counterfactual: result.counterfactual,
    changed_tokens: result.changedTokens.map((c) => ({ start: c.start, end: c.end, from: c.from, to: c.to })),
  };
}
