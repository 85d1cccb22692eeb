import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../lib/engine/parse/markdown.ts';
import { parseHtml } from '../lib/engine/parse/html.ts';
import { parseText } from '../lib/engine/parse/text.ts';
import { readAsset } from '../lib/engine/parse/asset.ts';
import { firstInvalidUtf8 } from '../lib/engine/parse/decode.ts';
import { mappedText } from './helpers.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('markdown', () => {
  const source = [
    '---',
    'title: Not prose',
    '---',
    '',
    '# Getting started',
    '',
    'Run `npm install` to **utilize** the [help centre](https://example.com/help).',
    'See <https://example.com/raw> too.',
    '',
    '```js',
    'const prose = "not scored";',
    '```',
    '',
    '<!-- a comment that is not prose -->',
    '',
    '- First item with &amp; entity',
    '  continues here',
    '',
    '> Quoted advice.',
    '',
    '| Term | Meaning |',
    '|---|---|',
    '| APR | yearly rate |',
  ].join('\n');
  const parsed = parseMarkdown(source);
  const texts = parsed.blocks.map((b) => b.text);

  it('keeps prose and drops front matter, code, comments and bare URLs', () => {
    expect(texts.join('\n')).not.toContain('Not prose');
    expect(texts.join('\n')).not.toContain('not scored');
    expect(texts.join('\n')).not.toContain('npm install');
    expect(texts.join('\n')).not.toContain('a comment');
    expect(texts.join('\n')).not.toContain('https://example.com/raw');
    expect(texts).toContain('Getting started');
    expect(texts.some((t) => t.includes('utilize the help centre'))).toBe(true);
  });

  it('takes the title from the front matter, else the first heading, else the file name', async () => {
    const title = async (text: string, path = 'docs/page.md') => (await readAsset({ path, bytes: enc(text) })).units[0]?.title;
    expect(parseMarkdown(source).title).toBe('Not prose');
    expect(await title(source)).toBe('Not prose');
    expect(await title('---\ntitle: [unclosed\n---\n\n# Getting started\n\nRun it.\n')).toBe('Getting started');
    expect(await title('---\ntitle: >\n  Folded over\n  two lines\n---\n\nRun it.\n')).toBe('page.md');
    expect(await title('---\nlayout: help\ntitle: "Help: sign in"\n---\n\nRun it.\n')).toBe('Help: sign in');
  });

  it('labels block kinds', () => {
    expect(parsed.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list-item', 'quote', 'table-cell', 'table-cell', 'table-cell', 'table-cell']);
  });

  it('maps every prose character back to the same character in the source', () => {
    const mapped = mappedText(source, parsed);
    parsed.blocks.forEach((b, i) => {
      const same = [...b.text].filter((ch, k) => ch === mapped[i]?.[k] || /\s/.test(ch)).length;
      // Decoded entities (&amp; → &) map to the entity's first character, which is the same "&".
      expect(same).toBe(b.text.length);
    });
    const utilize = parsed.blocks[1]!;
    const at = utilize.text.indexOf('utilize');
    expect(source.slice(utilize.map[at], utilize.map[at]! + 7)).toBe('utilize');
  });

  it('reads HTML blocks inside Markdown as prose, mapped into the Markdown source', () => {
    const md = '# Help\n\n<div class="note">\n<p>Please send the form &amp; the photo.</p>\n<script>var notProse = 1;</script>\n</div>\n\nAfter.\n';
    const p = parseMarkdown(md);
    expect(p.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Help'],
      ['paragraph', 'Please send the form & the photo.'],
      ['paragraph', 'After.'],
    ]);
    const note = p.blocks[1]!;
    expect(mappedText(md, { blocks: [note], directives: [] })[0]).toBe('Please send the form & the photo.');
  });

  it('reads clarity-disable directives from comments', () => {
    const source = '<!-- clarity-disable jargon, acronym -->\n\nText.\n\n<!-- clarity-enable -->\n';
    const p = parseMarkdown(source);
    expect(p.directives).toEqual([
      { offset: 0, kind: 'disable', rules: ['jargon', 'acronym'] },
      { offset: source.indexOf('<!-- clarity-enable'), kind: 'enable', rules: [] },
    ]);
  });
});

describe('markdown from site generators (Jekyll: Liquid tags, kramdown attribute lists)', () => {
  it('reads a link whose address starts with a Liquid tag as the link it is, and no tag as prose', () => {
    const source = 'Read the [help page]({{ site.baseurl }}/help/){:target="_blank"} now.\n\n![Map of VPN servers]({{ site.baseurl }}/images/map.svg){:style="width:100%"}\n\nCall {{ site.phone }} today.\n{: .usa-note}\n';
    const parsed = parseMarkdown(source);
    const words = (t: string) => t.split(/[^\p{L}\p{N}.]+/u).filter(Boolean);
    expect(parsed.blocks.map((b) => words(b.text))).toEqual([['Read', 'the', 'help', 'page', 'now.'], ['Call', 'today.']]);
    // Offsets still point into the source as written: each letter maps back to itself.
    for (const b of parsed.blocks) for (const [i, c] of [...b.text].entries()) if (/\p{L}/u.test(c)) expect(source[b.map[i] ?? -1]).toBe(c);
  });
});

describe('html', () => {
  const source = '<html><head><title>T</title><style>p{}</style></head><body><nav>Home Menu</nav><h1>Fees &amp; charges</h1><p>We <b>utilize</b> plain words.<br>Second line.</p><pre>code here</pre><script>var x;</script><footer>Legal boilerplate</footer></body></html>';
  const parsed = parseHtml(source);

  it('drops script, style, nav, footer and code', () => {
    const all = parsed.blocks.map((b) => b.text).join('|');
    expect(all).toBe('Fees & charges|We utilize plain words. Second line.');
  });

  it("maps characters to the source: entities to their &, a break to the character before it", () => {
    expect(mappedText(source, parsed)).toEqual(['Fees & charges', 'We utilize plain words..Second line.']);
  });

  it('parses fragments such as macro bodies', () => {
    expect(parseHtml('<p>Hello <em>there</em></p><p>Bye</p>', { fragment: true }).blocks.map((b) => b.text)).toEqual(['Hello there', 'Bye']);
  });

  it('sets apart inline elements that follow a full stop with no space (display:block spans), not ordinary inline markup', () => {
    const blocks = (html: string) => parseHtml(html, { fragment: true }).blocks.map((b) => b.text);
    expect(blocks('<div><span class="t">It is on the Site.</span><span class="t">When you join, you agree:</span><span>- a profile</span></div>')).toEqual([
      'It is on the Site.',
      'When you join, you agree:',
      '- a profile',
    ]);
    expect(blocks('<p>Call us. <a href="/x">Read more</a> or <em>write</em>.</p>')).toEqual(['Call us. Read more or write.']);
  });
});

describe('plain text', () => {
  it('splits paragraphs on blank lines and bullets into list items', () => {
    const source = 'First para\ncontinues.\n\n- one\n- two\n\nLast.';
    const p = parseText(source);
    expect(p.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'First para\ncontinues.'],
      ['list-item', 'one'],
      ['list-item', 'two'],
      ['paragraph', 'Last.'],
    ]);
    expect(mappedText(source, p)).toEqual(p.blocks.map((b) => b.text));
  });
});

describe('readAsset: bad input is skipped with a reason', () => {
  const cases: [string, Uint8Array, string][] = [
    ['empty.md', enc(''), 'empty'],
    ['blank.txt', enc('  \n\n\t'), 'empty'],
    ['nul.txt', new Uint8Array([104, 105, 0, 1, 2]), 'binary'],
    ['image.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10]), 'binary'],
    ['latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]), 'invalid-utf8'],
    ['photo.png', enc('text'), 'unsupported-format'],
    ['fake.docx', enc('not a zip'), 'malformed-docx'],
    ['code-only.md', enc('```\ncode\n```\n'), 'no-prose'],
    ['broken.json', enc('[{"title": "x", "body": "unterminated'), 'malformed-json'],
    ['wrong-shape.json', enc('{"hello": 1}'), 'no-macros'],
    ['no-body.csv', enc('title,author\nA,B\n'), 'csv-no-body-column'],
    ['broken.csv', enc('title,body\n"A,"unclosed\n'), 'malformed-csv'],
  ];
  for (const [path, bytes, code] of cases) {
    it(`${path} → ${code}`, async () => {
      const r = await readAsset({ path, bytes });
      expect(r.units).toEqual([]);
      expect(r.skipped).toHaveLength(1);
      expect(r.skipped[0]!.code).toBe(code);
      expect(r.skipped[0]!.reason.length).toBeGreaterThan(15);
    });
  }

  it('names the offset of the first invalid UTF-8 byte', async () => {
    const r = await readAsset({ path: 'x.txt', bytes: new Uint8Array([0x61, 0x62, 0xff, 0x63]) });
    expect(r.skipped[0]!.reason).toContain('offset 2');
  });

  it('names the offset and line of the first ill-formed sequence: surrogates, overlong forms, past U+10FFFF', async () => {
    const at = (bad: number[], before = 'x'.repeat(579) + '\n'): Uint8Array => new Uint8Array([...enc(before), ...bad, ...enc(' and after\n')]);
    for (const bad of [[0xed, 0xa0, 0x80], [0xe0, 0x80, 0x80], [0xc0, 0xaf], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]]) {
      const r = await readAsset({ path: 'x.txt', bytes: at(bad) });
      expect(r.skipped[0]).toMatchObject({ code: 'invalid-utf8' });
      expect(r.skipped[0]!.reason).toContain('offset 580, line 2');
      expect(firstInvalidUtf8(at(bad))).toBe(580);
    }
    // Well-formed edges are not reported.
    const fine = new Uint8Array([0xed, 0x9f, 0xbf, 0xe0, 0xa0, 0x80, 0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf, 0xc2, 0x80]);
    expect(firstInvalidUtf8(fine)).toBe(fine.length);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fine)).not.toThrow();
  });

  it('reads UTF-16 without a byte-order mark (NUL in every other byte), both byte orders', async () => {
    const text = 'Hello there. Please utilise the form, it’s quick.';
    for (const order of ['le', 'be'] as const) {
      const bytes = new Uint8Array(text.length * 2);
      [...text].forEach((ch, i) => {
        const c = ch.charCodeAt(0);
        bytes.set(order === 'le' ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff], i * 2);
      });
      const r = await readAsset({ path: `utf16${order}.txt`, bytes });
      expect(r.skipped).toEqual([]);
      expect(r.units[0]!.source).toBe(text);
      const odd = await readAsset({ path: 'odd.txt', bytes: bytes.subarray(0, bytes.length - 1) });
      expect(odd.skipped[0]).toMatchObject({ code: 'invalid-utf16' });
      expect(odd.skipped[0]!.reason).toContain('save it as UTF-8');
    }
    // NUL bytes with no such pattern are still binary.
    const r = await readAsset({ path: 'blob.txt', bytes: new Uint8Array([1, 0, 0, 7, 0, 0, 0, 0, 9, 9]) });
    expect(r.skipped[0]).toMatchObject({ code: 'binary' });
    // Nor are bytes that pair up as UTF-16 but decode to control characters.
    const controls = await readAsset({ path: 'controls.txt', bytes: new Uint8Array([0, 1, 2, 255, 0, 7]) });
    expect(controls.skipped[0]).toMatchObject({ code: 'binary' });
  });

  it('skips files over the size limit without parsing them', async () => {
    const r = await readAsset({ path: 'big.txt', bytes: new Uint8Array(2048).fill(97) }, { maxBytes: 1024 });
    expect(r.skipped[0]).toMatchObject({ code: 'too-large' });
    expect(r.skipped[0]!.reason).toContain('--max-bytes');
    // Just over the limit, both sizes read differently.
    expect(r.skipped[0]!.reason).toMatch(/0\.0 MiB \(2,048 bytes\) is over the 0\.0 MiB \(1,024 bytes\) limit/);
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const text = 'Hello there.';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    [...text].forEach((ch, i) => bytes.set([ch.charCodeAt(0), 0], 2 + i * 2));
    const r = await readAsset({ path: 'utf16.txt', bytes });
    expect(r.units[0]!.blocks[0]!.text).toBe(text);
  });

  it('detects format from content when there is no extension', async () => {
    const html = await readAsset({ path: 'page', bytes: enc('<!doctype html><p>Hello world.</p>') });
    expect(html.units[0]!.format).toBe('html');
    const md = await readAsset({ path: 'README', bytes: enc('# Title\n\nSome [link](http://x).') });
    expect(md.units[0]!.format).toBe('markdown');
    const txt = await readAsset({ path: 'notes', bytes: enc('Just words here.') });
    expect(txt.units[0]!.format).toBe('text');
  });
});
