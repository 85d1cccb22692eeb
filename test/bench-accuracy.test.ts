import { describe, expect, it } from 'vitest';
import { comparePair, distribution, normaliseFindingText, ordering, orderingSummary, quantile, topCounts } from '../bench/accuracy.ts';

describe('bench accuracy: ordering of onestop triples', () => {
  it('compares a pair strictly, in either direction', () => {
    expect(comparePair(5, 7, 'ascending')).toBe(-1);
    expect(comparePair(7, 5, 'ascending')).toBe(1);
    expect(comparePair(6, 6, 'ascending')).toBe(0);
    expect(comparePair(80, 60, 'descending')).toBe(-1);
    expect(comparePair(60, 80, 'descending')).toBe(1);
    expect(comparePair(70, 70, 'descending')).toBe(0);
  });

  it('counts pairs, whole triples and ties for grades (ele < int < adv)', () => {
    const o = ordering(
      [
        { ele: 5, int: 7, adv: 9 }, // all three pairs in order
        { ele: 5, int: 9, adv: 7 }, // ele<int, ele<adv in order; int>adv wrong
        { ele: 6, int: 6, adv: 8 }, // ele=int tie; int<adv, ele<adv in order
        { ele: 9, int: 7, adv: 5 }, // all wrong
      ],
      'ascending',
    );
    expect(o.triples).toBe(4);
    expect(o.triplesCorrect).toBe(1);
    expect(o.tripleShare).toBe(0.25);
    // in order: 3 + 2 + 2 + 0 = 7 of 12 pairs
    expect(o.pairShare).toBeCloseTo(7 / 12, 10);
    expect(o.ties).toBe(1);
    expect(o.byPair.eleInt).toEqual({ correct: 2, ties: 1, wrong: 1 });
    expect(o.byPair.intAdv).toEqual({ correct: 2, ties: 0, wrong: 2 });
    expect(o.byPair.eleAdv).toEqual({ correct: 3, ties: 0, wrong: 1 });
    expect(o.mean).toEqual({ ele: 6.25, int: 7.25, adv: 7.25 });
    expect(orderingSummary(o)).toEqual({ pairs: 0.583, triples: 0.25, ties: 1 });
  });

  it('reverses for clarity scores (ele > int > adv) and counts a tied triple as not in order', () => {
    const o = ordering(
      [
        { ele: 90, int: 70, adv: 50 },
        { ele: 60, int: 60, adv: 60 },
      ],
      'descending',
    );
    expect(o.triplesCorrect).toBe(1);
    expect(o.tripleShare).toBe(0.5);
    expect(o.pairShare).toBe(0.5);
    expect(o.ties).toBe(3);
  });

  it('leaves out triples with a value that could not be measured', () => {
    const o = ordering(
      [
        { ele: 1, int: 2, adv: 3 },
        { ele: NaN, int: 2, adv: 3 },
      ],
      'ascending',
    );
    expect(o.triples).toBe(1);
    expect(o.tripleShare).toBe(1);
    expect(o.pairShare).toBe(1);
  });

  it('gives zeros, not NaN shares, for no triples', () => {
    const o = ordering([], 'ascending');
    expect(o).toMatchObject({ triples: 0, pairShare: 0, tripleShare: 0, ties: 0 });
  });
});

describe('bench accuracy: distributions and frequent findings', () => {
  it('interpolates quantiles between ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([10], 0.75)).toBe(10);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('summarises unsorted values and ignores NaN', () => {
    expect(distribution([50, 10, 40, 20, 30, NaN])).toEqual({ n: 5, min: 10, p25: 20, median: 30, p75: 40, max: 50 });
  });

  it('normalises finding text and ranks counts with a stable tie-break', () => {
    expect(normaliseFindingText('  Terms of\n  Service ')).toBe('terms of service');
    const counts = new Map([
      ['b', 3],
      ['a', 3],
      ['c', 5],
      ['d', 1],
    ]);
    expect(topCounts(counts, 3)).toEqual([
      { key: 'c', count: 5 },
      { key: 'a', count: 3 },
      { key: 'b', count: 3 },
    ]);
  });
});
