import { wordsByFrequency } from '../data/words.ts';

let ranks: Map<string, number> | undefined;

/**
 * Rank of a word in spoken-English frequency (SUBTLEX-US, 74k words; 1 =
 * most common), or Infinity when it is not on the list. The lookup map is
 * built on first use.
 */
export function frequencyRank(lower: string): number {
  ranks ??= new Map(wordsByFrequency().map((word, i) => [word, i + 1]));
  return ranks.get(lower) ?? (lower.endsWith("'s") ? ranks.get(lower.slice(0, -2)) : undefined) ?? Infinity;
}
