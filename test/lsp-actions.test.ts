import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseConfig } from '../lib/config/load.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { applyEdits } from '../lib/fix/apply.ts';
import { disableRuleEdits } from '../lib/lsp/disable.ts';
import { editTo } from '../lib/lsp/edits.ts';
import { addKnownTerms, knownTermForms } from '../lib/lsp/known-terms.ts';
import { lintDocument, findingsOf, documentPath, type Located } from '../lib/lsp/lint.ts';
import { placeFindings } from '../lib/lsp/diagnostics.ts';
import { defaultEngine } from './engine-helpers.ts';

// The pieces of the language server's code actions, in-process: test/lsp.test.ts drives them through a client.

async function lint(text: string, name: string, languageId = 'markdown') {
  const doc = TextDocument.create(`file:///work/${name}`, languageId, 1, text);
  return { doc, lint: await lintDocument(doc, defaultEngine, 1 << 20) };
}

/** The findings of a text, as "rule text" lines, sorted. */
async function listed(text: string, name: string): Promise<string[]> {
  const { lint: l } = await lint(text, name);
  return findingsOf(l)
    .map((x) => `${x.finding.ruleId} ${x.finding.text}`)
    .sort();
}

async function disabled(text: string, name: string, ruleId: string, quote: string): Promise<string> {
  const { lint: l } = await lint(text, name);
  const target = findingsOf(l).find((x) => x.finding.ruleId === ruleId && x.finding.text === quote) as Located;
  expect(target, `${ruleId} “${quote}” in ${name}`).toBeDefined();
  const edits = disableRuleEdits(target.unit, target.finding);
  expect(edits, 'the rule can be turned off there').toBeDefined();
  if (target.unit.id === '') return applyEdits(text, edits!);
  // A macro's reply: the edits are of the reply, written back into its JSON string.
  const parsed = JSON.parse(text) as { title: string; body: string }[];
  parsed[Number(target.unit.id.slice('macro:'.length)) - 1]!.body = applyEdits(target.unit.source, edits!);
  return JSON.stringify(parsed);
}

describe('turning a rule off for a block', () => {
  const cases: [string, string, string][] = [
    ['a paragraph of two lines', 'a.md', 'Intro line.\n\nUtilize the form.\nIt covers your deductible.\n\nYou can utilize it later.\n'],
    ['a heading (ATX)', 'b.md', '# Utilize the form\n\nYou can utilize it later.\n'],
    ['a heading (setext)', 'c.md', 'Utilize the form\n================\n\nYou can utilize it later.\n'],
    ['a first list item', 'd.md', 'Steps:\n\n- Utilize the form.\n- Send it.\n\nYou can utilize it later.\n'],
    ['a middle list item', 'e.md', '- Send it.\n- Utilize the form.\n- Sign it.\n\nYou can utilize it later.\n'],
    ['a nested, ordered item', 'f.md', '1. Send it.\n   - Utilize the form.\n2. Sign it.\n\nYou can utilize it later.\n'],
    ['a quote', 'g.md', '> Utilize the form.\n> Then sign it.\n\nYou can utilize it later.\n'],
    ['a table cell', 'h.md', '| Step | What |\n| --- | --- |\n| 1 | Utilize the form |\n\nYou can utilize it later.\n'],
    ['CRLF lines', 'i.md', 'Utilize the form.\r\n\r\nYou can utilize it later.\r\n'],
    ['an HTML page', 'j.html', '<html><body><p>Utilize the form.</p><p>You can utilize it later.</p></body></html>'],
  ];
  for (const [what, name, text] of cases) {
    it(`${what}: that rule's finding goes, every other finding stays, and the prose reads the same`, async () => {
      const before = await listed(text, name);
      const quote = /[Uu]tilize/.exec(text)![0];
      const after = await disabled(text, name, 'plain-words', quote);
      expect(await listed(after, name)).toEqual(before.filter((f) => f !== `plain-words ${quote}`));
      // The block further down keeps its finding: the rule is back on after the block.
      expect(await listed(after, name)).toContain('plain-words utilize');
    });
  }

  it("an HTML macro reply, inside its JSON string; a plain-text reply offers nothing, as the parser reads no comments there", async () => {
    const text = JSON.stringify([
      { title: 'HTML', body: '<p>Please utilize the form.</p><p>You can utilize it later.</p>' },
      { title: 'Text', body: 'Please utilize the form.' },
    ]);
    const after = await disabled(text, 'm.json', 'plain-words', 'utilize');
    const { lint: l } = await lint(after, 'm.json', 'json');
    // (Each reply also misses its stage's job, reciprocate: those findings are not the subject here.)
    expect(findingsOf(l).filter((x) => x.finding.category !== 'stage-fit').map((x) => `${x.unit.title} ${x.finding.text}`)).toEqual(['HTML utilize', 'Text utilize']);
    const plain = findingsOf(l).find((x) => x.unit.title === 'Text')!;
    expect(disableRuleEdits(plain.unit, plain.finding)).toBeUndefined();
  });

  it('plain text offers nothing', async () => {
    const { lint: l } = await lint('Please utilize the form.\n', 'a.txt', 'plaintext');
    const [x] = findingsOf(l);
    expect(disableRuleEdits(x!.unit, x!.finding)).toBeUndefined();
  });
});

describe('adding a known term to the config', () => {
  const defaults = parseConfig({}, 'clarity.config.json');
  if (!defaults.ok) throw new Error('defaults');
  const sbo = BUILTIN_PERSONAS.find((p) => p.id === 'small-business-owner')!;

  it('overrides a built-in persona with its own terms plus the new one, and keeps the rest of the file as it was', () => {
    const text = '{\n  "ignore": ["drafts/**"],\n  "rules": { "hedging": "on" }\n}\n';
    const out = addKnownTerms(text, defaults.value, ['small-business-owner'], ['deductible'], 'clarity.config.json');
    expect(out.ok).toBe(true);
    const written = out.ok ? out.value : '';
    expect(written.endsWith('  "ignore": ["drafts/**"],\n  "rules": { "hedging": "on" }\n}\n')).toBe(true);
    const loaded = parseConfig(JSON.parse(written), 'clarity.config.json');
    expect(loaded.ok && loaded.value.personas.find((p) => p.id === sbo.id)?.knownTerms).toEqual([...sbo.knownTerms, 'deductible']);
    expect(loaded.ok && loaded.value.config.ignore).toEqual(['drafts/**']);
  });

  it('appends to an override already there, creates the file when there is none, and says when every persona knows the term', () => {
    const text = JSON.stringify({ personas: [{ id: 'first-time-consumer', knownTerms: ['premium'] }] });
    const loaded = parseConfig(JSON.parse(text), 'clarity.config.json');
    if (!loaded.ok) throw new Error('config');
    const out = addKnownTerms(text, loaded.value, ['first-time-consumer', 'small-business-owner'], ['excess'], 'clarity.config.json');
    const config = JSON.parse(out.ok ? out.value : '{}') as { personas: { id: string; knownTerms: string[] }[] };
    expect(config.personas).toEqual([
      { id: 'first-time-consumer', knownTerms: ['premium', 'excess'] },
      { id: 'small-business-owner', knownTerms: [...sbo.knownTerms, 'excess'] },
    ]);
    const fresh = addKnownTerms(undefined, defaults.value, ['technical-admin'], ['subrogation'], 'clarity.config.json');
    expect(fresh.ok && (JSON.parse(fresh.value) as { personas: unknown[] }).personas).toHaveLength(1);
    const again = addKnownTerms(text, loaded.value, ['first-time-consumer'], ['PREMIUM'], 'clarity.config.json');
    expect(again.ok ? 'ok' : again.error.code).toBe('already-known');
    expect(addKnownTerms('{ not json', defaults.value, ['technical-admin'], ['x'], 'clarity.config.json').ok).toBe(false);
  });

  it('lists the forms the rules match: an inflected jargon term by its listed form too', async () => {
    const { lint: l } = await lint('Your deductibles rise each year. We track your KPI.\n', 'k.md');
    const found = findingsOf(l);
    const jargon = found.find((x) => x.finding.ruleId === 'jargon');
    expect(jargon && knownTermForms(jargon.finding)).toEqual(['deductibles', 'deductible']);
    // Known to every persona it applied to, the term is no longer flagged for them.
    const config = addKnownTerms(undefined, defaults.value, jargon!.finding.personas, knownTermForms(jargon!.finding), 'clarity.config.json');
    const loaded = parseConfig(JSON.parse(config.ok ? config.value : '{}'), 'clarity.config.json');
    if (!loaded.ok) throw new Error('config');
    const { createEngine } = await import('../lib/engine/audit.ts');
    const doc = TextDocument.create('file:///work/k.md', 'markdown', 1, 'Your deductibles rise each year.\n');
    const relinted = await lintDocument(doc, createEngine({ personas: loaded.value.personas }), 1 << 20);
    expect(findingsOf(relinted).filter((x) => x.finding.ruleId === 'jargon')).toEqual([]);
  });
});

describe('positions and edits', () => {
  it('places CSV macro findings in the file, through the field quoting', async () => {
    const text = 'title,body\nRefund,"We will ""utilize"" 😀 your card, prior to Friday."\n';
    const { doc, lint: l } = await lint(text, 'm.csv', 'csv');
    const placed = placeFindings(l, doc);
    // A finding spanning the field's escaped quotes (a whole-sentence stage-fit one) covers them as the file writes them.
    expect(placed.map((p) => doc.getText(p.range).replace(/""/g, '"'))).toEqual(placed.map((p) => p.finding.text));
    expect(placed.filter((p) => p.finding.category !== 'stage-fit').map((p) => p.finding.text)).toEqual(['utilize', 'prior to']);
  });

  it('an edit to a new text never splits a surrogate pair', () => {
    const doc = TextDocument.create('file:///x.txt', 'plaintext', 1, 'a😀b');
    const edit = editTo(doc, 'a😀b', 'a😃b')!;
    expect(TextDocument.applyEdits(doc, [edit])).toBe('a😃b');
    expect(edit.newText).toBe('😃');
  });

  it('audits a document under its own path, or its language where the name does not say', () => {
    expect(documentPath('file:///work/notes.md', 'markdown')).toBe('/work/notes.md');
    expect(documentPath('file:///work/page.mdx', 'markdown')).toBe('/work/page.mdx.md');
    expect(documentPath('file:///work/README', 'plaintext')).toBe('/work/README');
    expect(documentPath('untitled:Untitled-1', 'markdown')).toBe('Untitled-1.md');
  });
});
