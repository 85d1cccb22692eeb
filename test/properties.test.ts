import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { engine } from './engine-helpers.ts';
import type { AssetAudit } from '../lib/engine/audit.ts';
import { firstSorted } from '../lib/engine/first-sorted.ts';
import { tokenize } from '../lib/engine/segment/words.ts';
import { isSpaceCode, lettersAndDigits } from '../lib/engine/segment/chars.ts';

const words = ['utilize', 'the', 'SLA', 'may', 'simply', 'deductible', 'Refund', 'terminate', 'in', 'event', 'that', 'we', 'help', 'obviously', 'make', 'a', 'decision', '.', ',', '!', '\n', '\n\n', '  ', '&amp;', 'é', '😀', '(', ')'];
const markdownBits = ['# ', '## ', '- ', '* ', '> ', '`', '```\n', '**', '_', '[', '](http://x.y)', '<!-- clarity-disable -->', '<!-- clarity-enable -->', '---\n', '| a | b |\n|---|---|\n'];
const htmlBits = ['<p>', '</p>', '<h1>', '</h1>', '<li>', '<script>', '</script>', '<nav>', '</nav>', '<br>', '<b>', '</b>', '&nbsp;', '<!--', '-->', '<div hidden>', '</div>'];

const prose = fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((w) => w.join(' '));
const markdown = fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...markdownBits)), { maxLength: 60 }).map((w) => w.join(''));
const html = fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...htmlBits)), { maxLength: 60 }).map((w) => w.join(' '));
const anything = fc.string({ unit: 'grapheme', maxLength: 300 });

async function check(text: string, path: string): Promise<AssetAudit> {
  const result = await engine.auditAsset({ path, bytes: new TextEncoder().encode(text) });
  for (const unit of result.units) {
    for (const f of unit.findings) {
      expect(f.offset).toBeGreaterThanOrEqual(0);
      expect(f.offset + f.length).toBeLessThanOrEqual(text.length);
      expect(text.slice(f.offset, f.offset + f.length)).toBe(f.text);
    }
    for (const s of unit.scores) {
      for (const n of [s.overall, ...s.goals.map((g) => g.score)]) {
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(100);
      }
    }
  }
  return result;
}

describe('the engine on arbitrary input', () => {
  for (const [name, arb, path] of [
    ['any string as text', anything, 'a.txt'],
    ['word soup as text', prose, 'a.txt'],
    ['arbitrary Markdown', markdown, 'a.md'],
    ['arbitrary HTML', html, 'a.html'],
  ] as const) {
    it(`never throws, quotes its findings exactly and keeps scores in 0–100: ${name}`, async () => {
      await fc.assert(fc.asyncProperty(arb, async (text) => void (await check(text, path))), { numRuns: 150 });
    });
  }

  it('is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (text) => {
        expect(JSON.stringify(await check(text, 'a.md'))).toBe(JSON.stringify(await check(text, 'a.md')));
      }),
      { numRuns: 50 },
    );
  });
});

describe('firstSorted', () => {
  it('gives what a full stable sort and slice give', () => {
    const byScore = (a: { score: number }, b: { score: number }) => b.score - a.score;
    fc.assert(
      fc.property(fc.array(fc.record({ score: fc.integer({ min: 0, max: 5 }), id: fc.nat() })), fc.integer({ min: 0, max: 6 }), (items, n) => {
        expect(firstSorted(items, n, byScore)).toEqual([...items].sort(byScore).slice(0, n));
      }),
      { numRuns: 300 },
    );
  });
});

describe('tokenize', () => {
  // The pattern the char-code scan stands in for: letters, marks and digits, joined by ' ’ . - &.
  const WORDS = /[\p{L}\p{M}\p{N}]+(?:['’.\-&][\p{L}\p{M}\p{N}]+)*/gu;
  const text = fc.array(
    fc.oneof(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.constantFrom("'", '’', '.', '-', '&', ' ', 'é', 'İ', '\u0301', '𝐀', '\ud835', '\udc00', '٣', 'ǅ', 'Ⅻ')),
    { maxLength: 30 },
  ).map((parts) => parts.join(''));

  it('finds the words the Unicode pattern finds, at the same offsets, inside any window', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (s, a, b) => {
        const start = Math.min(a, s.length);
        const end = Math.max(start, Math.min(b, s.length));
        const expected = [...s.slice(start, end).matchAll(WORDS)].map((m) => ({ start: start + m.index, end: start + m.index + m[0].length }));
        expect(tokenize(s, start, end).map(({ start: from, end: to }) => ({ start: from, end: to }))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('never reads past the window, even into the second half of a surrogate pair', () => {
    expect(tokenize('a𝐀b', 0, 2).map((w) => [w.start, w.end])).toEqual([[0, 1]]);
  });

  it('skips web and e-mail addresses whole', () => {
    expect(tokenize('Mail help@example.com or see https://example.com/a-b today', 0, 59).map((w) => w.lower)).toEqual(['mail', 'or', 'see', 'today']);
  });
});

describe('character tests by char code', () => {
  it('isSpaceCode agrees with /\\s/ on every UTF-16 code unit', () => {
    const disagree: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) disagree.push(c);
    expect(disagree).toEqual([]);
  });

  it('lettersAndDigits counts the code points /[\\p{L}\\p{N}]/u keeps: a letter outside the BMP is one letter', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(lettersAndDigits(s)).toBe([...s.replace(/[^\p{L}\p{N}]/gu, '')].length);
      }),
      { numRuns: 500 },
    );
    expect(lettersAndDigits('𝐀b’9')).toBe(3);
  });
});
