import { syllable } from 'syllable';

/**
 * Syllables in one lowercased word without hyphens: the CMU pronouncing dictionary's count where it is
 * in `exceptions` (the words where the `syllable` package's rules are wrong), else the rules; numbers
 * count as one. bin/build-data.ts counts every listed word with this once, at install; the engine
 * calls it only for words off the list.
 */
export function countSyllables(word: string, exceptions: ReadonlyMap<string, number>): number {
  if (word === '') return 0;
  if (/^[\d.,]+$/.test(word)) return 1;
  const bare = word.endsWith("'s") ? word.slice(0, -2) : word;
  return exceptions.get(bare) ?? exceptions.get(word) ?? Math.max(1, syllable(bare));
}
