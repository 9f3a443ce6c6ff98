import { createRequire } from 'node:module';
import { functionClassifier, type TextClassifier } from '../domain/text-classifier.js';
import { winkNlp } from './wink.js';

const require = createRequire(import.meta.url);

/** A built-in offline sentiment model: a synchronous score plus the TextClassifier view of it. */
export interface LexiconModel extends TextClassifier {
  /** Raw score of one text (AFINN comparative, VADER compound, wink-nlp sentiment). */
  score(text: string): number;
  /** The npm package and version behind the model. */
  readonly package: string;
}

function make(name: string, pkg: string, score: (text: string) => number): LexiconModel {
  const classifier = functionClassifier(name, score);
  return { name, package: pkg, score, predictBatch: classifier.predictBatch };
}

function version(pkg: string): string {
  return (require(`${pkg}/package.json`) as { version: string }).version;
}

/** AFINN-165 via `sentiment` (npm): the comparative score (sum of word valences / token count). */
export function afinnModel(): LexiconModel {
  const Sentiment = require('sentiment') as new () => { analyze(t: string): { comparative: number } };
  const s = new Sentiment();
  return make('afinn', `sentiment@${version('sentiment')}`, (t) => s.analyze(t).comparative);
}

/** VADER via `vader-sentiment` (npm): the compound score in [-1, 1]. */
export function vaderModel(): LexiconModel {
  const vader = require('vader-sentiment') as {
    SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } };
  };
  return make(
    'vader',
    `vader-sentiment@${version('vader-sentiment')}`,
    (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound,
  );
}

/** wink-nlp document sentiment with wink-eng-lite-web-model, in [-1, 1]. */
export function winkSentimentModel(): LexiconModel {
  const nlp = winkNlp();
  return make(
    'wink',
    `wink-nlp@${version('wink-nlp')}+wink-eng-lite-web-model@${version('wink-eng-lite-web-model')}`,
    (t) => nlp.readDoc(t).out(nlp.its.sentiment) as number,
  );
}

/** The three built-in models by name. */
export const builtInModels: Readonly<Record<string, () => LexiconModel>> = {
  afinn: afinnModel,
  vader: vaderModel,
  wink: winkSentimentModel,
};
