import { wordTable } from '../data/words.ts';

/**
 * Rank of a word in spoken-English frequency (SUBTLEX-US, 74k words; 1 =
 * most common), or Infinity when it is not on the list.
 */
export function frequencyRank(lower: string): number {
  const { index } = wordTable();
  const i = index.get(lower) ?? (lower.endsWith("'s") ? index.get(lower.slice(0, -2)) : undefined);
  return i === undefined ? Infinity : i + 1;
}
