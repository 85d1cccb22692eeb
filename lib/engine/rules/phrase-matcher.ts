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

  /** The data of the one-word phrases that are `word` (lowercase). */
  oneWord(word: string): T[] {
    return (this.byFirst.get(word) ?? []).filter((c) => c.words.length === 1).map((c) => c.data);
  }

  /** The matches in a sentence's words, left to right (one shared empty list when there are none). */
  matches(words: readonly Word[]): readonly PhraseMatch<T>[] {
    let found: PhraseMatch<T>[] | undefined;
    for (let i = 0; i < words.length; ) {
      const hit = this.longestAt(words, i);
      if (hit) {
        (found ??= []).push({ from: i, to: i + hit.words.length, data: hit.data });
        i += hit.words.length;
      } else {
        i++;
      }
    }
    return found ?? NONE;
  }

  /** True when any phrase occurs in the words. */
  occursIn(words: readonly Word[]): boolean {
    for (let i = 0; i < words.length; i++) if (this.longestAt(words, i)) return true;
    return false;
  }

  // Plain loops, no closures: this runs for every word of every sentence, once per word list.
  private longestAt(words: readonly Word[], i: number): { words: string[]; data: T } | undefined {
    const candidates = this.byFirst.get((words[i] as Word).lower);
    if (!candidates) return undefined;
    next: for (const c of candidates) {
      if (i + c.words.length > words.length) continue;
      for (let k = 1; k < c.words.length; k++) if ((words[i + k] as Word).lower !== c.words[k]) continue next;
      return c;
    }
    return undefined;
  }
}

const NONE: readonly never[] = Object.freeze([]);
