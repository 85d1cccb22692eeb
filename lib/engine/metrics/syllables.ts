import { syllable } from 'syllable';
import { syllableExceptions } from '../data/words.ts';

/** CMU pronouncing dictionary counts for the words where the `syllable` rules are wrong (see bin/build-data.ts). */
const EXCEPTIONS = new Map(
  syllableExceptions().map((line) => {
    const at = line.lastIndexOf(':');
    return [line.slice(0, at), Number(line.slice(at + 1))] as const;
  }),
);

const cache = new Map<string, number>();

/**
 * Syllables in a lowercased word: the CMU pronouncing dictionary's count
 * where it differs from the `syllable` package's rules (text-readability's
 * counter gets walked, science, poem, area and ninety wrong), else the rules.
 * Hyphenated words are counted part by part; numbers count as one.
 */
export function syllablesOf(lower: string): number {
  const hit = cache.get(lower);
  if (hit !== undefined) return hit;
  const count = lower.includes('-') ? lower.split('-').reduce((n, part) => n + count1(part), 0) : count1(lower);
  if (cache.size < 200_000) cache.set(lower, count);
  return count;
}

function count1(word: string): number {
  if (word === '') return 0;
  if (/^[\d.,]+$/.test(word)) return 1;
  const bare = word.endsWith("'s") ? word.slice(0, -2) : word;
  return EXCEPTIONS.get(bare) ?? EXCEPTIONS.get(word) ?? Math.max(1, syllable(bare));
}
