import { createRequire } from 'node:module';
import type { PosTagger, TaggedToken } from '../domain/pos-tagger.js';

/** Minimal slice of the wink-nlp API this module uses. */
interface WinkItems {
  out(f?: unknown): string[];
}
interface WinkDoc {
  tokens(): WinkItems;
  out(f?: unknown): unknown;
}
export interface WinkNlp {
  readDoc(text: string): WinkDoc;
  its: { pos: unknown; sentiment: unknown };
}

let instance: WinkNlp | undefined;

/** The shared wink-nlp instance with wink-eng-lite-web-model (loaded lazily from npm; no network). */
export function winkNlp(): WinkNlp {
  if (instance) return instance;
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as (model: unknown) => WinkNlp;
  instance = winkNLP(require('wink-eng-lite-web-model'));
  return instance;
}

/**
 * Universal POS tagger backed by wink-nlp (wink-eng-lite-web-model 1.8.1). Tokens are mapped back to character
 * offsets in the input.
 */
export function createWinkPosTagger(): PosTagger {
  const nlp = winkNlp();
  return {
    tag(text: string): readonly TaggedToken[] {
      const doc = nlp.readDoc(text);
      const values = doc.tokens().out();
      const tags = doc.tokens().out(nlp.its.pos);
      const out: TaggedToken[] = [];
      let cursor = 0;
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        const at = text.indexOf(value, cursor);
        const start = at < 0 ? cursor : at;
        const end = at < 0 ? cursor : at + value.length;
        out.push({ text: value, start, end, pos: tags[i] ?? 'X' });
        cursor = end;
      }
      return out;
    },
  };
}
