import type { PosTagger, TaggedToken } from '../pos-tagger.js';

const closedClass: Record<string, string> = {};
const add = (pos: string, words: string) => {
  for (const w of words.split(' ')) closedClass[w] = pos;
};
add('DET', 'a an the this that these those every each some any no all both either neither another');
add(
  'ADP',
  'to of in on at by for with from into onto about over under after before since during without within through across against among between toward towards upon via like',
);
add(
  'PRON',
  'i me my mine you your yours he him his she her hers it its we us our ours they them their theirs who whom whose what which myself yourself himself herself itself ourselves themselves',
);
add('CCONJ', 'and or but nor yet so');
add('SCONJ', 'that if because although though while whereas whether unless until when where');
add(
  'AUX',
  'is are was were be been being am has have had do does did will would shall should can could may might must',
);
add(
  'ADV',
  'not very too also again yesterday today tonight tomorrow now then here there well back away once twice often always never soon later lately recently anyway really just still already',
);
add('PART', "'s n't");

/**
 * A dependency-free fallback tagger: closed-class words get their Universal POS tag, punctuation PUNCT, numbers NUM,
 * every other word `X` (an open-class word, treated as a possible noun). Good enough to tell "her book" from
 * "to her."; use the wink-nlp tagger for real text.
 */
export const heuristicPosTagger: PosTagger = {
  tag(text: string): readonly TaggedToken[] {
    const tokens: TaggedToken[] = [];
    for (const m of text.matchAll(/\p{L}+(?:['’]\p{L}+)*|\d+(?:[.,]\d+)*|[^\s\p{L}\d]/gu)) {
      const word = m[0];
      const lower = word.toLowerCase();
      const pos = /^\d/.test(word) ? 'NUM' : /^\p{L}/u.test(word) ? (closedClass[lower] ?? 'X') : 'PUNCT';
      tokens.push({ text: word, start: m.index, end: m.index + word.length, pos });
    }
    return tokens;
  },
};
