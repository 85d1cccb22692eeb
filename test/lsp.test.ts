import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover, ProtocolConnection, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import type { AuditReport, Finding } from '../lib/engine/types.ts';
import { LspClient } from '../bench/lsp-client.ts';
import { runCli } from './cli-helpers.ts';

// The language server as an editor runs it: `clarity lsp --stdio` from source in its own process, driven by a real
// LSP client (vscode-languageserver-protocol) over its stdin and stdout.

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;
const TSX = import.meta.resolve('tsx');

/** The client, with the requests the tests make and the edits an editor applies. */
class Editor {
  private constructor(readonly client: LspClient) {}

  static async start(dir: string): Promise<Editor> {
    // From source, as the other CLI tests run it; tsx by its own path, since the workspace has no node_modules.
    const args = ['--import', TSX, join(process.cwd(), 'bin/clarity.ts'), 'lsp', '--stdio'];
    const capabilities = {
      textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } },
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
    };
    return new Editor(await LspClient.start(args, dir, capabilities));
  }

  get rpc(): ProtocolConnection {
    return this.client.rpc;
  }

  actions(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    return this.rpc.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], ...(only ? { only } : {}) } });
  }

  hover(uri: string, position: { line: number; character: number }): Promise<Hover | null> {
    return this.rpc.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  /** The document's text with a code action's edit applied, as the editor applies it. */
  applied(uri: string, action: CodeAction): string {
    const edits: TextEdit[] = action.edit?.changes?.[uri] ?? [];
    expect(edits.length).toBeGreaterThan(0);
    return TextDocument.applyEdits(this.client.doc(uri), edits);
  }
}

const LINE = '😀 Please utilize the portal prior to calling us about your deductible.';
const TEXT = `# Claims help\n\n${LINE}\n\n- Send the form to us in the event that you move house.\n- Call us at any time.\n`;

let root: string;
let editor: Editor;
let mdPath: string;
let mdUri: string;
let first: Diagnostic[];
let audited: AuditReport;

/** What `clarity audit --format json` reports for a file in the workspace. */
async function audit(file: string): Promise<AuditReport> {
  const run = await runCli(['audit', file, '--format', 'json'], root);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as AuditReport;
}

function findingOf(report: AuditReport, ruleId: string, text: string): Finding {
  const f = report.units.flatMap((u) => u.findings).find((x) => x.ruleId === ruleId && x.text === text);
  if (!f) throw new Error(`no ${ruleId} finding on “${text}”`);
  return f;
}

function diagnosticAt(diagnostics: Diagnostic[], doc: TextDocument, code: string, text: string): Diagnostic {
  const d = diagnostics.find((x) => x.code === code && doc.getText(x.range) === text);
  if (!d) throw new Error(`no ${code} diagnostic on “${text}” in ${JSON.stringify(diagnostics.map((x) => [x.code, doc.getText(x.range)]))}`);
  return d;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'clarity-lsp-'));
  mdPath = join(root, 'claims.md');
  mdUri = pathToFileURL(mdPath).href;
  writeFileSync(mdPath, TEXT);
  audited = await audit('claims.md');
  editor = await Editor.start(root);
  first = await editor.client.open(mdPath, 'markdown', TEXT);
}, 30_000);

afterAll(() => {
  editor?.client.child.kill();
  rmSync(root, { recursive: true, force: true });
});

describe('clarity lsp --stdio', () => {
  it('publishes a diagnostic for each finding clarity audit makes, at its exact range, on open', () => {
    const doc = editor.client.doc(mdUri);
    const findings = audited.units[0]!.findings;
    expect(findings.length).toBeGreaterThan(3);
    expect(first).toHaveLength(findings.length);
    for (const f of findings) {
      const d = first.find((x) => x.code === f.ruleId && doc.offsetAt(x.range.start) === f.offset);
      expect(d, `${f.ruleId} at ${f.offset}`).toBeDefined();
      expect(doc.getText(d!.range)).toBe(f.text);
      expect(d!.severity).toBe(SEVERITY[f.severity]);
      expect(d!.source).toBe('clarity');
      expect(d!.message).toContain(f.message);
    }
    // LSP columns count UTF-16 code units: the emoji before "utilize" is two of them, one code point.
    const utilize = diagnosticAt(first, doc, 'plain-words', 'utilize');
    expect(utilize.range).toEqual({ start: { line: 2, character: '😀 Please '.length }, end: { line: 2, character: '😀 Please utilize'.length } });
    expect([...'😀 Please '].length).toBe('😀 Please '.length - 1);
    // The documentation link opens the rule's own section of clarity's rule reference.
    const href = utilize.codeDescription!.href;
    expect(href.endsWith('docs/rules.md#plain-words')).toBe(true);
    expect(readFileSync(fileURLToPath(href.split('#')[0]!), 'utf8')).toContain('\n## plain-words\n');
  });

  it('sends the persona scores of the document after each lint, as clarity audit scores it', () => {
    const sent = editor.client.scores.find((s) => s.uri === mdUri && s.version === 1);
    expect(sent?.scores.map((s) => [s.personaId, s.overall])).toEqual(audited.units[0]!.scores.map((s) => [s.personaId, s.overall]));
    expect(sent?.scores.map((s) => s.name)).toEqual(BUILTIN_PERSONAS.map((p) => p.name));
  });

  it('hovers a finding with why it costs each persona, and the scores on the first line', async () => {
    const doc = editor.client.doc(mdUri);
    const jargon = findingOf(audited, 'jargon', 'deductible');
    const hover = await editor.hover(mdUri, doc.positionAt(jargon.offset + 2));
    const text = (hover?.contents as { value: string }).value;
    expect(text).toContain(jargon.message.slice(0, 30));
    for (const id of jargon.personas) {
      const persona = BUILTIN_PERSONAS.find((p) => p.id === id)!;
      expect(text).toContain(persona.name);
      for (const g of persona.goals.filter((x) => (x.categoryWeights.jargon ?? 0) > 0)) expect(text).toContain(g.label);
    }
    expect(text).toContain(jargon.suggestion!);
    const top = (await editor.hover(mdUri, { line: 0, character: 0 }))?.contents as { value: string };
    for (const s of audited.units[0]!.scores) expect(top.value).toContain(`**${s.overall}**`);
  });

  it('applies one suggestion, preferred when it is safe', async () => {
    const doc = editor.client.doc(mdUri);
    const f = findingOf(audited, 'plain-words', 'prior to');
    const actions = await editor.actions(mdUri, diagnosticAt(first, doc, 'plain-words', 'prior to'));
    const apply = actions.find((a) => a.edit && a.title.includes(f.suggestion!));
    expect(apply?.isPreferred).toBe(f.suggestionSafe);
    expect(editor.applied(mdUri, apply!)).toBe(TEXT.slice(0, f.offset) + f.suggestion + TEXT.slice(f.offset + f.length));
  });

  it('places findings and applies fixes past a byte-order mark, which the editor counts as a character', async () => {
    const path = join(root, 'bom.md');
    const uri = pathToFileURL(path).href;
    const text = '\uFEFFPlease utilize the portal prior to calling us.\n';
    const diagnostics = await editor.client.open(path, 'markdown', text);
    const doc = editor.client.doc(uri);
    const utilize = diagnosticAt(diagnostics, doc, 'plain-words', 'utilize');
    expect(utilize.range.start).toEqual({ line: 0, character: text.indexOf('utilize') });
    const apply = (await editor.actions(uri, utilize)).find((a) => a.edit && a.title.includes('“use”'));
    expect(editor.applied(uri, apply!)).toBe(text.replace('utilize', 'use'));
  });

  it('fixes all safe suggestions as clarity fix does', async () => {
    const doc = editor.client.doc(mdUri);
    const actions = await editor.actions(mdUri, diagnosticAt(first, doc, 'jargon', 'deductible'), ['source.fixAll']);
    expect(actions).toHaveLength(1);
    // Planning it audits the file again (up to four passes), so its edit comes on resolve.
    expect(actions[0]!.edit).toBeUndefined();
    const resolved: CodeAction = await editor.rpc.sendRequest('codeAction/resolve', actions[0]);
    copyFileSync(mdPath, join(root, 'fixed.md'));
    expect((await runCli(['fix', 'fixed.md'], root)).code).toBe(0);
    const fixed = readFileSync(join(root, 'fixed.md'), 'utf8');
    expect(fixed).not.toBe(TEXT);
    expect(editor.applied(mdUri, resolved)).toBe(fixed);
  });

  it('turns a rule off for the block with the inline comment the parser reads', async () => {
    const doc = editor.client.doc(mdUri);
    const actions = await editor.actions(mdUri, diagnosticAt(first, doc, 'plain-words', 'in the event that'));
    const off = actions.find((a) => a.title === 'Turn plain-words off for this list item');
    const text = editor.applied(mdUri, off!);
    expect(text).toContain('<!-- clarity-disable plain-words -->');
    writeFileSync(join(root, 'disabled.md'), text);
    const after = await audit('disabled.md');
    // Only that rule, only there: the other findings stand, plain-words in the paragraph above too.
    const listed = (r: AuditReport): string[] => r.units[0]!.findings.map((f) => `${f.ruleId} ${f.text}`).sort();
    expect(listed(after)).toEqual(listed(audited).filter((f) => f !== 'plain-words in the event that'));
    expect(listed(after)).toContain('plain-words utilize');
  });

  it('lints again on change, once typing pauses, without a save', async () => {
    const base = editor.client.doc(mdUri).version;
    const last = base + 3;
    const relinted = editor.client.next(mdUri, (p) => p.version === last);
    // Typed a letter at a time, 50 ms apart: quicker than the pause the server waits for.
    for (const word of ['u', 'us', 'use']) {
      await editor.client.change(mdUri, TEXT.replace('utilize', word));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const diagnostics = await relinted;
    const doc = editor.client.doc(mdUri);
    expect(diagnostics.some((d) => doc.getText(d.range) === 'utilize')).toBe(false);
    expect(diagnostics).toHaveLength(first.length - 1);
    // Debounced: the versions typed in between were never linted.
    expect(editor.client.published.filter((p) => p.uri === mdUri && p.version !== undefined && p.version > base && p.version < last)).toEqual([]);
    expect(readFileSync(mdPath, 'utf8')).toBe(TEXT);
  });

  it('places findings inside a JSON macro export at their place in the file, escapes and all', async () => {
    const path = join(root, 'macros.json');
    const text = `[\n  {"title": "Refund", "body": "We will \\"utilize\\" 😀 your card.\\nPlease utilize it prior to Friday."}\n]\n`;
    writeFileSync(path, text);
    const report = await audit('macros.json');
    const diagnostics = await editor.client.open(path, 'json', text);
    const doc = editor.client.doc(pathToFileURL(path).href);
    expect(diagnostics).toHaveLength(report.units[0]!.findings.length);
    const spans = diagnostics.map((d) => doc.getText(d.range));
    for (const f of report.units[0]!.findings) expect(spans).toContain(f.text);
    // The suggestion is written back inside the JSON string.
    const prior = diagnosticAt(diagnostics, doc, 'plain-words', 'prior to');
    const apply = (await editor.actions(doc.uri, prior)).find((a) => a.isPreferred);
    const body = (JSON.parse(editor.applied(doc.uri, apply!)) as { body: string }[])[0]!.body;
    expect(body).toBe('We will "utilize" 😀 your card.\nPlease utilize it before Friday.');
  });

  it('re-lints with the new config when clarity.config.json changes', async () => {
    // It asked the editor to watch the config and to send settings changes.
    const registered = editor.client.registrations;
    expect(registered.map((r) => r.method).sort()).toEqual(['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    const watchers = registered.flatMap((r) => (r.registerOptions as { watchers?: { globPattern: string }[] } | undefined)?.watchers ?? []);
    expect(watchers.map((w) => w.globPattern)).toContain('**/clarity.config.json');

    const configPath = join(root, 'clarity.config.json');
    writeFileSync(configPath, JSON.stringify({ terms: { forbidden: [{ term: 'portal', message: 'say website.' }] } }, null, 2));
    const relinted = editor.client.next(mdUri);
    await editor.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configPath).href, type: 1 }] });
    const diagnostics = await relinted;
    const forbidden = diagnosticAt(diagnostics, editor.client.doc(mdUri), 'custom-forbidden', 'portal');
    expect(forbidden.message).toContain('say website.');
    expect(forbidden.severity).toBe(SEVERITY.error);

    // A rule turned off in the config, read again when the client's settings change.
    writeFileSync(configPath, JSON.stringify({ rules: { 'plain-words': 'off' } }));
    const again = editor.client.next(mdUri);
    await editor.rpc.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const now = await again;
    expect(now.filter((d) => d.code === 'plain-words' || d.code === 'custom-forbidden')).toEqual([]);
    expect(now.some((d) => d.code === 'jargon')).toBe(true);

    // A glossary file the config names is watched too: editing it re-lints.
    const glossary = join(root, 'team-glossary.json');
    const deprecate = (use: string): void => writeFileSync(glossary, JSON.stringify({ version: 1, name: 'team', terms: [{ term: 'portal', status: 'deprecated', use }] }));
    const changed = async (path: string): Promise<Diagnostic[]> => {
      const relinted = editor.client.next(mdUri);
      await editor.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).href, type: 2 }] });
      return await relinted;
    };
    deprecate('website');
    writeFileSync(configPath, JSON.stringify({ rules: { 'plain-words': 'off' }, glossaries: ['team-glossary.json'] }));
    expect(diagnosticAt(await changed(configPath), editor.client.doc(mdUri), 'glossary-deprecated', 'portal').message).toContain('website');
    deprecate('web page');
    expect(diagnosticAt(await changed(glossary), editor.client.doc(mdUri), 'glossary-deprecated', 'portal').message).toContain('web page');
  });

  it("adds a term to the personas' known terms in the config, and re-lints without it", async () => {
    const doc = editor.client.doc(mdUri);
    const diagnostics = editor.client.published.filter((p) => p.uri === mdUri).at(-1)!.diagnostics;
    const jargon = diagnosticAt(diagnostics, doc, 'jargon', 'deductible');
    const add = (await editor.actions(mdUri, jargon)).find((a) => a.command?.command === 'clarity.addKnownTerm');
    const relinted = editor.client.next(mdUri);
    await editor.rpc.sendRequest('workspace/executeCommand', { command: add!.command!.command, arguments: add!.command!.arguments });
    const now = await relinted;
    expect(now.some((d) => d.code === 'jargon' && doc.getText(d.range) === 'deductible')).toBe(false);
    const config = JSON.parse(readFileSync(join(root, 'clarity.config.json'), 'utf8')) as { rules: object; personas: { id: string; knownTerms: string[] }[] };
    // The rest of the config stays; each persona the finding applied to now knows the term, besides what it knew.
    expect(config.rules).toEqual({ 'plain-words': 'off' });
    expect((config as { glossaries?: unknown }).glossaries).toEqual(['team-glossary.json']);
    const personas = (add!.command!.arguments![0] as { personas: string[] }).personas;
    expect(config.personas.map((p) => p.id)).toEqual(personas);
    for (const p of config.personas) expect(p.knownTerms).toEqual([...BUILTIN_PERSONAS.find((b) => b.id === p.id)!.knownTerms, 'deductible']);
  });

  it('ends on shutdown and exit', async () => {
    expect(await editor.client.stop()).toBe(0);
  });
});

it('is registered as a command that needs --stdio', async () => {
  const run = await runCli(['lsp'], process.cwd());
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('clarity lsp --stdio');
});
