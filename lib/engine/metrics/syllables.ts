import { wordTable } from '../data/words.ts';
import { countSyllables } from './syllable-rules.ts';

const NONE: ReadonlyMap<string, number> = new Map();
/** Words off the list, counted by the rules once each. */
const offList = new Map<string, number>();

/**
 * Syllables in a lowercased word: counted at install for the 74k words of the frequency list (the CMU
 * pronouncing dictionary where the `syllable` rules are wrong: text-readability's counter gets walked,
 * science, poem, area and ninety wrong), by the rules for the rest. Hyphenated words are counted part
 * by part; numbers count as one.
 */
export function syllablesOf(lower: string): number {
  if (!lower.includes('-')) return count1(lower);
  let n = 0;
  for (const part of lower.split('-')) n += count1(part);
  return n;
}

function count1(word: string): number {
  const { index, syllables } = wordTable();
  const i = index.get(word);
  if (i !== undefined) return syllables[i] ?? 1;
  // "customer's": the listed word's count ("customer" is listed, "customer's" is not).
  const bare = word.endsWith("'s") ? index.get(word.slice(0, -2)) : undefined;
  if (bare !== undefined) return syllables[bare] ?? 1;
  let n = offList.get(word);
  if (n === undefined) {
    n = countSyllables(word, NONE);
    if (offList.size < 100_000) offList.set(word, n);
  }
  return n;
}
