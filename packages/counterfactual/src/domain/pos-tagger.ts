/** A word with its character span in the source text and its Universal Dependencies part-of-speech tag. */
export interface TaggedToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Universal POS tag (NOUN, PROPN, ADJ, ADV, DET, PRON, VERB, AUX, ADP, PUNCT, NUM, ...). */
  readonly pos: string;
}

/** Port: part-of-speech tagging for grammatical disambiguation (the wink-nlp adapter implements it). */
export interface PosTagger {
  tag(text: string): readonly TaggedToken[];
}
