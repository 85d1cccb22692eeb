import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { Log, Result } from 'sarif';
import { EXIT } from '../lib/cli/main.ts';
import { VERSION } from '../lib/version.ts';
import { buildCli } from '../bin/build.ts';
import { command, escapeData, escapeProperty } from '../lib/ci/github.ts';
import { renderPrComment, COMMENT_LIMIT } from '../lib/ci/pr-comment.ts';
import { decide } from '../lib/ci/verdict.ts';
import type { AuditReport } from '../lib/engine/types.ts';
import { RULES } from '../lib/engine/rules/registry.ts';
import { runCli } from './cli-helpers.ts';

let dir: string;

/** The fixtures fail on hedging and fear as well as jargon: those rules are opt-in, so a config turns them on. */
const TONE_RULES_ON = { rules: { hedging: 'on', fear: 'on', condescension: 'on' } };

const run = (args: string[], cwd = dir) => runCli(args.includes('--config') ? args : [...args, '--config', join(dir, 'tone-rules.json')], cwd);

const JARGON = '# Your policy\n\nPursuant to the policy, the deductible may be subject to adjustment. Notwithstanding the foregoing, coinsurance applies and the firmware must be reinstalled. Failure to remit payment could result in termination.\n';
const PLAIN = 'We got your form. Your new card is on its way.\n';
// A JSON export whose reply has escapes (\", \n, \u00e9) before the jargon: file columns differ from the reply's.
const MACROS = `{
  "macros": [
    {
      "title": "Refund <fast> & \\"simple\\"",
      "actions": [
        { "field": "comment_value", "value": "Hi \\"there\\",\\n\\nCaf\\u00e9 note: your deductible is due. We will help you." }
      ]
    }
  ]
}
`;

/** 1-based line and column of the first `needle` in `text`, and the column just past it. */
function where(text: string, needle: string) {
  const at = text.indexOf(needle);
  expect(at, `${needle} in fixture`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  const line = before.length;
  const column = (before.at(-1) ?? '').length + 1;
  return { line, column, endColumn: column + needle.length };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-ci-'));
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'tone-rules.json'), JSON.stringify(TONE_RULES_ON));
  writeFileSync(join(dir, 'content', 'jargon.md'), JARGON);
  writeFileSync(join(dir, 'content', 'plain.md'), PLAIN);
  writeFileSync(join(dir, 'content', 'macros.json'), MACROS);
  writeFileSync(join(dir, 'content', 'empty.md'), '');
  mkdirSync(join(dir, 'bad'));
  writeFileSync(join(dir, 'bad', 'binary.txt'), Buffer.from([0, 1, 2, 3, 255]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------------------------
// SARIF

/**
 * The SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it (@microsoft/jest-sarif: sarif-2.1.0-rtm.5.json, the
 * schema GitHub code scanning validates uploads against). It declares JSON Schema draft-04, which ajv 8 does
 * not load; draft-04 and draft-07 differ only in `id` → `$id` and boolean exclusiveMinimum/Maximum, and this
 * schema uses no exclusive bounds, so renaming `id` and declaring draft-07 validates exactly the same documents.
 */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0/);
  expect(JSON.stringify(schema)).not.toMatch(/exclusiveM(in|ax)imum/);
  const { id, ...rest } = schema;
  // unicodeRegExp: false because the schema's `language` pattern has a stray `]`, which only non-unicode regexps accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // The schema's formats, checked rather than ignored (ajv-formats is not needed for three of them).
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && !/\s/.test(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s\\]/.test(s) && URL.canParse(s, 'file:///root/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s));
  return ajv.compile({ ...rest, $id: id as string, $schema: 'http://json-schema.org/draft-07/schema#' });
}

const validateSarif = sarifValidator();

function expectValidSarif(log: unknown): void {
  expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2)).toBe(true);
}

function region(r: Result) {
  return r.locations?.[0]?.physicalLocation?.region;
}

describe('--format sarif', () => {
  it('validates against the SARIF 2.1.0 schema, and the validator does reject a broken log', async () => {
    const r = await run(['audit', 'content', 'bad', '--format', 'sarif']);
    expect(r.code).toBe(EXIT.ok);
    const log = JSON.parse(r.stdout) as Log;
    expectValidSarif(log);
    const broken = structuredClone(log);
    broken.runs[0]!.results![0]!.level = 'fatal' as never;
    expect(validateSarif(broken)).toBe(false);
    expect(validateSarif({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('has one run by clarity, with metadata and help text for exactly the rules that have results', async () => {
    const log = JSON.parse((await run(['check', 'content', '--format', 'sarif'])).stdout) as Log;
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run0 = log.runs[0]!;
    expect(run0.tool.driver.name).toBe('clarity');
    expect(run0.tool.driver.version).toBe(VERSION);
    const rules = run0.tool.driver.rules!;
    const used = new Set(run0.results!.map((x) => x.ruleId));
    expect(new Set(rules.map((x) => x.id))).toEqual(used);
    expect(used).toContain('jargon');
    for (const rule of rules) {
      expect(rule.shortDescription?.text).toBeTruthy();
      expect(rule.fullDescription?.text).toBeTruthy();
      expect(rule.help?.text?.length).toBeGreaterThan(10);
      expect(rule.help?.markdown).toContain('**How to fix:**');
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration?.level);
    }
    // Each result points back at its rule, carries the suggestion, its personas and category.
    for (const x of run0.results!) expect(rules[x.ruleIndex!]!.id).toBe(x.ruleId);
    const deductible = run0.results!.find((x) => x.ruleId === 'jargon' && region(x)?.snippet?.text === 'deductible' && x.locations![0]!.physicalLocation!.artifactLocation!.uri === 'content/jargon.md')!;
    expect(deductible.level).toBe('warning');
    expect(deductible.message.text).toMatch(/deductible.*Suggestion: “deductible \(the part of a bill paid/);
    expect(deductible.properties).toMatchObject({ category: 'jargon', personas: expect.arrayContaining(['first-time-consumer']) });
  });

  it('points at the exact line and column of known findings, and at file positions inside a JSON macro export', async () => {
    const log = JSON.parse((await run(['audit', 'content', '--format', 'sarif'])).stdout) as Log;
    const results = log.runs[0]!.results!;
    const find = (uri: string, ruleId: string, text: string) =>
      results.find((x) => x.locations![0]!.physicalLocation!.artifactLocation!.uri === uri && x.ruleId === ruleId && region(x)?.snippet?.text === text);

    const md = where(JARGON, 'deductible');
    expect(region(find('content/jargon.md', 'jargon', 'deductible')!)).toMatchObject({ startLine: md.line, startColumn: md.column, endLine: md.line, endColumn: md.endColumn });
    const pursuant = where(JARGON, 'Pursuant to');
    expect(region(find('content/jargon.md', 'plain-words', 'Pursuant to')!)).toMatchObject({ startLine: pursuant.line, startColumn: pursuant.column, endColumn: pursuant.endColumn });

    // In the export, the reply sits on line 6 after escapes: the region is the file's own line and columns.
    const json = where(MACROS, 'deductible');
    expect(json.line).toBe(6);
    const macro = find('content/macros.json', 'jargon', 'deductible')!;
    expect(region(macro)).toMatchObject({ startLine: json.line, startColumn: json.column, endLine: json.line, endColumn: json.endColumn });
    expect(macro.locations![0]!.logicalLocations![0]).toMatchObject({ fullyQualifiedName: 'content/macros.json#macro:1', name: 'Refund <fast> & "simple"' });
    // Every macro result's snippet is exactly the file's text in its region.
    const lines = MACROS.split('\n');
    for (const x of results.filter((y) => y.locations![0]!.physicalLocation!.artifactLocation!.uri === 'content/macros.json')) {
      const g = region(x)!;
      expect(g.startLine).toBe(g.endLine);
      expect(lines[g.startLine! - 1]!.slice(g.startColumn! - 1, g.endColumn! - 1)).toBe(g.snippet!.text);
    }
  });

  it('points into CSV macro exports too, past quoted fields and doubled quotes', async () => {
    const csv = 'title,body,tags\r\nFirst,"Say ""hi"" to us.\r\nYour deductible is due, we will help.",a\r\n"Second, more","Plain text. The deductible is due; we will help you.",b\r\n';
    mkdirSync(join(dir, 'csv'), { recursive: true });
    writeFileSync(join(dir, 'csv', 'macros.csv'), csv);
    const log = JSON.parse((await run(['audit', 'csv', '--format', 'sarif'])).stdout) as Log;
    const jargon = log.runs[0]!.results!.filter((x) => x.ruleId === 'jargon').map((x) => region(x));
    expect(jargon).toEqual([
      { startLine: 3, startColumn: 6, endLine: 3, endColumn: 16, snippet: { text: 'deductible' } },
      { startLine: 4, startColumn: csv.split('\n')[3]!.indexOf('deductible') + 1, endLine: 4, endColumn: csv.split('\n')[3]!.indexOf('deductible') + 11, snippet: { text: 'deductible' } },
    ]);
  });

  it('has no result for a finding that applies to no selected persona', async () => {
    const all = JSON.parse((await run(['audit', 'content', '--format', 'sarif'])).stdout) as Log;
    const admin = JSON.parse((await run(['audit', 'content', '--format', 'sarif', '--persona', 'technical-admin'])).stdout) as Log;
    const key = (x: Result) => `${x.locations![0]!.physicalLocation!.artifactLocation!.uri}:${x.ruleId}:${region(x)!.startLine}:${region(x)!.startColumn}`;
    const personasOf = (x: Result) => (x.properties as { personas: string[] }).personas;
    const forAdmin = all.runs[0]!.results!.filter((x) => personasOf(x).includes('technical-admin'));
    expect(forAdmin.length).toBeLessThan(all.runs[0]!.results!.length);
    expect(admin.runs[0]!.results!.map(key).sort()).toEqual(forAdmin.map(key).sort());
    for (const x of admin.runs[0]!.results!) expect(personasOf(x)).toEqual(['technical-admin']);
  });

  it('keeps partialFingerprints across runs and after a blank line is inserted at the top of the file', async () => {
    const fp = join(dir, 'fp');
    mkdirSync(fp, { recursive: true });
    writeFileSync(join(fp, 'jargon.md'), JARGON);
    writeFileSync(join(fp, 'macros.json'), MACROS);
    const prints = async () => {
      const log = JSON.parse((await run(['audit', 'fp', '--format', 'sarif'])).stdout) as Log;
      return new Map(log.runs[0]!.results!.map((x) => [`${x.locations![0]!.physicalLocation!.artifactLocation!.uri} ${x.ruleId} ${region(x)!.snippet!.text}`, { print: x.partialFingerprints!['clarityFinding/v1'], line: region(x)!.startLine! }]));
    };
    const first = await prints();
    const second = await prints();
    expect([...second]).toEqual([...first]);
    expect(new Set([...first.values()].map((v) => v.print)).size).toBe(first.size);

    writeFileSync(join(fp, 'jargon.md'), '\n' + JARGON);
    writeFileSync(join(fp, 'macros.json'), '\n' + MACROS);
    const moved = await prints();
    expect([...moved.keys()]).toEqual([...first.keys()]);
    for (const [k, v] of first) {
      expect(moved.get(k)!.print, k).toBe(v.print);
      expect(moved.get(k)!.line, k).toBe(v.line + 1);
    }
  });

  it('with --out and a .sarif extension, and with --report, writes SARIF to a file', async () => {
    // --report makes the folders it needs.
    const ok = await run(['check', 'content/jargon.md', '--min-score', '90', '--format', 'github', '--report', 'sarif:out/extra.sarif', '--report', 'junit:out/extra.xml']);
    expect(ok.code).toBe(EXIT.belowThreshold);
    expect(ok.stdout).toMatch(/^::error file=content\/jargon.md/m);
    expectValidSarif(JSON.parse(readFileSync(join(dir, 'out', 'extra.sarif'), 'utf8')));
    expect(readFileSync(join(dir, 'out', 'extra.xml'), 'utf8')).toMatch(/^<\?xml/);
    const out = await run(['audit', 'content', '--out', 'out/report.sarif']);
    expect(out.stdout).toContain('Report written to');
    expectValidSarif(JSON.parse(readFileSync(join(dir, 'out', 'report.sarif'), 'utf8')));
    expect((await run(['audit', 'content', '--report', 'pdf:x.pdf'])).code).toBe(EXIT.usage);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// GitHub annotations

describe('clarity rules', () => {
  it('lists every rule from its one definition, with what runs here and how its suggestions may be used', async () => {
    const r = await run(['rules', '--format', 'json', '--config', join(dir, 'tone-rules.json')]);
    expect(r.code).toBe(EXIT.ok);
    const { rules } = JSON.parse(r.stdout) as { rules: Array<{ id: string; defaultOn: boolean; enabled: boolean; help: string; suggestions: string; overlap: string; offBecause?: string }> };
    expect(rules.map((x) => x.id)).toEqual(Object.keys(RULES));
    for (const x of rules) {
      const def = RULES[x.id]!;
      expect(x, x.id).toMatchObject({ defaultOn: def.defaultOn, help: def.help, suggestions: def.suggestions, overlap: def.overlap });
      expect(x.offBecause !== undefined, x.id).toBe(!def.defaultOn);
    }
    // The config turns hedging on; sentence-grade stays off.
    expect(rules.find((x) => x.id === 'hedging')).toMatchObject({ defaultOn: false, enabled: true });
    expect(rules.find((x) => x.id === 'sentence-grade')).toMatchObject({ defaultOn: false, enabled: false });
    const text = (await run(['rules', '--config', join(dir, 'tone-rules.json')])).stdout;
    expect(text).toMatch(/^sentence-grade — .*off \(off by default\)\]$/m);
    expect(text).toMatch(/^plain-words — [\s\S]*?\n {2}Suggestions: safe to apply unattended/m);
  });

  it('writes the rule reference docs/rules.md, a section per rule, and the file in the repo is up to date', async () => {
    const r = await run(['rules', '--format', 'markdown']);
    expect(r.code).toBe(EXIT.ok);
    for (const id of Object.keys(RULES)) expect(r.stdout, id).toContain(`\n## ${id}\n\n**${RULES[id]!.short}**`);
    expect(readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8'), 'run: npx tsx bin/clarity.ts rules --format markdown > docs/rules.md').toBe(r.stdout);
  });

  it('gives SARIF the same help text as the rule definition', async () => {
    const log = JSON.parse((await run(['audit', 'content', '--format', 'sarif'])).stdout) as Log;
    for (const rule of log.runs[0]!.tool.driver.rules!) expect(rule.help?.text, rule.id).toBe(RULES[rule.id]!.help);
  });
});

describe('--format github', () => {
  it('annotates each finding at its exact line and columns, and each score under its bar', async () => {
    const r = await run(['check', 'content/jargon.md', 'content/macros.json', '--min-score', '90', '--format', 'github']);
    expect(r.code).toBe(EXIT.belowThreshold);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) [^:]*::.+$/);

    const md = where(JARGON, 'deductible');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^::warning file=content/jargon\\.md,line=${md.line},col=${md.column},endLine=${md.line},endColumn=${md.endColumn - 1},title=clarity jargon::“deductible” is insurance and finance jargon: .* Suggestion: “deductible \\(the part of a bill paid[^”]*\\)”\\. \\[`)));
    const json = where(MACROS, 'deductible');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^::warning file=content/macros\\.json,line=6,col=${json.column},endLine=6,endColumn=${json.endColumn - 1},title=clarity jargon::`)));
    // One error per (unit, persona) under the bar, naming the score and the bar; macros at their line.
    const scores = lines.filter((l) => l.includes('title=clarity score'));
    expect(scores.length).toBeGreaterThanOrEqual(4);
    expect(scores).toContainEqual(expect.stringMatching(/^::error file=content\/jargon\.md,line=1,title=clarity score%3A first-time-consumer::content\/jargon\.md: First-time consumer scores [\d.]+, under the bar of 90\.$/));
    expect(scores).toContainEqual(expect.stringMatching(/^::error file=content\/macros\.json,line=6,title=clarity score%3A [a-z-]+::content\/macros\.json#macro:1 \(Refund <fast> & "simple"\): .* under the bar of 90\.$/));
    // info → notice.
    expect(lines.some((l) => l.startsWith('::notice '))).toBe(true);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', async () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
    expect(command('warning', { file: 'x,y:z.md', line: 3, col: undefined, title: 'clarity t' }, 'm: 1%\nx')).toBe('::warning file=x%2Cy%3Az.md,line=3,title=clarity t::m: 1%25%0Ax');

    const odd = join(dir, 'odd');
    mkdirSync(odd, { recursive: true });
    writeFileSync(join(odd, 'a,b:c.md'), 'We guarantee it.\n');
    writeFileSync(join(dir, 'forbid.json'), JSON.stringify({ terms: { forbidden: [{ term: 'guarantee', message: 'legal says: never promise 100%,\r\nnot even once' }] } }));
    const r = await run(['check', 'odd', '--config', 'forbid.json', '--min-score', '0', '--format', 'github']);
    const line = r.stdout.split('\n').find((l) => l.includes('custom-forbidden'));
    expect(line).toBe(
      '::error file=odd/a%2Cb%3Ac.md,line=1,col=4,endLine=1,endColumn=12,title=clarity custom-forbidden::House style forbids “guarantee”: legal says: never promise 100%25,%0D%0Anot even once [small-business-owner, first-time-consumer, technical-admin]',
    );
    expect(r.code).toBe(EXIT.ok);
  });

  it('annotates files that could not be audited', async () => {
    const r = await run(['check', 'bad', 'content/plain.md', '--min-score', '0', '--format', 'github']);
    expect(r.code).toBe(EXIT.belowThreshold);
    expect(r.stdout).toMatch(/^::error file=bad\/binary\.txt,title=clarity%3A not audited \(binary\)::the file holds NUL bytes/m);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// JUnit

/** A small XML 1.0 well-formedness check: one root, balanced tags, quoted unique attributes, known entities only. */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  if (body === xml) problems.push('no XML declaration');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)) problems.push('control character');
  const entity = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt === -1 ? body.length : lt);
    if (entity.test(text)) problems.push(`bare & in text near ${JSON.stringify(text.slice(0, 40))}`);
    if (text.includes('>') && /]]>/.test(text)) problems.push(']]> in text');
    if (stack.length === 0 && text.trim()) problems.push(`text outside the root: ${JSON.stringify(text.slice(0, 40))}`);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (!m) {
      problems.push(`malformed tag at ${lt}: ${JSON.stringify(body.slice(lt, lt + 60))}`);
      break;
    }
    const [, close, name, attrs = '', selfClose] = m;
    const names = [...attrs.matchAll(/([A-Za-z_][\w.-]*)\s*=\s*("[^"]*"|'[^']*')/g)];
    if (new Set(names.map((a) => a[1])).size !== names.length) problems.push(`duplicate attribute in <${name}>`);
    for (const a of names) if (entity.test(a[2]!)) problems.push(`bare & in attribute ${a[1]}`);
    if (close) {
      if (stack.pop() !== name) problems.push(`</${name}> does not close the open tag`);
    } else if (!selfClose) {
      if (stack.length === 0) roots += 1;
      stack.push(name!);
    } else if (stack.length === 0) roots += 1;
    i = tag.lastIndex;
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

describe('--format junit', () => {
  it('the well-formedness check catches broken XML', () => {
    expect(xmlProblems('<?xml version="1.0"?>\n<a><b x="1"/></a>')).toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?>\n<a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?>\n<a>fish & chips</a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?>\n<a x="<"/>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?>\n<a/><b/>')).not.toEqual([]);
  });

  it('is well-formed XML: a suite per persona, a case per unit, failures under the bar, skipped and unauditable files', async () => {
    const r = await run(['check', 'content', 'bad', '--min-score', '70', '--format', 'junit']);
    expect(r.code).toBe(EXIT.belowThreshold);
    const xml = r.stdout;
    expect(xmlProblems(xml)).toEqual([]);
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" id="([^"]+)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)];
    expect(suites.map((s) => s[2])).toEqual(['small-business-owner', 'first-time-consumer', 'technical-admin']);
    const report = JSON.parse((await run(['audit', 'content', 'bad', '--format', 'json'])).stdout) as AuditReport;
    for (const s of suites) {
      const persona = s[2]!;
      const under = report.units.filter((u) => u.scores.find((x) => x.personaId === persona)!.overall < 70);
      expect(Number(s[4]), persona).toBe(under.length);
      expect(Number(s[3])).toBe(report.units.length + report.skipped.length);
      expect(Number(s[5])).toBe(1); // bad/binary.txt
      expect(Number(s[6])).toBe(1); // content/empty.md
    }
    // The jargon file fails with its score, bar and top findings; the plain one passes.
    const jargonCase = xml.match(/<testcase classname="clarity\.first-time-consumer" name="content\/jargon\.md"[^>]*>([\s\S]*?)<\/testcase>/)![1]!;
    expect(jargonCase).toMatch(/<failure message="First-time consumer scores [\d.]+, under the bar of 70" type="under-bar">/);
    expect(jargonCase).toMatch(/Top findings:\n {2}line 3, column \d+ \[\w+\] [\w-]+: “/);
    const plainCase = xml.match(/<testcase classname="clarity\.first-time-consumer" name="content\/plain\.md"[^>]*>([\s\S]*?)<\/testcase>/)![1]!;
    expect(plainCase).not.toContain('<failure');
    expect(xml).toMatch(/<testcase classname="clarity\.technical-admin" name="content\/empty\.md" file="content\/empty\.md" time="0">\n\s*<skipped message="empty: /);
    expect(xml).toMatch(/name="bad\/binary\.txt"[^>]*>\n\s*<error message="the file holds NUL bytes[^"]*" type="binary">/);
    // Titles are escaped.
    expect(xml).toContain('name="content/macros.json#macro:1 (Refund &lt;fast&gt; &amp; &quot;simple&quot;)"');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Markdown (the pull-request comment)

describe('check --format markdown', () => {
  it('lists failing assets first with score against bar, and at most 3 rewrites each', async () => {
    const r = await run(['check', 'content', '--min-score', '70', '--format', 'markdown']);
    expect(r.code).toBe(EXIT.belowThreshold);
    const md = r.stdout;
    expect(md).toMatch(/^## ❌ clarity check: \d+ of 3 asset\(s\) failing\n/);
    const failingAt = md.indexOf('### Failing assets');
    const passingAt = md.indexOf('passing asset(s)</summary>');
    expect(failingAt).toBeGreaterThan(0);
    expect(passingAt).toBeGreaterThan(failingAt);
    expect(md.indexOf('content/jargon.md')).toBeLessThan(passingAt);
    expect(md.indexOf('| content/plain.md |')).toBeGreaterThan(passingAt);
    expect(md).toMatch(/\| content\/jargon\.md \| First-time consumer \| \*\*[\d.]+\*\* \| 70 \|/);
    const start = md.indexOf('#### content/jargon.md');
    const next = md.indexOf('\n#', start + 5);
    const section = md.slice(start, next === -1 ? undefined : next);
    const rewrites = section.match(/^\d+\. line \d+: /gm) ?? [];
    expect(rewrites.length).toBeGreaterThan(0);
    expect(rewrites.length).toBeLessThanOrEqual(3);
    expect(section).toMatch(/^1\. line 3: “[^”]+” → “[^”]*” \(\+[\d.]+ for /m);
    // Macro titles are escaped for Markdown/HTML.
    expect(md).toContain('Refund &lt;fast&gt; &amp; "simple"');
  });

  it('stays under 65,000 characters, cutting with a note and closing what it opened', async () => {
    const base = JSON.parse((await run(['audit', 'content/jargon.md', 'content/plain.md', '--format', 'json'])).stdout) as AuditReport;
    const units = Array.from({ length: 1500 }, (_, i) => ({ ...base.units[i % 2]!, path: `many/asset-${String(i).padStart(4, '0')}-${'x'.repeat(40)}.md` }));
    const report: AuditReport = { ...base, units };
    const md = renderPrComment(report, decide(report, { personas: {} }, 70));
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toMatch(/> \*\*Truncated:\*\* this comment is capped at 65,000 characters, so \d+ more line\(s\) are not shown/);
    expect(md.match(/<details>/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
    // Failing assets come before anything else even when cut.
    expect(md.indexOf('### Failing assets')).toBeGreaterThan(0);
    const small = renderPrComment(base, decide(base, { personas: {} }, 70));
    expect(small).not.toContain('Truncated');
  });

  it('audit --format markdown keeps the score-table summary', async () => {
    expect((await run(['audit', 'content', '--format', 'markdown'])).stdout).toMatch(/^## clarity audit\n\n\| Asset \|/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Baseline

describe('check --baseline', () => {
  it('passes on the same content, survives edits elsewhere, and fails naming only a new finding', async () => {
    const bl = join(dir, 'bl');
    mkdirSync(bl, { recursive: true });
    writeFileSync(join(bl, 'jargon.md'), JARGON);
    writeFileSync(join(bl, 'macros.json'), MACROS);
    expect((await run(['check', 'bl'])).code).toBe(EXIT.belowThreshold);

    const written = await run(['check', 'bl', '--write-baseline', 'bl.baseline.json']);
    expect(written.code).toBe(EXIT.ok);
    expect(written.stderr).toMatch(/baseline written to bl\.baseline\.json: \d+ finding\(s\)/);
    const file = JSON.parse(readFileSync(join(dir, 'bl.baseline.json'), 'utf8')) as { version: number; units: Record<string, { scores: Record<string, number>; findings: unknown[] }> };
    expect(file.version).toBe(1);
    expect(Object.keys(file.units)).toEqual(['bl/jargon.md', 'bl/macros.json#macro:1']);

    const same = await run(['check', 'bl', '--baseline', 'bl.baseline.json']);
    expect(same.code, same.stderr).toBe(EXIT.ok);
    const total = Object.values(file.units).reduce((n, u) => n + u.findings.length, 0);
    expect(same.stderr).toContain(`${total} finding(s) suppressed by the baseline`);

    // A blank line on top and a plain paragraph at the end move every finding but make none new (a paragraph that
    // offers help would be no plain one: it makes the text read as reciprocate, with that stage's findings).
    writeFileSync(join(bl, 'jargon.md'), '\n' + JARGON + '\nYou can still pay in your account.\n');
    const moved = await run(['check', 'bl', '--baseline', 'bl.baseline.json']);
    expect(moved.code, moved.stderr).toBe(EXIT.ok);

    writeFileSync(join(bl, 'jargon.md'), '\n' + JARGON + '\nYou can still pay in your account.\n\nYour indemnity is fine.\n');
    const added = await run(['check', 'bl', '--baseline', 'bl.baseline.json', '--min-score', '0']);
    expect(added.code).toBe(EXIT.belowThreshold);
    const newLines = added.stderr.split('\n').filter((l) => l.startsWith('NEW '));
    expect(newLines.length).toBeGreaterThan(0);
    const newLine = ('\n' + JARGON + '\nYou can still pay in your account.\n\n').split('\n').length;
    for (const l of newLines) expect(l).toMatch(new RegExp(`^NEW bl/jargon\\.md:${newLine}:\\d+ `));
    expect(newLines).toContainEqual(expect.stringMatching(/ jargon “indemnity”: /));
    expect(added.stderr).not.toMatch(/NEW .*deductible/);
    expect(added.stderr).toMatch(/clarity check: \d+ new finding\(s\), 0 score\(s\) under the bar and the baseline, 0 file\(s\) not audited\. \d+ finding\(s\) suppressed by the baseline/);

    // SARIF says which results are new, and marks the rest as suppressed by the baseline.
    const sarif = JSON.parse((await run(['check', 'bl', '--baseline', 'bl.baseline.json', '--format', 'sarif'])).stdout) as Log;
    expectValidSarif(sarif);
    const states = sarif.runs[0]!.results!.map((x) => x.baselineState);
    expect(states.filter((s) => s === 'new').length).toBe(newLines.length);
    // (The plain sentence reassures, so the fear findings before it are gone: fewer suppressed than written.)
    const suppressed = Number(/(\d+) finding\(s\) suppressed by the baseline, (\d+) fixed/.exec(added.stderr)![1]);
    expect(suppressed).toBeLessThan(total);
    expect(states.filter((s) => s === 'unchanged').length).toBe(suppressed);
    // GitHub annotations show only the new findings.
    const gh = (await run(['check', 'bl', '--baseline', 'bl.baseline.json', '--format', 'github', '--min-score', '0'])).stdout;
    const findingLines = gh.split('\n').filter((l) => l.includes('title=clarity ') && !l.includes('title=clarity baseline'));
    expect(findingLines).toHaveLength(newLines.length);
    expect(gh).toMatch(/title=clarity baseline::\d+ new finding\(s\); \d+ finding\(s\) in the baseline suppressed/);
  });

  it('fails a score that dropped under both its bar and its baseline score, not one that did not', async () => {
    const ws = join(dir, 'ws');
    mkdirSync(ws, { recursive: true });
    writeFileSync(join(ws, 'jargon.md'), JARGON);
    await run(['check', 'ws', '--write-baseline', 'ws.json']);
    const baseline = JSON.parse(readFileSync(join(dir, 'ws.json'), 'utf8')) as { units: Record<string, { scores: Record<string, number> }> };
    const scores = baseline.units['ws/jargon.md']!.scores;
    scores['first-time-consumer'] = 100;
    writeFileSync(join(dir, 'ws-high.json'), JSON.stringify(baseline));
    const r = await run(['check', 'ws', '--baseline', 'ws-high.json']);
    expect(r.code).toBe(EXIT.belowThreshold);
    expect(r.stderr).toMatch(/^FAIL ws\/jargon\.md: First-time consumer scores [\d.]+, under the bar of 60 and its baseline score of 100$/m);
    expect(r.stderr.match(/^FAIL /gm)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^NEW /m);
    // A unit the baseline does not know is held to the bar alone.
    delete baseline.units['ws/jargon.md'];
    writeFileSync(join(dir, 'ws-empty.json'), JSON.stringify(baseline));
    const unknown = await run(['check', 'ws', '--baseline', 'ws-empty.json', '--format', 'junit']);
    expect(unknown.code).toBe(EXIT.belowThreshold);
    expect(unknown.stderr).toMatch(/^FAIL ws\/jargon\.md: .* under the bar of 60$/m);
    expect(xmlProblems(unknown.stdout)).toEqual([]);
  });

  it.each([
    ['not JSON', '{"version": 1, "units": ', /baseline bad-baseline\.json is not valid JSON/],
    ['a wrong shape', JSON.stringify({ version: 1, units: { 'a.md': { scores: { p: 'high' }, findings: [] } } }), /baseline bad-baseline\.json is not a clarity baseline \(version 1\): units\.a\.md\.scores\.p: /],
    ['an unknown field', JSON.stringify({ version: 1, units: {}, extra: true }), /not a clarity baseline .*extra/],
    ['another version', JSON.stringify({ version: 2, units: {} }), /has format version 2; this clarity reads version 1/],
  ])('exits 2 on a baseline that is %s', async (_, text, message) => {
    writeFileSync(join(dir, 'bad-baseline.json'), text);
    const r = await run(['check', 'content', '--baseline', 'bad-baseline.json']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on a missing baseline, and on baseline flags outside check', async () => {
    expect((await run(['check', 'content', '--baseline', 'nope.json'])).stderr).toContain('baseline nope.json does not exist');
    expect((await run(['audit', 'content', '--baseline', 'nope.json'])).code).toBe(EXIT.usage);
    expect((await run(['audit', 'content', '--write-baseline', 'x.json'])).stderr).toContain('--write-baseline is for clarity check');
    expect((await run(['check', 'content', '--write-baseline', 'x.json', '--changed'])).stderr).toContain('--write-baseline records every audited file');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// --changed

describe('--changed', () => {
  const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=clarity', '-c', 'user.email=clarity@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  it('audits only the files changed since a ref, and untracked files, within the operands', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'clarity-git-'));
    onTestFinished(() => rmSync(repo, { recursive: true, force: true }));
    mkdirSync(join(repo, 'docs'));
    writeFileSync(join(repo, 'docs', 'a.md'), JARGON);
    writeFileSync(join(repo, 'docs', 'b.md'), PLAIN);
    writeFileSync(join(repo, 'notes.md'), PLAIN);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'first');
    writeFileSync(join(repo, 'docs', 'a.md'), JARGON + '\nOne more line.\n');
    writeFileSync(join(repo, 'docs', 'c.md'), PLAIN);
    writeFileSync(join(repo, '.gitignore'), 'docs/ignored.md\n');
    writeFileSync(join(repo, 'docs', 'ignored.md'), PLAIN);
    writeFileSync(join(repo, 'notes.md'), PLAIN + 'Changed too.\n');

    const paths = async (args: string[], cwd = repo) => {
      const r = await run(['audit', ...args, '--format', 'json'], cwd);
      expect(r.code, r.stderr).toBe(EXIT.ok);
      return { units: (JSON.parse(r.stdout) as AuditReport).units.map((u) => u.path), stderr: r.stderr };
    };
    const sinceHead = await paths(['docs', '--changed=HEAD']);
    expect(sinceHead.units).toEqual(['docs/a.md', 'docs/c.md']);
    expect(sinceHead.stderr).toContain('--changed: 2 of 4 file(s) changed since HEAD');
    expect((await paths(['docs/*.md', 'notes.md', '--changed=HEAD'])).units).toEqual(['docs/a.md', 'docs/c.md', 'notes.md']);
    // From a subdirectory, git's repo-root paths still match.
    expect((await paths(['.', '--changed=HEAD'], join(repo, 'docs'))).units).toEqual(['a.md', 'c.md']);

    // The default ref with no remote is HEAD~1: commit the change, and the untracked file still counts.
    git(repo, 'add', 'docs/a.md', 'notes.md');
    git(repo, 'commit', '-q', '-m', 'second');
    const byDefault = await paths(['docs', '--changed']);
    expect(byDefault.units).toEqual(['docs/a.md', 'docs/c.md']);
    expect(byDefault.stderr).toContain('changed since HEAD~1');

    // check fails only on what changed; nothing changed means nothing to fail.
    expect((await run(['check', 'docs/b.md', '--changed', '--min-score', '99'], repo)).code).toBe(EXIT.ok);
    expect((await run(['check', 'docs', '--changed', '--min-score', '99'], repo)).code).toBe(EXIT.belowThreshold);
    const unknownRef = await run(['audit', 'docs', '--changed=no-such-branch'], repo);
    expect(unknownRef.code).toBe(EXIT.usage);
    expect(unknownRef.stderr).toContain('--changed=no-such-branch: no such commit');
  });

  it('exits 2 outside a git repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'clarity-nogit-'));
    onTestFinished(() => rmSync(plain, { recursive: true, force: true }));
    writeFileSync(join(plain, 'a.md'), PLAIN);
    const r = await run(['check', '.', '--changed'], plain);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/--changed needs a git repository, and .* is not inside one/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// action.yml

describe('action.yml', () => {
  const action = readFileSync('action.yml', 'utf8');

  it('declares the inputs and outputs, and installs with npm ci in the action directory', () => {
    for (const input of ['paths', 'min-score', 'config', 'format', 'baseline', 'changed-since', 'sarif-file']) expect(action).toMatch(new RegExp(`^  ${input}:\\n    description: `, 'm'));
    expect(action).toMatch(/^ {2}paths:\n(?: {4}.*\n)*? {4}default: '\.'$/m);
    expect(action).toMatch(/^ {2}format:\n(?: {4}.*\n)*? {4}default: github$/m);
    expect(action).toMatch(/^ {2}exit-code:\n(?: {4}.*\n)*? {4}value: \$\{\{ steps\.check\.outputs\.exit-code \}\}$/m);
    expect(action).toContain('using: composite');
    expect(action).toMatch(/working-directory: \$\{\{ github\.action_path \}\}\n(?: {6}#.*\n)* {6}run: npm ci/);
    // Inputs reach the script only through the environment.
    const script = checkScript(action);
    expect(script).not.toContain('${{');
  });

  it("runs the check step's script against the built CLI, passing every input and returning the exit code", async () => {
    mkdirSync(join(process.cwd(), 'test-output'), { recursive: true });
    const actionPath = mkdtempSync(join(process.cwd(), 'test-output', 'action-'));
    onTestFinished(() => rmSync(actionPath, { recursive: true, force: true }));
    await buildCli(join(actionPath, 'dist'));
    const outputs = join(actionPath, 'outputs.txt');
    writeFileSync(outputs, '');
    const go = (env: Record<string, string>) =>
      spawnSync('bash', ['-e', '-c', checkScript(action)], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: outputs, INPUT_PATHS: '', INPUT_MIN_SCORE: '', INPUT_CONFIG: '', INPUT_FORMAT: 'github', INPUT_BASELINE: '', INPUT_CHANGED_SINCE: '', INPUT_SARIF_FILE: '', ...env },
      });
    const failing = go({ INPUT_PATHS: 'content/jargon.md\ncontent/*.json', INPUT_MIN_SCORE: '90', INPUT_SARIF_FILE: 'out/action.sarif' });
    expect(failing.status, failing.stderr).toBe(1);
    expect(failing.stdout).toMatch(/^::error file=content\/jargon\.md,line=1,title=clarity score/m);
    expect(failing.stdout).toMatch(/^::warning file=content\/macros\.json,line=6,/m);
    expect(readFileSync(outputs, 'utf8')).toBe('sarif-file=out/action.sarif\nexit-code=1\n');
    expectValidSarif(JSON.parse(readFileSync(join(dir, 'out', 'action.sarif'), 'utf8')));

    writeFileSync(outputs, '');
    const passing = go({ INPUT_PATHS: 'content/plain.md', INPUT_FORMAT: 'text' });
    expect(passing.status, passing.stderr).toBe(0);
    expect(readFileSync(outputs, 'utf8')).toBe('exit-code=0\n');

    writeFileSync(outputs, '');
    const usage = go({ INPUT_PATHS: 'content', INPUT_BASELINE: 'missing.json', INPUT_SARIF_FILE: 'out/never.sarif' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('baseline missing.json does not exist');
    expect(readFileSync(outputs, 'utf8')).toBe('exit-code=2\n');
    expect(existsSync(join(actionPath, 'dist', 'clarity.js'))).toBe(true);
  });
});

/** The `run: |` script of the step with `id: check`, de-indented. */
function checkScript(action: string): string {
  const lines = action.split('\n');
  const step = lines.findIndex((l) => l.trim() === 'id: check');
  const start = lines.findIndex((l, i) => i > step && l.trim() === 'run: |');
  expect(step).toBeGreaterThan(0);
  expect(start).toBeGreaterThan(step);
  const indent = (lines[start + 1]!.match(/^ */) ?? [''])[0].length;
  const body: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() !== '' && (l.match(/^ */) ?? [''])[0].length < indent) break;
    body.push(l.slice(indent));
  }
  return body.join('\n');
}
