/**
 * Part of speech and lemma for the rules whose verdict depends on grammar (a verbal or adjectival participle, an
 * instruction or a neutral "just"), from compromise's tagger. Tagging costs about 0.2 ms a sentence, so rules ask
 * for it only on sentences where their word lists already matched, and each sentence is tagged at most once.
 */
import nlp from 'compromise/two';
import type { Sentence, Word } from '../types.ts';

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

/**
 * How closely to tag. `parts` is compromise's tagging without its post-tagger: the lexicon, suffix and neighbour
 * rules give parts of speech (noun, verb, tense) at a third of the cost, the post-tagger's pattern matches being
 * the other two thirds. `full` adds them, for the finer calls they make: an adjectival participle ("is
 * grandfathered"), an adverb before an instruction.
 */
export type TagDepth = 'parts' | 'full';
// nlp.tokenize(text) is fromString (which already normalises each term) and then alias, normal, machine and
// contractions; building the document from fromString ourselves skips that second normalisation, a sixth of the
// tagging cost on the real corpus, with the same terms and tags.
const PARTS = ['alias', 'machine', 'contractions', 'lexicon', 'preTagger', 'contractionTwo', 'offset', 'root'];
const world = nlp.world() as unknown as { methods: { one: { tokenize: { fromString(text: string, world: unknown): Term[][] } } } };
const View = Object.getPrototypeOf(nlp.tokenize('')).constructor as new (document: Term[][]) => ReturnType<typeof nlp.tokenize>;
const AFTER_FULL = ['offset', 'root'];
const caches: Record<TagDepth, WeakMap<Sentence, readonly Tagged[]>> = { parts: new WeakMap(), full: new WeakMap() };

/** Tags for each of the sentence's words, in order; `text` is the sentence's block text. */
export function tagSentence(text: string, sentence: Sentence, depth: TagDepth = 'full'): readonly Tagged[] {
  const cache = caches[depth];
  const cached = cache.get(sentence) ?? (depth === 'parts' ? caches.full.get(sentence) : undefined);
  if (cached) return cached;
  const tagged = sentence.words.length <= WINDOW ? tagWords(text, sentence.words, depth) : tagInWindows(text, sentence.words, depth);
  cache.set(sentence, tagged);
  return tagged;
}

/** Words either side of a span that `tagAround` tags with it: enough context for the post-tagger's patterns. */
const CONTEXT = 4;

/**
 * Tags for words `from`..`to - 1` of a sentence, read with a few words either side rather than the whole
 * sentence: for a rule that asks about one short span of a long sentence (uncached).
 */
export function tagAround(text: string, words: readonly Word[], from: number, to: number, depth: TagDepth = 'full'): readonly Tagged[] {
  const a = Math.max(0, from - CONTEXT);
  return tagWords(text, words.slice(a, Math.min(words.length, to + CONTEXT)), depth).slice(from - a, to - a);
}

/**
 * Words tagged in one call at most. A "sentence" with no full stop for pages on end (a pasted export, a run-on
 * list) is tagged a window at a time, each read with its neighbours' context: the same linear cost, with memory
 * bounded by the window rather than the sentence.
 */
const WINDOW = 200;

function tagInWindows(text: string, words: readonly Word[], depth: TagDepth): Tagged[] {
  const tagged: Tagged[] = [];
  for (let from = 0; from < words.length; from += WINDOW) tagged.push(...tagAround(text, words, from, Math.min(words.length, from + WINDOW), depth));
  return tagged;
}

function tagWords(text: string, words: readonly Word[], depth: TagDepth): Tagged[] {
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return [];
  const slice = text.slice(first.start, last.end);
  const doc = depth === 'full' ? nlp(slice) : new View(world.methods.one.tokenize.fromString(slice, world));
  doc.compute(depth === 'full' ? AFTER_FULL : PARTS);
  const terms = (doc as unknown as { docs: Term[][] }).docs.flat();
  const tagged: Tagged[] = [];
  let t = 0;
  for (const word of words) {
    const at = word.start - first.start;
    while (t < terms.length - 1 && termEnd(terms[t]) <= at) t++;
    const term = terms[t];
    tagged.push(term && (term.offset?.start ?? 0) <= at && at < termEnd(term) ? { tags: term.tags, lemma: term.root ?? term.normal ?? word.lower } : { tags: NO_TAGS, lemma: word.lower });
  }
  return tagged;
}

function termEnd(term: Term | undefined): number {
  return term?.offset ? term.offset.start + Math.max(1, term.offset.length) : 0;
}
