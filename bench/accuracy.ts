/**
 * Accuracy figures for the benchmark, as pure functions over numbers (test/bench-accuracy.test.ts).
 *
 * onestop gives the same article at three levels (elementary < intermediate < advanced). A grade should
 * rise with the level and a clarity score should fall: `ordering` counts how often a measure puts the three
 * versions of an article in that order.
 */

/** One article's measure at the three levels. */
export interface Triple {
  ele: number;
  int: number;
  adv: number;
}

/** `ascending` for grades (ele < int < adv); `descending` for clarity scores (ele > int > adv). */
export type Direction = 'ascending' | 'descending';

export interface PairCounts {
  correct: number;
  ties: number;
  /** Ordered the wrong way round (neither correct nor tied). */
  wrong: number;
}

export interface Ordering {
  /** Triples with a number at all three levels (the denominator). */
  triples: number;
  /** Share of the 3 × `triples` pairs (ele–int, int–adv, ele–adv) strictly in order, 0–1. */
  pairShare: number;
  /** Share of triples with all three pairs strictly in order, 0–1. */
  tripleShare: number;
  /** Pairs with equal values (counted as not in order). */
  ties: number;
  /** The triples strictly in order. */
  triplesCorrect: number;
  byPair: { eleInt: PairCounts; intAdv: PairCounts; eleAdv: PairCounts };
  /** Mean value per level. */
  mean: Triple;
}

/** -1 when `lower` comes before `higher` in the direction, 0 when tied, 1 when the wrong way round. */
export function comparePair(lower: number, higher: number, direction: Direction): -1 | 0 | 1 {
  if (lower === higher) return 0;
  const inOrder = direction === 'ascending' ? lower < higher : lower > higher;
  return inOrder ? -1 : 1;
}

/**
 * How well a measure orders each triple. A triple with a non-finite value (NaN: the file could not be
 * measured) is left out of every count.
 */
export function ordering(triples: readonly Triple[], direction: Direction): Ordering {
  const valid = triples.filter((t) => Number.isFinite(t.ele) && Number.isFinite(t.int) && Number.isFinite(t.adv));
  const eleInt = emptyPair();
  const intAdv = emptyPair();
  const eleAdv = emptyPair();
  let triplesCorrect = 0;
  for (const t of valid) {
    const a = tally(eleInt, comparePair(t.ele, t.int, direction));
    const b = tally(intAdv, comparePair(t.int, t.adv, direction));
    const c = tally(eleAdv, comparePair(t.ele, t.adv, direction));
    if (a && b && c) triplesCorrect += 1;
  }
  const n = valid.length;
  const correctPairs = eleInt.correct + intAdv.correct + eleAdv.correct;
  return {
    triples: n,
    pairShare: n === 0 ? 0 : correctPairs / (3 * n),
    tripleShare: n === 0 ? 0 : triplesCorrect / n,
    ties: eleInt.ties + intAdv.ties + eleAdv.ties,
    triplesCorrect,
    byPair: { eleInt, intAdv, eleAdv },
    mean: {
      ele: mean(valid.map((t) => t.ele)),
      int: mean(valid.map((t) => t.int)),
      adv: mean(valid.map((t) => t.adv)),
    },
  };
}

function emptyPair(): PairCounts {
  return { correct: 0, ties: 0, wrong: 0 };
}

/** Counts one comparison; true when it was in order. */
function tally(p: PairCounts, cmp: -1 | 0 | 1): boolean {
  if (cmp === -1) p.correct += 1;
  else if (cmp === 0) p.ties += 1;
  else p.wrong += 1;
  return cmp === -1;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

export interface Distribution {
  n: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  max: number;
}

/** Quantile `q` (0–1) of sorted values, by linear interpolation between closest ranks (R's type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

/** Five-number summary of `values` (NaN everywhere when there are none). */
export function distribution(values: readonly number[]): Distribution {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return { n: s.length, min: quantile(s, 0), p25: quantile(s, 0.25), median: quantile(s, 0.5), p75: quantile(s, 0.75), max: quantile(s, 1) };
}

/** A finding's text as counted across documents: lower case, runs of whitespace made one space, trimmed. */
export function normaliseFindingText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The `n` most frequent keys, most frequent first; ties broken by key so the list is stable. */
export function topCounts<K extends string>(counts: ReadonlyMap<K, number>, n: number): Array<{ key: K; count: number }> {
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, n);
}

/** Rounds for printing and JSON. */
export function round(n: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(n * p) / p;
}

/** The JSON shape of an ordering: shares to 3 decimals and the number of tied pairs. */
export function orderingSummary(o: Ordering): { pairs: number; triples: number; ties: number } {
  return { pairs: round(o.pairShare, 3), triples: round(o.tripleShare, 3), ties: o.ties };
}
