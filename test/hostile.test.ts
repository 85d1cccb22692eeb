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
import { readAsset } from '../lib/engine/parse/asset.ts';
import { htmlNestingAt, jsonNestingAt, markdownNestingAt, MAX_HTML_NESTING, MAX_NESTING } from '../lib/engine/parse/nesting.ts';
import { parseMarkdown, MAX_DELIMITERS } from '../lib/engine/parse/markdown.ts';
import { EditMap } from 'micromark-util-edit-map';
import type { Event } from 'micromark-util-types';
import fc from 'fast-check';
import { consume, originalConsume } from '../lib/engine/parse/edit-map.ts';
import { engine } from './engine-helpers.ts';
import { mappedText } from './helpers.ts';

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

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const skippedFor = async (path: string, text: string) => {
  const read = await readAsset({ path, bytes: enc(text) });
  expect(read.units).toEqual([]);
  expect(read.skipped).toHaveLength(1);
  return read.skipped[0]!;
};

describe('deep nesting is refused with the line to look at, never a stack overflow', () => {
  // Each of these ran for a minute or more and then threw RangeError: Maximum call stack size exceeded.
  it(
    'Markdown lists and quotes nested on one line or by indentation',
    async () => {
      for (const [text, line] of [
        ['- '.repeat(10_000) + 'x\n', 1],
        ['>'.repeat(10_000) + ' x\n', 1],
        ['Intro.\n\n' + '> '.repeat(5_000) + 'x\n', 3],
        ['1. '.repeat(5_000) + 'x\n', 1],
        [Array.from({ length: 1_000 }, (_, i) => ' '.repeat(2 * i) + '- item ' + i).join('\n') + '\n', MAX_NESTING + 1],
      ] as const) {
        const s = await skippedFor('deep.md', text);
        expect(s.code).toBe('too-deeply-nested');
        expect(s.reason).toContain(`deeper than ${MAX_NESTING} levels at line ${line}`);
      }
    },
    LINEAR,
  );

  it(
    '100,000 nested HTML elements, in a page, a Markdown HTML block and a macro body',
    async () => {
      const divs = '<div>'.repeat(100_000) + 'Deep text.';
      const page = await skippedFor('deep.html', `<!doctype html>\n<title>T</title>\n${divs}`);
      expect(page).toMatchObject({ code: 'too-deeply-nested' });
      expect(page.reason).toContain(`elements nested deeper than ${MAX_HTML_NESTING} levels at line 3`);
      const md = await skippedFor('deep.md', `# Title\n\nSome text.\n\n${divs}\n`);
      expect(md.reason).toContain('at line 5');
      const macros = await readAsset({ path: 'm.json', bytes: enc(JSON.stringify([{ title: 'Fine', body: 'A short reply.' }, { title: 'Deep', body: divs }])) });
      expect(macros.units.map((u) => u.title)).toEqual(['Fine']);
      expect(macros.skipped).toEqual([{ path: 'm.json#macro:2', code: 'too-deeply-nested', reason: expect.stringContaining('macro "Deep": elements nested deeper') }]);
      expect((await skippedFor('deep.html', '<b>'.repeat(100_000))).code).toBe('too-deeply-nested');
    },
    LINEAR,
  );

  it(
    'a JSON macro export of 100,000 [',
    async () => {
      const s = await skippedFor('deep.json', '['.repeat(100_000));
      expect(s).toMatchObject({ code: 'too-deeply-nested' });
      expect(s.reason).toContain(`deeper than ${MAX_NESTING} levels at line 1, column ${MAX_NESTING + 1}`);
    },
    LINEAR,
  );

  it(
    'nesting just under the limits is audited as usual (the walks keep their own stack): lists of lists, tables in tables, quotes',
    async () => {
      const lists = '<ul><li>'.repeat(MAX_HTML_NESTING - 1) + 'We utilize the form.' + '</li></ul>'.repeat(MAX_HTML_NESTING - 1);
      const tables = '<table><tr><td>'.repeat(200) + 'We utilize the form.';
      for (const page of [lists, tables]) {
        const { units, skipped } = await engine.auditAsset({ path: 'deep.html', bytes: enc(page) });
        expect(skipped).toEqual([]);
        expect(units[0]!.findings.some((f) => f.text === 'utilize')).toBe(true);
      }
      const quotes = Array.from({ length: MAX_NESTING - 1 }, (_, i) => '> '.repeat(i + 1) + 'We utilize it.').join('\n');
      const { units } = await engine.auditAsset({ path: 'deep.md', bytes: enc(quotes) });
      expect(units[0]!.findings.filter((f) => f.text === 'utilize').length).toBeGreaterThan(0);
    },
    LINEAR,
  );

  it('ordinary pages are not taken for deep ones: unclosed <p> and <li>, SVG paths, tags in scripts and comments, code in Markdown', async () => {
    const page = [
      '<ul>' + '<li>Item<p>Text'.repeat(2_000) + '</ul>',
      '<svg>' + '<path d="M0 0"/>'.repeat(2_000) + '</svg>',
      '<script>' + 'x = "<div>";'.repeat(2_000) + '</script>',
      '<!--' + '<div>'.repeat(2_000) + '-->',
      '<div><span>text</div>'.repeat(2_000),
      '<table><tr><td>' + '<div>'.repeat(100) + '</table>'.repeat(2),
      '<p>We utilize the form.</p>',
    ].join('\n');
    expect(htmlNestingAt(page, MAX_HTML_NESTING)).toBe(-1);
    const { units } = await engine.auditAsset({ path: 'page.html', bytes: enc(page) });
    expect(units[0]!.findings.some((f) => f.text === 'utilize')).toBe(true);
    const markdown = '```\n' + '- '.repeat(40) + '\n```\n\n' + Array.from({ length: 20 }, (_, i) => '    '.repeat(i) + '- item').join('\n') + '\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
    expect(markdownNestingAt(markdown, MAX_NESTING)).toBe(-1);
    expect(jsonNestingAt('{"a": "[[[[[[[[[[[[", "b": [[[1]]]}', 4)).toBe(-1);
    expect(jsonNestingAt('{"a": "[[[[[[[[[[[[", "b": [[[[1]]]]}', 4)).toBe(30);
  });

  it(
    'the scans are linear on what would make them re-read: unclosed comments, tags and raw text, closers with nothing open',
    () => {
      const big = 1_000_000;
      expect(htmlNestingAt('<div>'.repeat(MAX_HTML_NESTING - 1) + '<span>'.repeat(MAX_HTML_NESTING) + '</div>'.repeat(big / 6), Infinity)).toBe(-1);
      expect(htmlNestingAt('<table>' + '<span>'.repeat(200) + '</div>'.repeat(big / 6), 1_000)).toBe(-1);
      expect(htmlNestingAt('<!--' + '<div>'.repeat(big / 5), 10)).toBe(-1);
      expect(htmlNestingAt('<div a="' + '<div>'.repeat(big / 5), 10)).toBe(-1);
      expect(htmlNestingAt('<script>' + '<div>'.repeat(big / 5), 10)).toBe(-1);
      expect(markdownNestingAt(' '.repeat(big) + '- x\n' + '-\n'.repeat(big / 2), Infinity)).toBe(-1);
      expect(markdownNestingAt(' '.repeat(big) + '- x', MAX_NESTING)).toBe(0);
      expect(jsonNestingAt('"' + '\\"'.repeat(big / 2), 1)).toBe(-1);
    },
    LINEAR,
  );
});

describe('emphasis markers by the thousand', () => {
  // micromark matches * and _ runs against every earlier one: 10 KB of them in one paragraph took 5 s, 20 KB over a minute.
  it(
    'a paragraph with more than MAX_DELIMITERS of them reads them as literal characters, at the same positions',
    async () => {
      const stars = 'We *utilize* it. ' + '*'.repeat(20_000) + 'a' + '*'.repeat(20_000);
      const mixed = '*a _b '.repeat(5_000) + 'we utilize it' + ' c_ d*'.repeat(5_000);
      for (const paragraph of [stars, mixed]) {
        const source = `# Title\n\n* A *list* item\n* Another\n\n${paragraph}\n\n***\n\nWe **utilize** the _form_.\n`;
        const parsed = parseMarkdown(source);
        expect(parsed.blocks.map((b) => b.kind)).toEqual(['heading', 'list-item', 'list-item', 'paragraph', 'paragraph']);
        expect(parsed.blocks[1]!.text).toBe('A list item');
        expect(parsed.blocks[3]!.text).toBe(paragraph);
        expect(parsed.blocks[4]!.text).toBe('We utilize the form.');
        expect(mappedText(source, parsed)[3]).toBe(paragraph);
        const { units } = await engine.auditAsset({ path: 'stars.md', bytes: enc(source) });
        for (const f of units[0]!.findings) expect(source.slice(f.offset, f.offset + f.length)).toBe(f.text);
        expect(units[0]!.findings.filter((f) => f.text === 'utilize').length).toBeGreaterThanOrEqual(2);
      }
    },
    LINEAR,
  );

  it('up to MAX_DELIMITERS of them, emphasis is read as usual', () => {
    const paragraph = '*a* '.repeat(MAX_DELIMITERS / 2);
    expect(parseMarkdown(paragraph).blocks[0]!.text).toBe('a '.repeat(MAX_DELIMITERS / 2).trimEnd());
  });
});

describe('nested lists in Markdown', () => {
  const nested = (n: number): string => Array.from({ length: n }, (_, i) => `- item ${i}\n  - child ${i}` + (i % 7 === 0 ? `\n\n  > a *quote* ${i}\n` : '')).join('\n') + '\n';

  it('micromark closes containers at a cost proportional to what follows the edit (EditMap.consume is replaced)', () => {
    expect(EditMap.prototype.consume).toBe(consume);
  });

  it(
    '16,000 items with a child each parse in linear time (the library took 7 s for 4,000, 22 s for 8,000)',
    () => {
      const blocks = parseMarkdown(nested(16_000)).blocks;
      expect(blocks).toHaveLength(16_000 * 2 + Math.ceil(16_000 / 7));
      expect(blocks.at(-1)!.text).toBe('child 15999');
    },
    30_000,
  );

  it('the replacement makes the events the original makes, for any edits', () => {
    const event = (i: number): Event => ['enter', { type: 'data', start: { line: 1, column: 1, offset: i, _index: 0, _bufferIndex: 0 }, end: { line: 1, column: 1, offset: i, _index: 0, _bufferIndex: 0 } }, {} as Event[2]];
    const edit = fc.record({ at: fc.nat({ max: 30 }), remove: fc.nat({ max: 4 }), add: fc.array(fc.integer({ min: 100, max: 200 }), { maxLength: 3 }), before: fc.boolean() });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.array(edit, { maxLength: 6 }), (length, edits) => {
        const run = (impl: typeof consume): number[] => {
          const events = Array.from({ length }, (_, i) => event(i));
          const map = new EditMap();
          for (const e of edits) {
            if (e.at > length) continue;
            map[e.before ? 'addBefore' : 'add'](e.at, e.remove, e.add.map(event));
          }
          impl.call(map, events);
          return events.map((e) => e[1].start.offset);
        };
        expect(run(consume)).toEqual(run(originalConsume));
      }),
      { numRuns: 2_000 },
    );
  });

  it('parses Markdown to the same tree as the library did', () => {
    const bits = ['- ', '  ', '> ', '1. ', '* ', 'text', '*em*', '\n', '\n\n', '# ', '```\n', '<div>', '</div>', '---\n', '| a |\n|---|\n', '[x]: /u\n', '[x]'];
    const md = fc.array(fc.constantFrom(...bits), { maxLength: 40 }).map((b) => b.join(''));
    fc.assert(
      fc.property(md, (source) => {
        const patched = JSON.stringify(parseMarkdown(source));
        EditMap.prototype.consume = originalConsume;
        try {
          expect(patched).toBe(JSON.stringify(parseMarkdown(source)));
        } finally {
          EditMap.prototype.consume = consume;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('patterns outside the parsers', () => {
  it(
    'the finding fingerprint on 200 KB of "<" with no ">" (/<[^>]*>/ rescanned to the end from each one)',
    async () => {
      const { normalise } = await import('../lib/ci/fingerprint.ts');
      expect(normalise('<'.repeat(200_000) + 'Word')).toBe('word');
    },
    LINEAR,
  );

  it(
    'a sentence split whose first part holds 200 KB of spaces (/[,;:\\s]+$/ retried from each one)',
    async () => {
      const text = `We received your form on Monday morning${' '.repeat(200_000)}at our office, and we will send your new card to your home address within five working days.`;
      const { units } = await engine.auditAsset({ path: 'spaces.txt', bytes: new TextEncoder().encode(text) });
      const split = units[0]!.findings.find((f) => f.ruleId === 'sentence-length')?.suggestion;
      expect(split).toMatch(/at our office\. We will send your new card/);
    },
    LINEAR,
  );

  it(
    'a term followed by an opening bracket that never closes, 200 KB on (the gloss pattern backtracked over the rest of the block)',
    async () => {
      const text = `Your deductible (${'and so on '.repeat(20_000)}`;
      const { units } = await engine.auditAsset({ path: 'gloss.txt', bytes: new TextEncoder().encode(text) });
      expect(units[0]!.findings.some((f) => f.ruleId === 'jargon' && f.text === 'deductible')).toBe(true);
    },
    LINEAR,
  );
});

describe('costs that grew with the square of one long paragraph', () => {
  it(
    'findings from 50,000 word-list matches in one block (each was checked against every other)',
    async () => {
      const { toFindings } = await import('../lib/engine/findings.ts');
      const { BUILTIN_PERSONAS } = await import('../lib/engine/persona/builtin.ts');
      const n = 50_000;
      const text = 'utilize '.repeat(n);
      const map = Int32Array.from({ length: text.length }, (_, i) => i);
      const unit = { path: 'long.txt', id: '', title: 'long', format: 'text' as const, channel: 'document' as const, source: text, blocks: [{ kind: 'paragraph' as const, text, map }], directives: [] };
      const candidates = Array.from({ length: n }, (_, i) => ({ ruleId: 'plain-words', category: 'wordiness' as const, severity: 'warning' as const, message: 'm', blockIndex: 0, start: i * 8, end: i * 8 + 7, suggestion: 'use' }));
      expect(toFindings(unit, candidates, BUILTIN_PERSONAS)).toHaveLength(n);
    },
    LINEAR,
  );

  it(
    'a formal word 20,000 times in one paragraph (its legal-sense check re-read the block from its start each time)',
    async () => {
      const { units } = await engine.auditAsset({ path: 'required.txt', bytes: new TextEncoder().encode('Field required and '.repeat(20_000)) });
      expect(units[0]!.findings.filter((f) => f.ruleId === 'plain-words')).toHaveLength(20_000);
    },
    LINEAR * 2,
  );
});
