import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Ajv } from 'ajv';
import { EXIT } from '../lib/cli/main.ts';
import { buildCli } from '../bin/build.ts';
import { Locator } from '../lib/ci/locate.ts';
import { RD_SEVERITY, renderRdjson, type RdDiagnostic, type RdDiagnosticResult, type RdRange } from '../lib/ci/rdjson.ts';
import { suggestedEdits } from '../lib/ci/suggestions.ts';
import { decide } from '../lib/ci/verdict.ts';
import type { AuditReport, Finding, UnitReport } from '../lib/engine/types.ts';
import { REPORT_SCHEMA_VERSION } from '../lib/report/schema-version.ts';
import { runCli } from './cli-helpers.ts';

let dir: string;
const run = (args: string[]) => runCli(args, dir);

// A line with characters of two and four UTF-8 bytes (é, ☕: one and two UTF-16 units) before its findings; an
// info (passive), warnings, and an error (a sentence over 40 words).
const GUIDE = `# Café guide

Café ☕ owners: prior to signing, we will utilize the form.

Your form will be reviewed by our team.

We check every form that comes in and we write back to each owner and we call the bank for them and we send the papers to the office and we keep a copy for the file and we tell the owner when the papers are back from the office.
`;
const PAGE = `<!doctype html>
<html><body>
<p>We will <b>utilize</b> your details in order to help, and the deductible applies.</p>
</body></html>
`;
// Escapes before the findings (\\", \\n, \\u00e9), so the file's columns differ from the reply's, and one inside a
// finding ("Prior\\u0020to"), whose file text is not the reply's.
const MACROS = `{
  "macros": [
    {
      "title": "Refund",
      "actions": [
        { "field": "comment_value", "value": "Hi \\"there\\",\\n\\nCaf\\u00e9 note: in order to help, we utilize it. Prior\\u0020to payment, call us." }
      ]
    }
  ]
}
`;
// A swap whose "an" must become "a" ("an initial review" → "a first review"), and a cut that takes its space.
const EDITS = '# Forms\n\nWe do an initial review of each form. You can feel free to call us at any time.\n';
const CLEAN = 'We got your form. Your new card is on its way.\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-rdjson-'));
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content', 'guide.md'), GUIDE);
  writeFileSync(join(dir, 'content', 'page.html'), PAGE);
  writeFileSync(join(dir, 'content', 'macros.json'), MACROS);
  writeFileSync(join(dir, 'content', 'edits.md'), EDITS);
  writeFileSync(join(dir, 'clean.md'), CLEAN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'rdjson.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

function expectValid(result: unknown): void {
  expect(validate(result), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
}

async function rdjson(args: string[]): Promise<RdDiagnosticResult> {
  const r = await run([...args, '--format', 'rdjson']);
  expect(r.code, r.stderr).not.toBe(EXIT.usage);
  const result = JSON.parse(r.stdout) as RdDiagnosticResult;
  expectValid(result);
  return result;
}

async function report(args: string[]): Promise<AuditReport> {
  return JSON.parse((await run([...args, '--format', 'json'])).stdout) as AuditReport;
}

/** The byte offset of a 1-based line and UTF-8 byte column in a file. */
function byteOffset(bytes: Buffer, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) at = bytes.indexOf(0x0a, at) + 1;
  return at + column - 1;
}

/** The file's text over a range, counted as reviewdog counts it. */
function slice(path: string, range: RdRange): string {
  const bytes = readFileSync(join(dir, path));
  const { start, end = range.start } = range;
  return bytes.subarray(byteOffset(bytes, start.line, start.column!), byteOffset(bytes, end.line, end.column!)).toString('utf8');
}

/** Every suggested change of a file applied at once, from the last to the first (they must not overlap). */
function applySuggestions(path: string, diagnostics: RdDiagnostic[]): string {
  const bytes = readFileSync(join(dir, path));
  const edits = diagnostics
    .filter((d) => d.location.path === path)
    .flatMap((d) => d.suggestions ?? [])
    .map((s) => ({ from: byteOffset(bytes, s.range.start.line, s.range.start.column!), to: byteOffset(bytes, s.range.end!.line, s.range.end!.column!), text: s.text }))
    .sort((a, b) => b.from - a.from);
  let out = bytes;
  let limit = Infinity;
  for (const e of edits) {
    expect(e.to, 'suggestions overlap').toBeLessThanOrEqual(limit);
    out = Buffer.concat([out.subarray(0, e.from), Buffer.from(e.text, 'utf8'), out.subarray(e.to)]);
    limit = e.from;
  }
  return out.toString('utf8');
}

const located = (result: RdDiagnosticResult, path: string, ruleId: string, text: string) => {
  const d = result.diagnostics.find((x) => x.location.path === path && x.code.value === ruleId && slice(path, x.location.range!) === text);
  expect(d, `${ruleId} “${text}” in ${path}`).toBeDefined();
  return d!;
};

describe('--format rdjson', () => {
  it('validates against the schema written from reviewdog.proto, which refuses what reviewdog would refuse', async () => {
    const result = await rdjson(['check', 'content']);
    expect(result.source).toEqual({ name: 'clarity' });
    expect(result.diagnostics.length).toBeGreaterThan(5);
    const typo = structuredClone(result);
    Object.assign(typo.diagnostics[0]!.location.range!.start, { colum: 3 });
    expect(validate(typo)).toBe(false);
    const severity = structuredClone(result);
    severity.diagnostics[0]!.severity = 'warn' as never;
    expect(validate(severity)).toBe(false);
    const zero = structuredClone(result);
    zero.diagnostics[0]!.location.range!.start.column = 0;
    expect(validate(zero)).toBe(false);
  });

  it('has one diagnostic per finding, with its severity, its rule as the code and its message', async () => {
    const [rd, json] = await Promise.all([rdjson(['check', 'content']), report(['check', 'content'])]);
    const findings = json.units.flatMap((u) => u.findings.map((f) => ({ path: u.path, f })));
    expect(rd.diagnostics).toHaveLength(findings.length);
    findings.forEach(({ path, f }, i) => {
      const d = rd.diagnostics[i]!;
      expect(d.location.path).toBe(path);
      expect(d.code).toEqual({ value: f.ruleId });
      expect(d.severity).toBe(RD_SEVERITY[f.severity]);
      expect(d.message).toContain(f.message);
      expect(d.message).toContain(`[${f.personas.join(', ')}]`);
    });
    expect(new Set(rd.diagnostics.map((d) => d.severity))).toEqual(new Set(['ERROR', 'WARNING', 'INFO']));
    expect(located(rd, 'content/guide.md', 'passive', 'be reviewed').severity).toBe('INFO');
    expect(rd.diagnostics.find((d) => d.code.value === 'sentence-length')!.severity).toBe('ERROR');
    // A macro's diagnostic names the macro.
    expect(located(rd, 'content/macros.json', 'plain-words', 'utilize').message).toContain('(macro:1: Refund)');
  });

  it('counts columns in UTF-8 bytes on a line with non-ASCII characters', async () => {
    const rd = await rdjson(['check', 'content/guide.md']);
    const json = await report(['check', 'content/guide.md']);
    const f = json.units[0]!.findings.find((x) => x.text === 'prior to')!;
    const line = GUIDE.split('\n')[f.line - 1]!;
    const prefix = line.slice(0, f.column - 1);
    expect(prefix).toBe('Café ☕ owners: ');
    const d = located(rd, 'content/guide.md', 'plain-words', 'prior to');
    // é is 2 bytes and ☕ 3 bytes in UTF-8, one UTF-16 unit each: the byte column is 3 past clarity's.
    expect(d.location.range).toEqual({ start: { line: 3, column: f.column + 3 }, end: { line: 3, column: f.column + 3 + 'prior to'.length } });
    expect(Buffer.byteLength(prefix)).toBe(f.column - 1 + 3);
  });

  it('counts the byte-order mark a file starts with in the first line\'s byte columns, and in suggested changes', async () => {
    writeFileSync(join(dir, 'bom.md'), '\uFEFFPlease utilize the portal prior to calling us.\n');
    const rd = await rdjson(['check', 'bom.md']);
    // slice() counts the file's bytes, the mark's three among them, as reviewdog does.
    const d = located(rd, 'bom.md', 'plain-words', 'utilize');
    expect(d.location.range!.start).toEqual({ line: 1, column: 3 + 'Please '.length + 1 });
    expect(applySuggestions('bom.md', rd.diagnostics)).toBe('\uFEFFPlease use the portal before calling us.\n');
  });

  const jsonUnescaped = (text: string): string | undefined => {
    try {
      return JSON.parse(`"${text}"`) as string;
    } catch {
      return undefined;
    }
  };

  it('points at the file text of findings in Markdown, HTML and a JSON macro export', async () => {
    const [rd, json] = await Promise.all([rdjson(['audit', 'content']), report(['audit', 'content'])]);
    expect(rd.diagnostics.length).toBe(json.units.reduce((n, u) => n + u.findings.length, 0));
    for (const d of rd.diagnostics) {
      const text = slice(d.location.path, d.location.range!);
      // In the JSON export the file text is the reply's, escaped (a whole-sentence stage-fit finding spans "\u0020").
      const finding = json.units.flatMap((u) => u.findings).find((f) => f.text === text || JSON.stringify(f.text).slice(1, -1) === text || jsonUnescaped(text) === f.text);
      expect(finding, `${d.code.value} at ${JSON.stringify(d.location.range)} in ${d.location.path}: “${text}”`).toBeDefined();
    }
    located(rd, 'content/page.html', 'plain-words', 'utilize');
    located(rd, 'content/page.html', 'jargon', 'deductible');
    // Inside the JSON string, past \", \n and \u00e9: on line 6, where the reply's own column would be 33.
    const utilize = located(rd, 'content/macros.json', 'plain-words', 'utilize');
    expect(utilize.location.range!.start.line).toBe(6);
    expect(utilize.location.range!.start.column).toBe(MACROS.split('\n')[5]!.indexOf('utilize') + 1);
    located(rd, 'content/macros.json', 'plain-words', 'Prior\\u0020to');
  });

  it('carries a suggested change for safe suggestions only, and only where the file text is the finding text', async () => {
    const rd = await rdjson(['check', 'content']);
    const utilize = located(rd, 'content/page.html', 'plain-words', 'utilize');
    expect(utilize.suggestions).toEqual([{ range: utilize.location.range, text: 'use' }]);
    expect(utilize.message).not.toContain('Suggestion:');
    // A gloss needs a person: it stays in the message.
    const deductible = located(rd, 'content/page.html', 'jargon', 'deductible');
    expect(deductible.suggestions).toBeUndefined();
    expect(deductible.message).toContain('Suggestion: “deductible (the part of a bill paid');
    // In the JSON export: a plain slice gets its change; one with an escape inside would lose it, so it gets none.
    expect(located(rd, 'content/macros.json', 'plain-words', 'utilize').suggestions).toEqual([{ range: expect.anything(), text: 'use' }]);
    const prior = located(rd, 'content/macros.json', 'plain-words', 'Prior\\u0020to');
    expect(prior.suggestions).toBeUndefined();
    expect(prior.message).toContain('Suggestion: “Before”');
    // The edit clarity fix makes, not the bare suggestion: "an" becomes "a", a cut takes its space.
    const initial = located(rd, 'content/edits.md', 'plain-words', 'initial');
    expect(initial.suggestions).toHaveLength(1);
    expect(slice('content/edits.md', initial.suggestions![0]!.range)).toBe('an initial');
    expect(initial.suggestions![0]!.text).toBe('a first');
    const cut = located(rd, 'content/edits.md', 'plain-words', 'feel free to');
    expect(slice('content/edits.md', cut.suggestions![0]!.range)).toBe('feel free to ');
    expect(cut.suggestions![0]!.text).toBe('');
  });

  it('gives changes that, applied together, write what clarity fix writes', async () => {
    const files = ['content/guide.md', 'content/page.html', 'content/edits.md'];
    const rd = await rdjson(['check', ...files]);
    expect(rd.diagnostics.filter((d) => d.suggestions).length).toBeGreaterThanOrEqual(6);
    for (const path of files) {
      const copy = `fixed-${path.replace('/', '-')}`;
      copyFileSync(join(dir, path), join(dir, copy));
      expect((await run(['fix', copy])).code).toBe(EXIT.ok);
      const fixed = readFileSync(join(dir, copy), 'utf8');
      expect(fixed).not.toBe(readFileSync(join(dir, path), 'utf8'));
      expect(applySuggestions(path, rd.diagnostics), path).toBe(fixed);
    }
  });

  it('writes an empty list of diagnostics when there is nothing to say', async () => {
    const rd = await rdjson(['check', 'clean.md']);
    expect(rd).toEqual({ source: { name: 'clarity' }, diagnostics: [] });
    const empty: AuditReport = { schemaVersion: REPORT_SCHEMA_VERSION, tool: { name: 'clarity', version: '0' }, personas: [], units: [], skipped: [] };
    const rendered = JSON.parse(renderRdjson(empty, decide(empty, { personas: {} }, undefined))) as unknown;
    expectValid(rendered);
    expect(rendered).toEqual({ source: { name: 'clarity' }, diagnostics: [] });
  });

  it('keeps lines but no columns or changes where the file cannot be read any more', async () => {
    const json = await report(['check', 'content/page.html', 'content/macros.json']);
    const edits = await suggestedEdits(json, async () => undefined);
    expect(edits.size).toBe(0);
    const withEdits = await suggestedEdits(json, async (path) => readFileSync(join(dir, path)));
    expect(withEdits.size).toBeGreaterThan(2);
    // Planned edits, but no text for the locator: lines only, and so no suggested change.
    const rd = JSON.parse(renderRdjson(json, decide(json, { personas: {} }, undefined), new Locator(), withEdits)) as RdDiagnosticResult;
    expectValid(rd);
    for (const d of rd.diagnostics) {
      expect(d.location.range!.start.column).toBeUndefined();
      expect(d.suggestions).toBeUndefined();
    }
    const lineOf = (path: string) => {
      const unit = json.units.find((u) => u.path === path) as UnitReport;
      const utilize = unit.findings.find((f: Finding) => f.text === 'utilize')!;
      return rd.diagnostics.find((d) => d.location.path === path && d.message.startsWith(utilize.message))!.location.range;
    };
    expect(lineOf('content/page.html')).toEqual({ start: { line: 3 }, end: { line: 3 } });
    // A macro's line is the file's, from where its reply starts.
    expect(lineOf('content/macros.json')).toEqual({ start: { line: 6 }, end: { line: 6 } });
  });

  it('reports only the new findings under a baseline', async () => {
    writeFileSync(join(dir, 'bl.md'), EDITS);
    expect((await run(['check', 'bl.md', '--write-baseline', 'bl.json'])).code).toBe(EXIT.ok);
    expect((await rdjson(['check', 'bl.md', '--baseline', 'bl.json'])).diagnostics).toEqual([]);
    writeFileSync(join(dir, 'bl.md'), `${EDITS}\nPrior to payment, call us.\n`);
    const added = await rdjson(['check', 'bl.md', '--baseline', 'bl.json']);
    expect(added.diagnostics.map((d) => slice('bl.md', d.location.range!))).toEqual(['Prior to']);
  });

  it('is chosen by --out with .rdjson, written by --report rdjson:<file>, and printed by audit too', async () => {
    const out = await run(['check', 'content/edits.md', '--out', 'out/report.rdjson', '--report', 'rdjson:out/extra.json']);
    expect(out.code).toBe(EXIT.ok);
    const written = JSON.parse(readFileSync(join(dir, 'out', 'report.rdjson'), 'utf8')) as RdDiagnosticResult;
    expectValid(written);
    expect(written.diagnostics.some((d) => d.suggestions)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'extra.json'), 'utf8'))).toEqual(written);
    const audit = await run(['audit', 'content/edits.md', '--format', 'rdjson']);
    expect(audit.code).toBe(EXIT.ok);
    expect(JSON.parse(audit.stdout)).toEqual(written);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// action.yml: the fix and rdjson-file inputs

/** The `run: |` script of the step with `id: check`, de-indented. */
function checkScript(action: string): string {
  const lines = action.split('\n');
  const step = lines.findIndex((l) => l.trim() === 'id: check');
  const start = lines.findIndex((l, i) => i > step && l.trim() === 'run: |');
  expect(start).toBeGreaterThan(step);
  const indent = (/^ */.exec(lines[start + 1] ?? '') ?? [''])[0].length;
  const body: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() !== '' && (/^ */.exec(l) ?? [''])[0].length < indent) break;
    body.push(l.slice(indent));
  }
  return body.join('\n');
}

describe('action.yml: fix and rdjson', () => {
  const action = readFileSync('action.yml', 'utf8');

  it('declares fix (default false) and rdjson-file, and hands them to the check step through the environment', () => {
    expect(action).toMatch(/^ {2}fix:\n(?: {4}.*\n)*? {4}default: 'false'$/m);
    expect(action).toMatch(/^ {2}rdjson-file:\n {4}description: .*reviewdog/m);
    expect(action).toMatch(/^ {2}rdjson-file:\n(?: {4}.*\n)*? {4}value: \$\{\{ steps\.check\.outputs\.rdjson-file \}\}$/m);
    expect(action).toMatch(/^ {2}format:\n {4}description: .*rdjson/m);
    expect(action).toContain('INPUT_FIX: ${{ inputs.fix }}');
    expect(action).toContain('INPUT_RDJSON_FILE: ${{ inputs.rdjson-file }}');
    expect(checkScript(action)).not.toContain('${{');
  });

  it('fixes the files first when fix is true, writes the rdjson report, and refuses any other value', async () => {
    mkdirSync(join(process.cwd(), 'test-output'), { recursive: true });
    const actionPath = mkdtempSync(join(process.cwd(), 'test-output', 'action-rdjson-'));
    onTestFinished(() => rmSync(actionPath, { recursive: true, force: true }));
    await buildCli(join(actionPath, 'dist'));
    const outputs = join(actionPath, 'outputs.txt');
    const go = (env: Record<string, string>) => {
      writeFileSync(outputs, '');
      const empty = { INPUT_PATHS: '', INPUT_MIN_SCORE: '', INPUT_CONFIG: '', INPUT_FORMAT: '', INPUT_BASELINE: '', INPUT_CHANGED_SINCE: '', INPUT_SARIF_FILE: '', INPUT_RDJSON_FILE: '', INPUT_FIX: '' };
      return spawnSync('bash', ['-e', '-c', checkScript(action)], { cwd: dir, encoding: 'utf8', env: { ...process.env, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: outputs, ...empty, ...env } });
    };
    writeFileSync(join(dir, 'action.md'), EDITS);

    // Not fixing: the file stays, and the report carries the suggested changes.
    const report1 = go({ INPUT_PATHS: 'action.md', INPUT_MIN_SCORE: '0', INPUT_FORMAT: 'rdjson', INPUT_RDJSON_FILE: 'out/action.rdjson' });
    expect(report1.status, report1.stderr).toBe(0);
    expect(readFileSync(join(dir, 'action.md'), 'utf8')).toBe(EDITS);
    const printed = JSON.parse(report1.stdout) as RdDiagnosticResult;
    expectValid(printed);
    expect(printed.diagnostics.filter((d) => d.suggestions)).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'action.rdjson'), 'utf8'))).toEqual(printed);
    expect(readFileSync(outputs, 'utf8')).toBe('rdjson-file=out/action.rdjson\nexit-code=0\n');

    // fix: true: the file is fixed in place (nothing committed: there is no repository here), then checked.
    const fixed = go({ INPUT_PATHS: 'action.md', INPUT_MIN_SCORE: '0', INPUT_FIX: 'true', INPUT_RDJSON_FILE: 'out/fixed.rdjson' });
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(readFileSync(join(dir, 'action.md'), 'utf8')).toBe(EDITS.replace('an initial', 'a first').replace('feel free to ', ''));
    expect(fixed.stderr).toContain('clarity fix: made 2 change(s)');
    const after = JSON.parse(readFileSync(join(dir, 'out', 'fixed.rdjson'), 'utf8')) as RdDiagnosticResult;
    expect(after.diagnostics.filter((d) => d.suggestions)).toEqual([]);

    const bad = go({ INPUT_PATHS: 'action.md', INPUT_FIX: 'yes' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('the fix input is true or false (got "yes")');
    expect(readFileSync(outputs, 'utf8')).toBe('exit-code=2\n');
  });
});
