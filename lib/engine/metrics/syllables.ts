import { dictionary } from 'cmu-pronouncing-dictionary';
import { syllable } from 'syllable';

const cache = new Map<string, number>();

/**
 * Syllables in a lowercased word: from the CMU pronouncing dictionary where it
 * knows the word (text-readability's counter gets walked, science, poem, area
 * and ninety wrong), else the `syllable` package's rules. Hyphenated words are
 * counted part by part; numbers count as one.
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
  const phones = dictionary[bare] ?? dictionary[word];
  if (phones) return Math.max(1, phones.replace(/[^012]/g, '').length);
  return Math.max(1, syllable(bare));
}
