import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { defaultEngine } from './engine-helpers.ts';
import { runCli } from './cli-helpers.ts';
import { makeDocx } from './fixtures/docx.ts';
import { fixAsset, type FileFix } from '../lib/fix/fix-file.ts';
import { planFixes } from '../lib/fix/plan.ts';
import { applyEdits } from '../lib/fix/apply.ts';
import { readAsset } from '../lib/engine/parse/asset.ts';
import { Interrupted } from '../lib/cli/errors.ts';
import type { Finding } from '../lib/engine/types.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

async function fixed(text: string, path = 'doc.md'): Promise<FileFix> {
  const result = await fixAsset(path, bytes(text), { engine: defaultEngine });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Safe suggestions a fresh audit of the text still finds. */
async function safeLeft(text: string, path: string): Promise<Finding[]> {
  const audit = await defaultEngine.auditAsset({ path, bytes: bytes(text) });
  return audit.units.flatMap((u) => u.findings.filter((f) => f.suggestionSafe));
}

describe('clarity fix: Markdown', () => {
  const doc = [
    '---',
    'title: We utilize front matter',
    '---',
    '# Getting started',
    '',
    'We utilize cookies in order to remember you. Read [how we utilize them](https://example.com/utilize) and `utilize()`.',
    '',
    '```js',
    '// utilize this in code',
    '```',
    '',
    'If you wish to terminate your plan prior to renewal, call us at https://example.com/utilize-help.',
    '',
  ].join('\n');

  it('edits the prose and leaves front matter, code and URLs byte-identical', async () => {
    const { after, changes } = await fixed(doc);
    expect(after).toContain('We use cookies to remember you.');
    expect(after).toContain('[how we use them](https://example.com/utilize)');
    expect(after).toContain('If you wish to end your plan before renewal');
    for (const kept of ['---\ntitle: We utilize front matter\n---\n', '`utilize()`', '```js\n// utilize this in code\n```', 'https://example.com/utilize-help.']) expect(after).toContain(kept);
    expect(changes.map((c) => `${c.before}>${c.after}`)).toEqual(['utilize>use', 'in order to>to', 'utilize>use', 'terminate>end', 'prior to>before']);
    expect(changes[0]?.where).toBe('doc.md:6');
    expect(await safeLeft(after, 'doc.md')).toEqual([]);
  });

  it('reports the scores before and after for every persona', async () => {
    const { scores } = await fixed(doc);
    expect(scores).toHaveLength(1);
    const [unit] = scores;
    expect(unit?.before.map((s) => s.personaId)).toEqual(['small-business-owner', 'first-time-consumer', 'technical-admin']);
    // Every fix removes a finding that cost a goal, so no persona scores lower and at least one scores higher.
    expect(unit?.after.every((s, i) => s.overall >= (unit.before[i]?.overall ?? Infinity))).toBe(true);
    expect(unit?.after.some((s, i) => s.overall > (unit.before[i]?.overall ?? Infinity))).toBe(true);
  });

  it('cuts a filler phrase with the space after it, or before it at the end of a sentence', async () => {
    const { after } = await fixed('Hello. If you are late, please be aware that the door is locked. Ask us, do not hesitate to call. We will help for your information.\n');
    expect(after).toBe('Hello. If you are late, the door is locked. Ask us, call. We will help.\n');
  });

  it('makes "a" or "an" fit the new word', async () => {
    const { after } = await fixed('An initial review comes first. We added an additional fee.\n');
    expect(after).toBe('A first review comes first. We added an extra fee.\n');
  });

  it('applies on a later pass a suggestion that the first reveals, and a second run changes nothing', async () => {
    // "as to whether or not": the longer "as to whether" hides "whether or not" until it is fixed.
    const first = await fixed('Hello. Users decide as to whether or not they want it.\n');
    expect(first.after).toBe('Hello. Users decide whether they want it.\n');
    expect(first.changes).toHaveLength(2);
    const second = await fixed(first.after);
    expect(second.changes).toEqual([]);
    expect(second.after).toBe(first.after);
  });

  it('keeps a UTF-8 byte-order mark and refuses UTF-16, which it would rewrite whole', async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('We utilize cookies.\n')]);
    const result = await fixAsset('bom.md', withBom, { engine: defaultEngine });
    expect(result.ok && result.value.contents).toBe('\uFEFFWe use cookies.\n');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('We utilize cookies.\n', 'utf16le')]);
    const refused = await fixAsset('wide.md', utf16, { engine: defaultEngine });
    expect(refused.ok ? '' : refused.error.code).toBe('not-fixable');
  });
});

describe('clarity fix: HTML', () => {
  it('leaves attributes, comments, scripts and entities as they were', async () => {
    const page = [
      '<!doctype html><html><body>',
      '<!-- we utilize comments -->',
      '<p class="utilize" title="in order to">We utilize <a href="/utilize?in-order-to">our forms</a> in order to help. Fees &amp; terms apply prior to renewal.</p>',
      '<script>const utilize = "in order to";</script>',
      '</body></html>',
      '',
    ].join('\n');
    const { after } = await fixed(page, 'page.html');
    expect(after).toContain('<p class="utilize" title="in order to">We use <a href="/utilize?in-order-to">our forms</a> to help. Fees &amp; terms apply before renewal.</p>');
    expect(after).toContain('<!-- we utilize comments -->');
    expect(after).toContain('<script>const utilize = "in order to";</script>');
    expect(after.replace('We use', 'We utilize').replace('> to help', '> in order to help').replace('before renewal', 'prior to renewal')).toBe(page);
  });
});

describe('clarity fix: macro exports', () => {
  it('rewrites a JSON reply inside its string, escaped, and leaves every other field alone', async () => {
    const macros = [
      { title: 'Refund "fast"', body: 'We will utilize the “card” you paid with.\nIn order to help, reply "yes" — é 😀', tags: ['utilize'] },
      { title: 'Plain', body: 'Thanks for writing. We are glad to help.' },
      { title: 'Help desk', actions: [{ field: 'comment_value', value: ['channel:all', 'Tab\there: we will terminate the order prior to shipping.'] }] },
    ];
    const text = `${JSON.stringify(macros, null, 2)}\n`;
    const { after, changes } = await fixed(text, 'macros.json');
    const parsed = JSON.parse(after) as typeof macros;
    expect(parsed[0]?.body).toBe('We will use the “card” you paid with.\nTo help, reply "yes" — é 😀');
    expect(parsed[2]?.actions?.[0]?.value).toEqual(['channel:all', 'Tab\there: we will end the order before shipping.']);
    // Same macros: only the replies changed.
    const unfixed = (list: typeof macros) => list.map((m) => ({ ...m, body: undefined, actions: m.actions?.map((a) => ({ ...a, value: a.value[0] })) }));
    expect(unfixed(parsed)).toEqual(unfixed(macros));
    expect(parsed[1]).toEqual(macros[1]);
    const lineOf = (needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const [one, three] = [`macros.json#macro:1 (Refund "fast"):${lineOf('"body"')}`, `macros.json#macro:3 (Help desk):${lineOf('Tab\\there')}`];
    expect(changes.map((c) => c.where)).toEqual([one, one, three, three]);
    const reread = await readAsset({ path: 'macros.json', bytes: bytes(after) });
    expect(reread.units).toHaveLength(3);
    expect(await safeLeft(after, 'macros.json')).toEqual([]);
  });

  it('keeps the markup of an HTML reply in a JSON export', async () => {
    const text = JSON.stringify([{ title: 'Html', body: '<p class="utilize">We utilize <b>cards</b> &amp; more <!-- prior to -->.</p>' }]);
    const { after } = await fixed(text, 'macros.json');
    expect((JSON.parse(after) as { body: string }[])[0]?.body).toBe('<p class="utilize">We use <b>cards</b> &amp; more <!-- prior to -->.</p>');
  });

  it('rewrites a CSV reply inside its field, quoted as RFC 4180 needs, and leaves the other fields byte-identical', async () => {
    const csv = [
      'id,title,body,notes',
      '1,Utilize,"We utilize your ""card"", then\nin order to help we write back. é 😀",utilize',
      '2,Short,We will terminate the order prior to shipping.,"in order to"',
      '3,Same,Thanks for writing.,x',
      '',
    ].join('\r\n');
    const { after } = await fixed(csv, 'macros.csv');
    const rows = (t: string) => parseCsv(t, { columns: true }) as Record<string, string>[];
    const [one, two, three] = rows(after);
    expect(one?.body).toBe('We use your "card", then\nto help we write back. é 😀');
    expect(two?.body).toBe('We will end the order before shipping.');
    expect(three).toEqual(rows(csv)[2]);
    // Titles and notes are the same bytes: only the body fields changed.
    expect(rows(after).map(({ body: _, ...rest }) => rest)).toEqual(rows(csv).map(({ body: _, ...rest }) => rest));
    expect(after.split('\r\n')[0]).toBe('id,title,body,notes');
    expect(after).toContain('1,Utilize,"We use your ""card"", then\nto help');
    expect(after).toContain(',utilize\r\n2,Short,We will end the order before shipping.,"in order to"\r\n');
  });
});

describe('planFixes', () => {
  it('keeps the earlier of two overlapping suggestions (the longer at the same start), in source order', async () => {
    const source = 'We utilize the form in order to help.';
    const [unit] = (await readAsset({ path: 'x.txt', bytes: bytes(source) })).units;
    if (!unit) throw new Error('no unit');
    const finding = (offset: number, length: number, suggestion: string, ruleId = 'plain-words'): Finding => ({
      id: `${ruleId}@${offset}`, ruleId, category: 'wordiness', severity: 'warning', message: '', text: source.slice(offset, offset + length),
      line: 1, column: offset + 1, offset, length, suggestion, suggestionSafe: true, personas: ['p'],
    });
    const plan = planFixes(unit, [
      finding(20, 11, 'to'), // "in order to"
      finding(23, 5, 'ORDER'), // "order", inside it: dropped
      finding(3, 7, 'use'), // "utilize"
      finding(3, 11, 'use the'), // "utilize the": same start, longer: wins
      { ...finding(32, 4, 'aid'), suggestionSafe: false }, // "help", not safe
    ]);
    expect(plan.map((p) => p.finding.text)).toEqual(['utilize the', 'in order to']);
    expect(applyEdits(source, plan.map((p) => p.edit))).toBe('We use the form to help.');
    expect(planFixes(unit, [finding(3, 7, 'use'), finding(20, 11, 'to', 'acronym')], new Set(['acronym'])).map((p) => p.finding.text)).toEqual(['in order to']);
  });
});

describe('clarity fix: the command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'clarity-fix-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string | Uint8Array): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

  it('fixes in place, keeps the permissions, writes through a link, leaves no temporary file and says what changed', async () => {
    write('a.md', 'We utilize cookies. The SLA applies.\n');
    // The acronym rule is off by default; turned on, its expansions are safe to apply.
    write('clarity.config.json', JSON.stringify({ rules: { acronym: 'on' } }));
    chmodSync(join(dir, 'a.md'), 0o640);
    symlinkSync(join(dir, 'a.md'), join(dir, 'link.md'));
    const run = await runCli(['fix', 'link.md'], dir);
    expect(run.code).toBe(0);
    expect(read('a.md')).toBe('We use cookies. The service level agreement (SLA) applies.\n');
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(statSync(join(dir, 'a.md')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['a.md', 'clarity.config.json', 'link.md']);
    expect(run.stdout).toContain('link.md:1  “utilize” → “use”  (plain-words)');
    expect(run.stdout).toMatch(/link\.md score: small-business-owner [\d.]+ → [\d.]+, first-time-consumer/);
    expect(run.stdout).toContain('clarity fix: made 2 change(s) in 1 of 1 file(s).');
    const again = await runCli(['fix', 'a.md'], dir);
    expect(again.stdout).toContain('made 0 change(s) in 0 of 1 file(s)');
    expect(read('a.md')).toBe('We use cookies. The service level agreement (SLA) applies.\n');
  });

  it('--dry-run prints a unified diff and changes nothing', async () => {
    const text = 'Intro.\n\nWe utilize cookies.\n';
    write('a.md', text);
    const run = await runCli(['fix', '--dry-run', '.'], dir);
    expect(run.code).toBe(0);
    expect(read('a.md')).toBe(text);
    expect(run.stdout).toContain('--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,3 @@\n Intro.\n \n-We utilize cookies.\n+We use cookies.\n');
    expect(run.stderr).toContain('would make 1 change(s) in 1 of 1 file(s) (dry run: nothing written)');
  });

  it('--rule limits the fix to that rule, and names the rules it can fix when given another', async () => {
    write('a.md', 'We utilize the SLA.\n');
    write('clarity.config.json', JSON.stringify({ rules: { acronym: 'on' } }));
    const run = await runCli(['fix', 'a.md', '--rule', 'acronym'], dir);
    expect(read('a.md')).toBe('We utilize the service level agreement (SLA).\n');
    expect(run.stdout).not.toContain('plain-words');
    const wrong = await runCli(['fix', 'a.md', '--rule', 'jargon'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('rule "jargon" makes no suggestions safe to apply unattended; clarity fix applies the suggestions of plain-words, acronym');
    expect((await runCli(['audit', 'a.md', '--rule', 'acronym'], dir)).code).toBe(2);
  });

  it('reports a .docx as not fixable, with the reason, and leaves it alone', async () => {
    const docx = await makeDocx([{ text: 'We utilize cookies in order to help.' }]);
    write('letter.docx', docx);
    write('a.md', 'We utilize cookies.\n');
    const run = await runCli(['fix', '.'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('letter.docx: not fixed: a .docx is read through its text only, and writing it back would lose its formatting');
    expect(run.stdout).toContain('1 not fixable');
    expect(Buffer.from(readFileSync(join(dir, 'letter.docx'))).equals(Buffer.from(docx))).toBe(true);
    expect(read('a.md')).toBe('We use cookies.\n');
  });

  it('escapes a house term that holds markup characters: entities in HTML, a backslash in Markdown', async () => {
    writeFileSync(join(dir, 'clarity.config.json'), JSON.stringify({ terms: { preferred: [{ use: 'Q&A <help>', instead: ['helpdesk'] }] } }));
    write('a.html', '<!doctype html><html><body><p>Ask the helpdesk today.</p></body></html>\n');
    write('a.md', 'Ask the helpdesk *today*.\n');
    await runCli(['fix', '.', '--rule', 'custom-preferred'], dir);
    expect(read('a.html')).toBe('<!doctype html><html><body><p>Ask the Q&amp;A &lt;help&gt; today.</p></body></html>\n');
    expect(read('a.md')).toBe('Ask the Q&A \\<help\\> *today*.\n');
  });

  it('check --fix fixes first, then checks what is left, with the fixes on stderr', async () => {
    write('a.md', 'We utilize cookies in order to remember you.\n');
    const run = await runCli(['check', 'a.md', '--fix', '--format', 'json', '--min-score', '0'], dir);
    expect(run.code).toBe(0);
    expect(read('a.md')).toBe('We use cookies to remember you.\n');
    expect(run.stderr).toContain('“in order to” → “to”');
    const report = JSON.parse(run.stdout) as { units: { findings: Finding[] }[] };
    expect(report.units[0]?.findings.filter((f) => f.suggestionSafe)).toEqual([]);
    expect((await runCli(['audit', 'a.md', '--fix'], dir)).code).toBe(2);
  });

  it('stops on Ctrl-C before writing, with the exit code of the signal', async () => {
    const text = 'We utilize cookies.\n';
    write('a.md', text);
    const controller = new AbortController();
    controller.abort(new Interrupted('SIGINT'));
    const run = await runCli(['fix', 'a.md'], dir, { signal: controller.signal });
    expect(run.code).toBe(130);
    expect(run.stdout).toContain('stopped by SIGINT: 0 file(s) fixed, the rest left as they were.');
    expect(read('a.md')).toBe(text);
  });
});
