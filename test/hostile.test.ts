/**
 * Hostile content never takes the pipeline down (issue 15). Each input here is sized so that the quadratic
 * (backtracking) version it guards against takes well over 10 s, while the linear one takes a few hundredths:
 * the test's timeout is the only bound, so a loaded machine cannot make these flaky, and a regression cannot pass.
 */
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../lib/engine/segment/sentences.ts';
import { tokenize } from '../lib/engine/segment/words.ts';
import { looksLikeHtml } from '../lib/engine/parse/macros-json.ts';
import { readDirectives } from '../lib/engine/parse/directives.ts';

/** Far under the quadratic versions' time at these sizes (15–50 s), far over the linear ones' (under 0.3 s). */
const LINEAR = 5_000;

describe('patterns that used to backtrack super-linearly', () => {
  it(
    'the sentence splitter on 80 KB of dots with no space after them (was 23 s)',
    () => {
      expect(splitSentences('.'.repeat(80_000) + 'x')).toEqual([{ start: 0, end: 80_001 }]);
      expect(splitSentences('a' + '.'.repeat(80_000))).toEqual([{ start: 0, end: 80_001 }]);
      expect(splitSentences('!?'.repeat(40_000) + ')x Next one.').map((s) => s.end)).toEqual([80_012]);
    },
    LINEAR,
  );

  it(
    'the tokenizer on 80 KB of an e-mail local part that never reaches an @ (was 15 s)',
    () => {
      const plus = 'a+'.repeat(40_000) + ' see http';
      expect(tokenize(plus, 0, plus.length)).toHaveLength(40_002);
      const underscore = 'a_'.repeat(40_000) + '@';
      expect(tokenize(underscore, 0, underscore.length)).toHaveLength(40_000);
      const dotted = 'x.'.repeat(40_000) + '@ www.';
      expect(tokenize(dotted, 0, dotted.length).map((w) => w.end - w.start)).toEqual([79_999, 3]);
    },
    LINEAR,
  );

  it(
    'looksLikeHtml on 240 KB of tag openings that are never closed (120 KB was 4.5 s)',
    () => {
      expect(looksLikeHtml('<p '.repeat(80_000))).toBe(false);
      expect(looksLikeHtml('<p'.repeat(120_000))).toBe(false);
      expect(looksLikeHtml('<p '.repeat(80_000) + '>')).toBe(true);
    },
    LINEAR,
  );

  it(
    'readDirectives on 40,000 directive openings with no > after them',
    () => {
      const open = '<!--clarity-disable jargon '.repeat(40_000);
      expect(readDirectives(open, 0)).toEqual([]);
      const closed = readDirectives(open + '-->', 0);
      expect(closed).toHaveLength(1);
      expect(closed[0]!.rules).toHaveLength(40_000 * 2 - 1);
    },
    LINEAR,
  );
});
