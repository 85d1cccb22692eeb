import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { readAsset } from '../lib/engine/parse/asset.ts';
import type { Unit } from '../lib/engine/types.ts';
import { makeDocx } from './fixtures/docx.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Every block's characters are the same characters of unit.source, as one contiguous run. */
function expectBlocksPointIntoSource(unit: Unit): void {
  expect(unit.blocks.length).toBeGreaterThan(0);
  for (const b of unit.blocks) {
    const first = b.map[0]!;
    const last = b.map[b.text.length - 1]!;
    expect(unit.source.slice(first, last + 1)).toBe(b.text);
  }
}

/** 1-based line and column just inside the string literal that starts with `literal` in `source`. */
function positionOf(source: string, literal: string): { line: number; column: number } {
  const at = source.indexOf(literal);
  if (at < 0) throw new Error(`fixture does not contain ${literal}`);
  const before = source.slice(0, at + 1);
  const line = before.split('\n').length;
  return { line, column: at + 1 - before.lastIndexOf('\n') };
}

describe('docx', () => {
  const paragraphs = [
    { text: 'Refunds & returns', style: 'Heading1' as const },
    { text: 'You can send back anything you bought in the last 30 days.' },
    { text: 'We leverage synergistic, cross-functional API endpoints to operationalise <KPI> deliverables.' },
    { text: 'Questions? Reply to this email and we will help.' },
  ];
  const lines = paragraphs.map((p) => p.text);
  const read = async (): Promise<Unit> => {
    const r = await readAsset({ path: 'docs/refunds.docx', bytes: await makeDocx(paragraphs) });
    expect(r.skipped).toEqual([]);
    expect(r.units).toHaveLength(1);
    return r.units[0]!;
  };

  it('becomes one docx unit whose source is one paragraph per line, in order (XML escapes decoded)', async () => {
    const unit = await read();
    expect(unit.format).toBe('docx');
    expect(unit.id).toBe('');
    expect(unit.source).toBe(lines.join('\n'));
    expect(unit.source.split('\n')).toEqual(lines);
  });

  it('maps block characters to the same characters of unit.source', async () => {
    expectBlocksPointIntoSource(await read());
  });

  it('gives one block per paragraph, each block equal to its line', async () => {
    const unit = await read();
    expect(unit.blocks.map((b) => b.text)).toEqual(lines);
  });

  it('takes the unit title from the heading', async () => {
    const unit = await read();
    expect(unit.title).toBe('Refunds & returns');
  });

  it('skips a document with no paragraphs as empty', async () => {
    const r = await readAsset({ path: 'blank.docx', bytes: await makeDocx([]) });
    expect(r.units).toEqual([]);
    expect(r.skipped).toMatchObject([{ path: 'blank.docx', code: 'empty' }]);
  });

  it('skips a ZIP that is not a Word document as malformed-docx', async () => {
    const zip = new JSZip();
    zip.file('notes/random.txt', 'just some text in a zip');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const r = await readAsset({ path: 'archive.docx', bytes });
    expect(r.units).toEqual([]);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]).toMatchObject({ path: 'archive.docx', code: 'malformed-docx' });
    expect(r.skipped[0]!.reason.length).toBeGreaterThan(15);
  });

  it('skips a corrupt ZIP (valid magic, garbage after it) as malformed-docx', async () => {
    const bytes = new Uint8Array(64);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    for (let i = 4; i < bytes.length; i++) bytes[i] = (i * 37) & 0xff;
    const r = await readAsset({ path: 'corrupt.docx', bytes });
    expect(r.units).toEqual([]);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]).toMatchObject({ path: 'corrupt.docx', code: 'malformed-docx' });
    expect(r.skipped[0]!.reason.length).toBeGreaterThan(15);
  });
});

describe('JSON macro exports', () => {
  const helpDesk = [
    '{',
    '  "macros": [',
    '    {',
    '      "title": "Password reset",',
    '      "actions": [',
    '        { "field": "subject", "value": "Your password" },',
    '        {',
    '          "field": "comment_value",',
    '          "value": "Hi,\\n\\nOpen Settings and choose Reset password.\\n\\nThanks, the team"',
    '        }',
    '      ]',
    '    },',
    '    {',
    '      "title": "Greeting (HTML)",',
    '      "actions": [',
    '        {',
    '          "field": "comment_value_html",',
    '          "value": "<p>Hello</p><p>World.</p>"',
    '        }',
    '      ]',
    '    },',
    '    {',
    '      "title": "Pair",',
    '      "actions": [',
    '        {',
    '          "field": "comment_value",',
    '          "value": [',
    '            "channel:all",',
    '            "Reply text here."',
    '          ]',
    '        }',
    '      ]',
    '    }',
    '  ]',
    '}',
  ].join('\n');

  it('reads one unit per macro of a help-desk export, with ids, titles and the macro channel', async () => {
    const r = await readAsset({ path: 'exports/helpdesk.json', bytes: enc(helpDesk) });
    expect(r.skipped).toEqual([]);
    expect(r.units.map((u) => [u.id, u.title, u.format, u.channel, u.path])).toEqual([
      ['macro:1', 'Password reset', 'macros-json', 'support-macro', 'exports/helpdesk.json'],
      ['macro:2', 'Greeting (HTML)', 'macros-json', 'support-macro', 'exports/helpdesk.json'],
      ['macro:3', 'Pair', 'macros-json', 'support-macro', 'exports/helpdesk.json'],
    ]);
  });

  it('uses the comment body (not the subject) as the decoded unit source', async () => {
    const [reset, html, pair] = (await readAsset({ path: 'helpdesk.json', bytes: enc(helpDesk) })).units;
    expect(reset!.source).toBe('Hi,\n\nOpen Settings and choose Reset password.\n\nThanks, the team');
    expect(reset!.blocks.map((b) => b.text)).toEqual(['Hi,', 'Open Settings and choose Reset password.', 'Thanks, the team']);
    expect(html!.source).toBe('<p>Hello</p><p>World.</p>');
    expect(pair!.source).toBe('Reply text here.');
    expect(pair!.blocks.map((b) => b.text)).toEqual(['Reply text here.']);
  });

  it('parses an HTML body as HTML: no tags in block text', async () => {
    const html = (await readAsset({ path: 'helpdesk.json', bytes: enc(helpDesk) })).units[1]!;
    expect(html.blocks.map((b) => b.text)).toEqual(['Hello', 'World.']);
    for (const b of html.blocks) expect(b.text).not.toMatch(/[<>]/);
  });

  it('keeps block positions relative to the macro body', async () => {
    const r = await readAsset({ path: 'helpdesk.json', bytes: enc(helpDesk) });
    for (const unit of r.units) expectBlocksPointIntoSource(unit);
    const html = r.units[1]!;
    expect(html.blocks[1]!.map[0]).toBe(html.source.indexOf('World.'));
  });

  it("sets origin to the line and column where each macro's body string sits in the file", async () => {
    const r = await readAsset({ path: 'helpdesk.json', bytes: enc(helpDesk) });
    const expected = [
      positionOf(helpDesk, '"Hi,\\n'),
      positionOf(helpDesk, '"<p>Hello'),
      positionOf(helpDesk, '"Reply text here."'),
    ];
    // Sanity: the fixture spreads the bodies over distinct lines well below line 1.
    expect(expected.map((p) => p.line)).toEqual([9, 18, 29]);
    expect(r.units.map((u) => u.origin)).toEqual(expected);
  });

  it('reads a bare array with title/body and name/content keys', async () => {
    const source = '[{"title":"A","body":"Text one."},{"name":"B","content":"Text two."}]';
    const r = await readAsset({ path: 'macros.json', bytes: enc(source) });
    expect(r.skipped).toEqual([]);
    expect(r.units.map((u) => [u.id, u.title, u.source, u.channel])).toEqual([
      ['macro:1', 'A', 'Text one.', 'support-macro'],
      ['macro:2', 'B', 'Text two.', 'support-macro'],
    ]);
    expect(r.units.map((u) => u.blocks.map((b) => b.text))).toEqual([['Text one.'], ['Text two.']]);
    expect(r.units.map((u) => u.origin)).toEqual([
      positionOf(source, '"Text one."'),
      positionOf(source, '"Text two."'),
    ]);
  });

  it('skips a macro with an empty body as path#macro:N and still audits the rest of the file', async () => {
    const source = [
      '[',
      '  {"title": "First", "body": "Text one."},',
      '  {"title": "Blank", "body": ""},',
      '  {"title": "Spaces", "body": "  \\n\\n  "},',
      '  {"title": "Last", "body": "Text four."}',
      ']',
    ].join('\n');
    const r = await readAsset({ path: 'batch.json', bytes: enc(source) });
    expect(r.units.map((u) => [u.id, u.title, u.source])).toEqual([
      ['macro:1', 'First', 'Text one.'],
      ['macro:4', 'Last', 'Text four.'],
    ]);
    expect(r.skipped.map((s) => [s.path, s.code])).toEqual([
      ['batch.json#macro:2', 'empty'],
      ['batch.json#macro:3', 'empty'],
    ]);
    expect(r.skipped[0]!.reason).toContain('Blank');
  });

  it('skips a help-desk macro without a comment action, keeping the others', async () => {
    const source = JSON.stringify({
      macros: [
        { title: 'Only subject', actions: [{ field: 'subject', value: 'Subject only' }] },
        { title: 'Real', actions: [{ field: 'comment_value', value: 'A real reply.' }] },
      ],
    }, null, 2);
    const r = await readAsset({ path: 'hd.json', bytes: enc(source) });
    expect(r.units.map((u) => [u.id, u.source])).toEqual([['macro:2', 'A real reply.']]);
    expect(r.skipped).toMatchObject([{ path: 'hd.json#macro:1', code: 'empty' }]);
  });

  it('rejects a trailing comma as malformed-json, naming line and column', async () => {
    const source = ['{', '  "macros": [', '    {"title": "A", "body": "Text."},', '  ]', '}'].join('\n');
    const r = await readAsset({ path: 'trailing.json', bytes: enc(source) });
    expect(r.units).toEqual([]);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]!.code).toBe('malformed-json');
    // The error is reported at the "]" that follows the trailing comma.
    expect(r.skipped[0]!.reason).toContain('line 4, column 3');
  });

  it('rejects a trailing comma inside a macro object', async () => {
    const source = '[\n  {"title": "A", "body": "Text.",}\n]';
    const r = await readAsset({ path: 'trailing-object.json', bytes: enc(source) });
    expect(r.skipped[0]!.code).toBe('malformed-json');
    expect(r.skipped[0]!.reason).toMatch(/line 2, column \d+/);
  });

  it('reports an empty macros array as no-macros', async () => {
    const r = await readAsset({ path: 'none.json', bytes: enc('{"macros": []}') });
    expect(r.units).toEqual([]);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]!.code).toBe('no-macros');
    expect(r.skipped[0]!.reason.length).toBeGreaterThan(15);
  });
});

describe('CSV macro exports', () => {
  const csv = [
    'title,body',
    'Welcome,"Hi there,',
    'thanks for writing ""in"" today."',
    'Refund,Your refund is on its way.',
    'Delay,"Sorry, your order is late."',
    '',
  ].join('\n');

  it('reads one unit per row with decoded quoted bodies and titles', async () => {
    const r = await readAsset({ path: 'macros.csv', bytes: enc(csv) });
    expect(r.skipped).toEqual([]);
    expect(r.units.map((u) => [u.id, u.title, u.source, u.format, u.channel])).toEqual([
      ['macro:1', 'Welcome', 'Hi there,\nthanks for writing "in" today.', 'macros-csv', 'support-macro'],
      ['macro:2', 'Refund', 'Your refund is on its way.', 'macros-csv', 'support-macro'],
      ['macro:3', 'Delay', 'Sorry, your order is late.', 'macros-csv', 'support-macro'],
    ]);
    for (const unit of r.units) expectBlocksPointIntoSource(unit);
  });

  it('sets origin.line to the line where each record starts, when its body does', async () => {
    const r = await readAsset({ path: 'macros.csv', bytes: enc(csv) });
    expect(r.units.map((u) => u.origin?.line)).toEqual([2, 4, 5]);
  });

  it('sets origin.line to the line the body starts on, past a title that spans lines of its own', async () => {
    const multi = 'title,body\n"Refund\n(card)",Your refund is on its way. Please utilize the portal.\nDelay,Sorry.\n';
    const r = await readAsset({ path: 'multi.csv', bytes: enc(multi) });
    expect(r.units.map((u) => [u.title, u.origin?.line])).toEqual([
      ['Refund\n(card)', 3],
      ['Delay', 4],
    ]);
  });

  it('sets origin.line correctly without a trailing newline', async () => {
    const r = await readAsset({ path: 'a.csv', bytes: enc(csv.trimEnd()) });
    expect(r.units.map((u) => u.origin?.line)).toEqual([2, 4, 5]);
  });

  it('sets origin.line correctly for CRLF records with LF line breaks inside cells (Excel style)', async () => {
    const excel = 'title,body\r\nWelcome,"Hi there,\nthanks for writing."\r\nRefund,Your refund is on its way.\r\nDelay,Sorry.\r\n';
    const r = await readAsset({ path: 'excel.csv', bytes: enc(excel) });
    expect(r.units.map((u) => [u.title, u.source, u.origin?.line])).toEqual([
      ['Welcome', 'Hi there,\nthanks for writing.', 2],
      ['Refund', 'Your refund is on its way.', 4],
      ['Delay', 'Sorry.', 5],
    ]);
  });

  it('sets origin.line correctly when a quoted body holds CRLF line breaks', async () => {
    const r = await readAsset({ path: 'crlf.csv', bytes: enc(csv.replace(/\n/g, '\r\n')) });
    expect(r.units.map((u) => u.title)).toEqual(['Welcome', 'Refund', 'Delay']);
    expect(r.units.map((u) => u.origin?.line)).toEqual([2, 4, 5]);
  });

  it('accepts other column names in any case (Subject,Message)', async () => {
    const source = 'Subject,Message\nHello,Thanks for getting in touch.\nBye,"We closed your ticket, thanks."\n';
    const r = await readAsset({ path: 'export.csv', bytes: enc(source) });
    expect(r.skipped).toEqual([]);
    expect(r.units.map((u) => [u.id, u.title, u.source])).toEqual([
      ['macro:1', 'Hello', 'Thanks for getting in touch.'],
      ['macro:2', 'Bye', 'We closed your ticket, thanks.'],
    ]);
  });

  it('accepts a UTF-8 byte-order mark before the header', async () => {
    const body = enc('title,body\nA,Text one.\n');
    const bytes = new Uint8Array(3 + body.length);
    bytes.set([0xef, 0xbb, 0xbf]);
    bytes.set(body, 3);
    const r = await readAsset({ path: 'bom.csv', bytes });
    expect(r.skipped).toEqual([]);
    expect(r.units.map((u) => [u.title, u.source, u.origin?.line])).toEqual([['A', 'Text one.', 2]]);
  });

  it('skips a row with an empty body and keeps the rest', async () => {
    const source = 'title,body\nA,Text one.\nB,\nC,Text three.\n';
    const r = await readAsset({ path: 'gaps.csv', bytes: enc(source) });
    expect(r.units.map((u) => [u.id, u.title])).toEqual([['macro:1', 'A'], ['macro:3', 'C']]);
    expect(r.skipped).toMatchObject([{ path: 'gaps.csv#macro:2', code: 'empty' }]);
  });
});
