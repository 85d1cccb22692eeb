import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { EXIT, HELP_POINTER } from '../lib/cli/main.ts';
import { auditReportJsonSchema, PUBLISHED_REPORT_VERSIONS, REPORT_SCHEMA_VERSION } from '../lib/report/schema.ts';
import { VERSION } from '../lib/version.ts';
import { auditFiles, forEachAudit } from '../lib/cli/audit-files.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { buildCli } from '../bin/build.ts';
import type { AuditReport } from '../lib/engine/types.ts';
import { runCli } from './cli-helpers.ts';

let dir: string;

const run = (args: string[], opts: { interactive?: boolean; cwd?: string } = {}) => runCli(args, opts.cwd ?? dir, { interactive: opts.interactive ?? false });

const JARGON = 'Pursuant to the policy, the deductible may be subject to adjustment. Failure to remit payment could result in termination.\n';
const PLAIN = 'We got your form. Your new card is on its way.\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-cli-'));
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content', 'jargon.md'), JARGON);
  writeFileSync(join(dir, 'content', 'plain.md'), PLAIN);
  mkdirSync(join(dir, 'plain-only'));
  writeFileSync(join(dir, 'plain-only', 'plain.md'), PLAIN);
  for (const f of ['sales-script.md', 'support-macros.json', 'web-page.html']) copyFileSync(join('examples', f), join(dir, 'content', f));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clarity audit', () => {
  it('prints a readable summary by default', async () => {
    const r = await run(['audit', 'content']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toContain('content/jargon.md');
    expect(r.stdout).toContain('Small-business owner buying insurance');
    expect(r.stdout).toMatch(/Top rewrites:\n\s+\+[\d.]+ /);
    expect(r.stdout).toMatch(/skipped content\/support-macros.json#macro:4: .*no reply text/);
  });

  it('writes JSON that follows the published, versioned schema', async () => {
    const r = await run(['audit', 'content', '--format', 'json']);
    const report = JSON.parse(r.stdout) as AuditReport;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(`schema/audit-report.v${REPORT_SCHEMA_VERSION}.json`, 'utf8')));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    // Each macro is its own unit, with its title and source path.
    const macros = report.units.filter((u) => u.path === 'content/support-macros.json');
    expect(macros.map((u) => u.unitId)).toEqual(['macro:1', 'macro:2', 'macro:3']);
    expect(macros[1]!.title).toBe('Account: suspended for non-payment');
    const f = report.units.find((u) => u.path === 'content/jargon.md')!.findings[0]!;
    expect(Object.keys(f)).toEqual(expect.arrayContaining(['ruleId', 'category', 'severity', 'message', 'text', 'line', 'column', 'offset', 'length']));
    expect(JARGON.slice(f.offset, f.offset + f.length)).toBe(f.text);
  });

  it('keeps the committed JSON Schemas in step with the zod schemas, every published version', () => {
    for (const version of PUBLISHED_REPORT_VERSIONS) expect(JSON.parse(readFileSync(`schema/audit-report.v${version}.json`, 'utf8'))).toEqual(auditReportJsonSchema(version));
  });

  it('filters personas with --persona', async () => {
    const report = JSON.parse((await run(['audit', 'content/jargon.md', '--persona', 'technical-admin', '--format', 'json'])).stdout) as AuditReport;
    expect(report.personas.map((p) => p.id)).toEqual(['technical-admin']);
    expect(report.units[0]!.scores.map((s) => s.personaId)).toEqual(['technical-admin']);
  });

  it('renders Markdown and self-contained HTML', async () => {
    const md = await run(['audit', 'content', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^## clarity audit\n\n\| Asset \|/);
    const html = await run(['audit', 'content', '--out', 'report.html']);
    expect(html.stdout).toContain(`Report written to ${join(dir, 'report.html')}`);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    // Self-contained: inline style and script only, nothing loaded from anywhere else.
    expect(page).not.toMatch(/<script[^>]+src=|<link|@import|url\(/);
    // Each text is shown with its findings highlighted in place.
    expect(page).toMatch(/<mark class="hl[^"]*" style="--c:#ffe0b2"[^>]*>deductible<\/mark>/);
    expect(page).toContain('<script type="application/json" id="data">');
  });

  it('reads globs, and ignore globs from the config', async () => {
    writeFileSync(join(dir, 'clarity.config.json'), JSON.stringify({ ignore: ['content/jargon.md'] }));
    try {
      const report = JSON.parse((await run(['audit', 'content/*.md', '--format', 'json'])).stdout) as AuditReport;
      expect(report.units.map((u) => u.path)).toEqual(['content/plain.md', 'content/sales-script.md']);
    } finally {
      rmSync(join(dir, 'clarity.config.json'));
    }
  });

  it('skips bad files with a reason and audits the rest of the batch', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'binary.txt'), Buffer.from([0, 1, 2, 3, 255]));
    writeFileSync(join(bad, 'empty.md'), '');
    writeFileSync(join(bad, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    writeFileSync(join(bad, 'broken.json'), '{"macros": [');
    writeFileSync(join(bad, 'broken.csv'), 'title,body\n"a,"b\n');
    writeFileSync(join(bad, 'huge.txt'), Buffer.alloc(20 * 1024 * 1024, 'word '));
    writeFileSync(join(bad, 'good.md'), PLAIN);
    const r = await run(['audit', 'bad', '--format', 'json']);
    expect(r.code).toBe(EXIT.ok);
    const report = JSON.parse(r.stdout) as AuditReport;
    expect(report.units.map((u) => u.path)).toEqual(['bad/good.md']);
    expect(Object.fromEntries(report.skipped.map((s) => [s.path, s.code]))).toEqual({
      'bad/binary.txt': 'binary',
      'bad/broken.csv': 'malformed-csv',
      'bad/broken.json': 'malformed-json',
      'bad/empty.md': 'empty',
      'bad/huge.txt': 'too-large',
      'bad/latin1.txt': 'invalid-utf8',
    });
  });

  it('audits with a parse worker and gives the same result as in-process', async () => {
    const many = join(dir, 'many');
    mkdirSync(many, { recursive: true });
    const files = Array.from({ length: 10 }, (_, i) => join(many, `doc${i}.md`));
    files.forEach((f, i) => writeFileSync(f, i % 2 ? JARGON : PLAIN));
    const options = { personas: [...BUILTIN_PERSONAS], maxBytes: 1e6 };
    const one = await auditFiles(files, { ...options, jobs: 1 });
    const two = await auditFiles(files, { ...options, jobs: 2 });
    expect(one.threads).toBe(0);
    expect(two.workerError).toBeUndefined();
    expect(two.threads).toBe(1);
    expect(two.audits).toEqual(one.audits);
  });

  it('skips what a parse worker cannot audit with the same reasons as in-process', async () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed, { recursive: true });
    const good = Array.from({ length: 8 }, (_, i) => join(mixed, `doc${i}.md`));
    good.forEach((f, i) => writeFileSync(f, i % 2 ? JARGON : PLAIN));
    writeFileSync(join(mixed, 'binary.txt'), Buffer.from([0, 1, 2, 255, 0, 7]));
    writeFileSync(join(mixed, 'empty.md'), '');
    writeFileSync(join(mixed, 'big.txt'), 'word '.repeat(400));
    const files = [join(mixed, 'binary.txt'), ...good.slice(0, 4), join(mixed, 'missing.md'), join(mixed, 'empty.md'), ...good.slice(4), join(mixed, 'big.txt')];
    const options = { personas: [...BUILTIN_PERSONAS], maxBytes: 1000 };
    const two = await auditFiles(files, { ...options, jobs: 2 });
    expect(two.workerError).toBeUndefined();
    expect(two.audits.flatMap((a) => a.skipped.map((k) => k.code))).toEqual(['binary', 'read-error', 'empty', 'too-large']);
    expect(two.audits).toEqual((await auditFiles(files, { ...options, jobs: 1 })).audits);
  });

  it('streams each audit once, in any order, with its input index', async () => {
    const files = Array.from({ length: 12 }, (_, i) => join(dir, 'stream', `doc${i}.md`));
    mkdirSync(join(dir, 'stream'), { recursive: true });
    files.forEach((f, i) => writeFileSync(f, i % 3 ? JARGON : PLAIN));
    const seen: number[] = [];
    const run = await forEachAudit(files, { personas: [...BUILTIN_PERSONAS], maxBytes: 1e6, jobs: 2 }, (index, audit) => {
      seen.push(index);
      expect(audit.units[0]?.path).toBe(files[index]);
    });
    expect(run.workerError).toBeUndefined();
    expect(seen.sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
  });

  // A worker that throws or exits takes the files it held with it; they must still be audited, and the caller told.
  it.each([
    ['throws', "throw new Error('parser blew up')", /parser blew up/],
    ['exits', 'process.exit(3)', /exited \(code 3\)/],
  ])('audits every file in-process when a parse worker %s', async (_, fault, why) => {
    const files = Array.from({ length: 10 }, (_, i) => join(dir, 'faulty', `doc${i}.md`));
    mkdirSync(join(dir, 'faulty'), { recursive: true });
    files.forEach((f, i) => writeFileSync(f, i % 2 ? JARGON : PLAIN));
    const worker = join(dir, `faulty-worker-${files.length}-${fault.length}.mjs`);
    writeFileSync(worker, `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { ${fault}; });\n`);
    const options = { personas: [...BUILTIN_PERSONAS], maxBytes: 1e6 };
    const result = await auditFiles(files, { ...options, jobs: 2, workerUrl: pathToFileURL(worker) });
    expect(result.workerError).toMatch(why);
    expect(result.audits).toEqual((await auditFiles(files, { ...options, jobs: 1 })).audits);
  });

  it('shows progress only on an interactive terminal', async () => {
    expect((await run(['audit', 'content'], { interactive: true })).stderr).toMatch(/\[1\/\d+\]/);
    expect((await run(['audit', 'content'])).stderr).toBe('');
  });
});

describe('clarity check', () => {
  it('exits 1 when an asset is under the bar, naming it', async () => {
    const r = await run(['check', 'content/jargon.md', '--min-score', '90']);
    expect(r.code).toBe(EXIT.belowThreshold);
    expect(r.stderr).toMatch(/FAIL content\/jargon.md: .* scores [\d.]+, under the bar of 90/);
  });

  it('exits 1 when a file could not be audited, but not for files with no prose', async () => {
    writeFileSync(join(dir, 'latin1.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    const r = await run(['check', 'plain-only', 'latin1.md', '--min-score', '0']);
    expect(r.code).toBe(EXIT.belowThreshold);
    expect(r.stderr).toMatch(/FAIL latin1.md: could not be audited: .*UTF-8/);
    writeFileSync(join(dir, 'empty.md'), '');
    expect((await run(['check', 'plain-only', 'empty.md', '--min-score', '0'])).code).toBe(EXIT.ok);
  });

  it('exits 0 when every asset meets the bar', async () => {
    const r = await run(['check', 'plain-only', '--min-score', '90']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stderr).toContain("every asset meets every persona's bar");
  });

  it('uses per-persona thresholds from the config file', async () => {
    const report = JSON.parse((await run(['audit', 'content/jargon.md', '--format', 'json'])).stdout) as AuditReport;
    const admin = report.units[0]!.scores.find((s) => s.personaId === 'technical-admin')!.overall;
    writeFileSync(join(dir, 'strict.json'), JSON.stringify({ thresholds: { minScore: 0, personas: { 'technical-admin': admin + 1 } } }));
    const r = await run(['check', 'content/jargon.md', '--config', 'strict.json']);
    expect(r.code).toBe(EXIT.belowThreshold);
    expect(r.stderr).toContain('Technical administrator');
    expect(r.stderr).not.toContain('First-time consumer');
    writeFileSync(join(dir, 'lenient.json'), JSON.stringify({ thresholds: { minScore: 0, personas: { 'technical-admin': admin } } }));
    expect((await run(['check', 'content/jargon.md', '--config', 'lenient.json'])).code).toBe(EXIT.ok);
  });

  it.each([
    [['check'], 'needs at least one file'],
    [['audit', 'nowhere.md'], 'no such file'],
    [['audit', 'content', '--format', 'pdf'], 'unknown format'],
    [['audit', 'content', '--persona', 'martian'], 'unknown persona "martian"'],
    [['audit', 'content', '--bogus'], "Unknown option '--bogus'"],
    [['check', 'content', '--min-score', '120'], '--min-score must be'],
    [['frobnicate'], 'unknown command'],
    [['audit', 'content', '--config', 'missing.json'], 'does not exist'],
  ])('exits 2 on usage errors: %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(message);
    // The problem and a pointer to --help, not the 30-line usage.
    expect(r.stderr.split('\n')).toEqual([expect.stringMatching(/^clarity: \S/), HELP_POINTER, '']);
    expect(r.stderr).not.toContain('Options:');
  });

  it('prints the whole usage for --help, and on a bare clarity', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain('Options:');
    const bare = await run([]);
    expect(bare.code).toBe(EXIT.usage);
    expect(bare.stdout).toContain('Options:');
  });

  it('exits 2 on a persona with missing fields, naming them', async () => {
    writeFileSync(join(dir, 'bad-persona.json'), JSON.stringify({ personas: [{ id: 'new-persona', name: 'New' }] }));
    const r = await run(['audit', 'content', '--config', 'bad-persona.json']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/persona "new-persona" .* targetGrade: .*goals:/);
  });

  it('exits 2 on malformed config JSON', async () => {
    writeFileSync(join(dir, 'broken-config.json'), '{ "thresholds": ');
    const r = await run(['audit', 'content', '--config', 'broken-config.json']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('is not valid JSON');
  });

  it('lets a config override one field of a built-in persona', async () => {
    writeFileSync(join(dir, 'override.json'), JSON.stringify({ personas: [{ id: 'technical-admin', maxSentenceLength: 5 }] }));
    const r = await run(['personas', '--config', 'override.json']);
    expect(r.stdout).toMatch(/technical-admin\tTechnical administrator\t\(grade 12, 5 words\/sentence\)/);
  });

  it('works as the built bundle users run, from any directory, with exit codes', async () => {
    mkdirSync(join(process.cwd(), 'test-output'), { recursive: true });
    const out = mkdtempSync(join(process.cwd(), 'test-output', 'dist-'));
    await buildCli(out);
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    const cli = (args: string[]) => spawnSync(process.execPath, [join(out, 'clarity.js'), ...args], { cwd: dir, encoding: 'utf8' });
    const fail = cli(['check', 'content/jargon.md', '--min-score', '99']);
    expect(fail.status, fail.stdout + fail.stderr).toBe(1);
    expect(cli(['audit']).status).toBe(2);
    expect(cli(['--version']).stdout.trim()).toBe(VERSION);
    // Ten files run with the bundle's parse worker; a failed worker would say so on stderr.
    const many = cli(['audit', 'many', '--jobs', '2', '--format', 'json']);
    expect(many.status).toBe(0);
    expect(many.stderr).toBe('');
    expect((JSON.parse(many.stdout) as AuditReport).units).toHaveLength(10);
  });

  it('reports the version package.json declares', () => {
    expect(VERSION).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});
