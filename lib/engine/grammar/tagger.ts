/**
 * Part of speech and lemma for the rules whose verdict depends on grammar (a verbal or adjectival participle, an
 * instruction or a neutral "just"), from compromise's tagger. Tagging costs about 0.2 ms a sentence, so rules ask
 * for it only on sentences where their word lists already matched, and each sentence is tagged at most once.
 */
import nlp from 'compromise/two';
import type { Sentence } from '../types.ts';

/** What the tagger says of one of our words (the term it begins with, for words compromise splits, like "sign-in"). */
export interface Tagged {
  tags: ReadonlySet<string>;
  /** The lemma where compromise gives one ("leaks" → "leak", "were" → "is"), else the lowercased word. */
  lemma: string;
}

interface Term {
  tags: Set<string>;
  root?: string;
  normal?: string;
  offset?: { start: number; length: number };
}

const NO_TAGS: ReadonlySet<string> = new Set();
const cache = new WeakMap<Sentence, readonly Tagged[]>();

/** Tags for each of the sentence's words, in order; `text` is the sentence's block text. */
export function tagSentence(text: string, sentence: Sentence): readonly Tagged[] {
  const cached = cache.get(sentence);
  if (cached) return cached;
  const doc = nlp(text.slice(sentence.start, sentence.end));
  doc.compute('offset');
  doc.compute('root');
  const terms = (doc as unknown as { docs: Term[][] }).docs.flat();
  const tagged: Tagged[] = [];
  let t = 0;
  for (const word of sentence.words) {
    const at = word.start - sentence.start;
    while (t < terms.length - 1 && termEnd(terms[t]) <= at) t++;
    const term = terms[t];
    tagged.push(term && (term.offset?.start ?? 0) <= at && at < termEnd(term) ? { tags: term.tags, lemma: term.root ?? term.normal ?? word.lower } : { tags: NO_TAGS, lemma: word.lower });
  }
  cache.set(sentence, tagged);
  return tagged;
}

function termEnd(term: Term | undefined): number {
  return term?.offset ? term.offset.start + Math.max(1, term.offset.length) : 0;
}
