import { describe, expect, it } from 'vitest';
import { covers, precision, splitTally, sum, tally, wilson, type Found, type Label } from '../bench/precision.ts';

const label = (over: Partial<Label>): Label => ({ file: 'a.md', ruleId: 'hedging', text: 'may', line: 1, column: 5, suggestion: null, verdict: 'TP', suggestion_ok: null, ...over });
const found = (over: Partial<Found>): Found => ({ file: 'a.md', ruleId: 'hedging', text: 'may', line: 1, column: 5, length: 3, personas: ['first-time-consumer'], ...over });

describe('precision against hand-judged findings', () => {
  it('counts a judged finding the engine still makes by its verdict, and one it no longer makes as withdrawn', () => {
    const labels = [label({ verdict: 'TP' }), label({ line: 2, verdict: 'FP' }), label({ line: 3, verdict: 'DEBATABLE' })];
    const t = tally(labels, [found({}), found({ line: 3 }), found({ line: 9 })]).get('hedging');
    expect(t).toMatchObject({ TP: 1, FP: 0, DEBATABLE: 1, withdrawn: { TP: 0, FP: 1, DEBATABLE: 0 }, unjudged: 1 });
  });

  it('does not match a finding at the same place with other text or another rule', () => {
    const t = tally([label({ verdict: 'FP' })], [found({ text: 'might' }), found({ ruleId: 'fear' })]);
    expect(t.get('hedging')?.withdrawn.FP).toBe(1);
    expect(t.get('fear')?.unjudged).toBe(1);
  });

  it('judges a suggestion only while it is the one that was judged', () => {
    const labels = [label({ suggestion: 'can', suggestion_ok: true }), label({ line: 2, suggestion: 'will', suggestion_ok: false }), label({ line: 3, suggestion: 'x', suggestion_ok: true })];
    const t = tally(labels, [found({ suggestion: 'can' }), found({ line: 2, suggestion: 'will' }), found({ line: 3, suggestion: 'y' })]).get('hedging');
    expect(t).toMatchObject({ suggestionsOk: 1, suggestionsJudged: 2, suggestionsUnjudged: 1 });
  });

  it('leaves debatable findings out of precision, and has none with nothing judged', () => {
    expect(precision({ TP: 3, FP: 1 })).toBe(0.75);
    expect(precision({ TP: 0, FP: 0 })).toBeUndefined();
    const all = sum([tally([label({})], [found({})]).get('hedging')!, tally([label({ verdict: 'FP' })], [found({})]).get('hedging')!]);
    expect(precision(all)).toBe(0.5);
  });

  it('gives the Wilson interval', () => {
    const [lo, hi] = wilson(19, 23);
    expect(lo).toBeCloseTo(0.63, 2);
    expect(hi).toBeCloseTo(0.93, 2);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it('counts a miss as covered by an overlapping word-level finding for the persona, on its line', () => {
    const miss = { file: 'a.md', text: 'grace period', line: 4, kind: 'jargon' };
    const line = 'Pay within the grace period to keep cover.';
    const at = line.indexOf('grace') + 1;
    expect(covers(miss, line, [found({ line: 4, column: at + 6, length: 6 })], 'first-time-consumer')).toBe(true);
    expect(covers(miss, line, [found({ line: 4, column: 1, length: 3 })], 'first-time-consumer')).toBe(false);
    expect(covers(miss, line, [found({ line: 4, column: at, length: 5, personas: ['technical-admin'] })], 'first-time-consumer')).toBe(false);
    // A sentence-level finding covers a long sentence, not a missed term.
    expect(covers(miss, line, [found({ line: 4, column: 1, length: 40, ruleId: 'sentence-length' })], 'first-time-consumer')).toBe(false);
    expect(covers({ ...miss, kind: 'long-sentence' }, line, [found({ line: 4, column: 1, length: 40, ruleId: 'sentence-length' })], 'first-time-consumer')).toBe(true);
  });
});

describe('splitTally: sentence splits judged by hand', () => {
  const found = (suggestion?: string): Found => ({ file: 'a.md', ruleId: 'sentence-length', text: 't', line: 3, column: 1, length: 1, personas: ['p'], ...(suggestion ? { suggestion } : {}) });
  const label = { file: 'a.md', line: 3, column: 1, suggestion: 'One. Two.', grammatical: true };
  it('counts a judged split the engine still offers word for word', () => {
    expect(splitTally([label], [found('One. Two.')])).toEqual({ grammatical: 1, judged: 1, changed: 0, withdrawn: 0 });
    expect(splitTally([{ ...label, grammatical: false }], [found('One. Two.')])).toEqual({ grammatical: 0, judged: 1, changed: 0, withdrawn: 0 });
  });
  it('leaves out a split that changed or is no longer offered', () => {
    expect(splitTally([label], [found('One, two. Three.')])).toEqual({ grammatical: 0, judged: 0, changed: 1, withdrawn: 0 });
    expect(splitTally([label], [found()])).toEqual({ grammatical: 0, judged: 0, changed: 0, withdrawn: 1 });
  });
});
