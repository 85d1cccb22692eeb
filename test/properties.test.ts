import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { engine } from './engine-helpers.ts';
import type { AssetAudit } from '../lib/engine/audit.ts';
import { firstSorted } from '../lib/engine/first-sorted.ts';
import { readAsset } from '../lib/engine/parse/asset.ts';
import { tokenize } from '../lib/engine/segment/words.ts';
import { isSpaceCode, lettersAndDigits } from '../lib/engine/segment/chars.ts';
import { splitSentences } from '../lib/engine/segment/sentences.ts';
import { looksLikeHtml } from '../lib/engine/parse/macros-json.ts';
import { readDirectives } from '../lib/engine/parse/directives.ts';

const words = ['utilize', 'the', 'SLA', 'may', 'simply', 'deductible', 'Refund', 'terminate', 'in', 'event', 'that', 'we', 'help', 'obviously', 'make', 'a', 'decision', '.', ',', '!', '\n', '\n\n', '  ', '&amp;', 'é', '😀', '(', ')', '&#x1F600;', '&#128512;😀', '&nbsp;', '𝐀'];
const markdownBits = ['# ', '## ', '- ', '* ', '> ', '`', '```\n', '**', '_', '[', '](http://x.y)', '<!-- clarity-disable -->', '<!-- clarity-enable -->', '---\n', '| a | b |\n|---|---|\n'];
const htmlBits = ['<p>', '</p>', '<h1>', '</h1>', '<li>', '<script>', '</script>', '<nav>', '</nav>', '<br>', '<b>', '</b>', '&nbsp;', '<!--', '-->', '<div hidden>', '</div>'];

const prose = fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((w) => w.join(' '));
const markdown = fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...markdownBits)), { maxLength: 60 }).map((w) => w.join(''));
const html = fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...htmlBits)), { maxLength: 60 }).map((w) => w.join(' '));
const anything = fc.string({ unit: 'grapheme', maxLength: 300 });

/** A passage pinned to the source: inside it, and quoting exactly what it claims. */
function expectPinned(source: string, p: { offset: number; length: number; text: string }): void {
  expect(p.offset).toBeGreaterThanOrEqual(0);
  expect(p.length).toBeGreaterThanOrEqual(0);
  expect(p.offset + p.length).toBeLessThanOrEqual(source.length);
  expect(source.slice(p.offset, p.offset + p.length)).toBe(p.text);
}

async function check(text: string, path: string): Promise<AssetAudit> {
  const bytes = new TextEncoder().encode(text);
  const result = await engine.auditAsset({ path, bytes });
  // Positions are in the decoded file (a lone surrogate is written as U+FFFD).
  const source = new TextDecoder().decode(bytes);
  // Every prose character, and the end of every block, maps inside the source.
  for (const unit of (await readAsset({ path, bytes })).units) {
    for (const b of unit.blocks) {
      expect(b.map.length).toBe(b.text.length + 1);
      for (let i = 0; i < b.text.length; i++) expect(b.map[i]! >= 0 && b.map[i]! < unit.source.length).toBe(true);
      expect(b.map[b.text.length]!).toBeLessThanOrEqual(unit.source.length);
    }
  }
  for (const unit of result.units) {
    for (const f of unit.findings) expectPinned(source, f);
    for (const r of unit.recommendations) expectPinned(source, r);
    for (const h of unit.hardestSentences) expectPinned(source, h);
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

  it('keeps every finding, recommendation and sentence inside the source after an entity and an astral character', async () => {
    const thirty = Array.from({ length: 30 }, (_, i) => ['we', 'utilize', 'the', 'deductible', 'terminate'][i % 5]).join(' ');
    for (const tail of ['&#x1F600;😀', '&#128512;😀', '😀&#x1F600;', '&#x1F600;', '&amp;😀', '&nbsp;𝐀']) {
      for (const [text, path] of [
        [`${thirty} ${tail}`, 'a.html'],
        [`<p>${thirty} ${tail}</p>`, 'a.html'],
        [`${thirty} ${tail}`, 'a.md'],
        [`- ${thirty} ${tail}`, 'a.md'],
      ] as const) {
        const { units } = await check(text, path);
        expect(units[0]!.findings.length).toBeGreaterThan(0);
      }
    }
  });

  // Hostile shapes (issue 15): nesting, long runs of punctuation, astral characters and references to them.
  const hostileBits = ['- ', '> ', '  ', '1. ', '<div>', '</div>', '<p>', '<b>', '&#x1F600;', '&#128512;', '😀', '𝐀', '\u{10FFFF}', '\ud83d', '.', '...', '!?', '“', '”', '\\*', '\n', 'utilize', 'terminate', ' the '];
  const hostile = fc
    .array(fc.oneof(fc.constantFrom(...hostileBits), fc.tuple(fc.constantFrom('.', '-', '>', '!', '😀', '<b>', '&#x1F600;'), fc.integer({ min: 2, max: 40 })).map(([b, n]) => b.repeat(n))), { maxLength: 40 })
    .chain((parts) => fc.constantFrom('', '&#x1F600;😀', '😀').map((end) => parts.join('') + end));
  for (const path of ['a.md', 'a.html', 'a.txt']) {
    it(`holds positions on nesting, punctuation runs and astral characters: ${path}`, async () => {
      await fc.assert(fc.asyncProperty(hostile, async (text) => void (await check(text, path))), { numRuns: 150 });
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

/**
 * The hand scans that replaced backtracking patterns (issue 15) give what the patterns gave, on inputs built from
 * the characters the patterns care about.
 */
describe('scans that stand in for patterns', () => {
  const soup = (bits: string[]) => fc.array(fc.oneof(fc.constantFrom(...bits), fc.string({ maxLength: 3 })), { maxLength: 24 }).map((a) => a.join(''));

  it('tokenize skips the addresses /(https?:\\/\\/\\S+|www\\.\\S+|[\\w.+-]+@[\\w-]+\\.[\\w.-]+)/ skips, inside any window', () => {
    const PATTERN = /(https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+)|([\p{L}\p{M}\p{N}]+(?:['’.\-&][\p{L}\p{M}\p{N}]+)*)/gu;
    const text = soup(['@', 'http', 'https://', 'http://', 'www.', '.', '-', '+', '_', 'a', 'é', ' ', '\n', '😀', 'x.com', "'", '&', '1']);
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (s, a, b) => {
        const start = a % (s.length + 1);
        const end = Math.min(s.length, start + (b % (s.length + 1)));
        const slice = s.slice(start, end);
        const expected: [number, number][] = [];
        for (const m of slice.matchAll(PATTERN)) if (!m[1]) expected.push([start + m.index, start + m.index + m[0].length]);
        expect(tokenize(s, start, end).map((w) => [w.start, w.end])).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('splitSentences ends sentences where /[.!?…]+["\'”’)\\]]*(?=\\s|$)/ matches', () => {
    const TERMINATOR = /[.!?…]+["'”’)\]]*(?=\s|$)/g;
    // The splitter as it was, with that pattern; no letters in the input, so no abbreviation applies.
    const reference = (s: string): { start: number; end: number }[] => {
      const spans: { start: number; end: number }[] = [];
      const skip = (i: number): number => (/\S/.exec(s.slice(i))?.index ?? s.length - i) + i;
      let start = skip(0);
      for (const m of s.matchAll(TERMINATOR)) {
        const end = m.index + m[0].length;
        if (end <= start) continue;
        spans.push({ start, end });
        start = skip(end);
      }
      const end = s.trimEnd().length;
      if (end > start) spans.push({ start, end });
      return spans;
    };
    fc.assert(
      fc.property(soup(['.', '!', '?', '…', '"', "'", '”', '’', ')', ']', ' ', '\n', '\u00a0', '1', '2']).map((t) => t.replace(/\p{L}/gu, '')), (s) => {
        expect(splitSentences(s)).toEqual(reference(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('looksLikeHtml answers what /<\\/?(p|br|…)\\b[^>]*>/i answers', () => {
    const PATTERN = /<\/?(p|br|div|span|a|strong|em|b|i|ul|ol|li|h[1-6])\b[^>]*>/i;
    fc.assert(
      fc.property(soup(['<', '/', 'p', 'br', 'B', 'h1', 'h7', '>', ' ', 'x', 'I', 'span', 'a']), (s) => {
        expect(looksLikeHtml(s)).toBe(PATTERN.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('readDirectives reads what /<!--\\s*clarity-(disable|enable)\\b([^>]*?)-->/g reads', () => {
    const PATTERN = /<!--\s*clarity-(disable|enable)\b([^>]*?)-->/g;
    fc.assert(
      fc.property(soup(['<!--', '-->', ' ', 'clarity-disable', 'clarity-enable', 'x', ',', '>', '-', 'd']), (s) => {
        const expected = [...s.matchAll(PATTERN)].map((m) => ({ offset: 7 + m.index, kind: m[1], rules: (m[2] ?? '').split(/[\s,]+/).filter(Boolean) }));
        expect(readDirectives(s, 7)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
