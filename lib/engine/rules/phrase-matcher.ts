import type { Word } from '../types.ts';

export interface PhraseMatch<T> {
  /** Index of the first and one past the last matched word. */
  from: number;
  to: number;
  data: T;
}

/**
 * Finds phrases (sequences of lowercase words) in a sentence's words. Phrases
 * are indexed by their first word, so each word costs one map lookup; at a
 * position the longest phrase wins and matching resumes after it.
 */
export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, { words: string[]; data: T }[]>();

  constructor(entries: Iterable<{ phrase: string; data: T }>) {
    for (const { phrase, data } of entries) {
      const words = phrase.toLowerCase().replace(/’/g, "'").split(/\s+/).filter(Boolean);
      const first = words[0];
      if (!first) continue;
      const list = this.byFirst.get(first) ?? [];
      list.push({ words, data });
      this.byFirst.set(first, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  get size(): number {
    let n = 0;
    for (const list of this.byFirst.values()) n += list.length;
    return n;
  }

  *matches(words: readonly Word[]): Generator<PhraseMatch<T>> {
    for (let i = 0; i < words.length; ) {
      const candidates = this.byFirst.get(words[i]?.lower ?? '');
      const hit = candidates?.find((c) => c.words.every((w, k) => words[i + k]?.lower === w));
      if (hit) {
        yield { from: i, to: i + hit.words.length, data: hit.data };
        i += hit.words.length;
      } else {
        i++;
      }
    }
  }
}
