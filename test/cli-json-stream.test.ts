import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, EXIT } from '../lib/cli/main.ts';
import { jsonChunks } from '../lib/cli/json-stream.ts';
import type { AuditReport } from '../lib/engine/types.ts';

let dir: string;

/** main() with every write to stdout kept apart, to see how the output was cut. */
async function run(args: string[]) {
  const writes: string[] = [];
  let stderr = '';
  const code = await main(args, { cwd: dir, stdout: (s) => writes.push(s), stderr: (s) => (stderr += s), interactive: false });
  return { code, writes, stdout: writes.join(''), stderr };
}

const REPLY = 'Pursuant to the policy, the deductible may be subject to adjustment. Failure to remit payment could result in termination. Please be advised that we utilize your data.';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-cli-json-'));
  mkdirSync(join(dir, 'content'));
  for (const f of ['sales-script.md', 'support-macros.json', 'web-page.html']) copyFileSync(join('examples', f), join(dir, 'content', f));
  writeFileSync(join(dir, 'content', 'empty.md'), '');
  writeFileSync(join(dir, 'content', 'quotes "and" \\ new\nline.md'), 'Café “quotes”, a tab\there, and an emoji 👋 in a sentence that is plain.\n');
  // A macro export: each macro is its own unit, about 20 KB of JSON each.
  writeFileSync(join(dir, 'macros.json'), JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ title: `Macro ${i}`, body: `${REPLY} ${i}` }))));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--format json is streamed', () => {
  it('byte for byte what JSON.stringify(report, null, 2) gives, on units, macros, skipped files and odd paths', async () => {
    const r = await run(['audit', 'content', '--format', 'json']);
    expect(r.code).toBe(EXIT.ok);
    const report = JSON.parse(r.stdout) as AuditReport;
    expect(report.units.length).toBeGreaterThan(3);
    expect(report.skipped.length).toBeGreaterThan(0);
    expect(r.stdout).toBe(JSON.stringify(report, null, 2) + '\n');
  });

  it('a large export is written in pieces, never as one string', async () => {
    const r = await run(['audit', 'macros.json', '--format', 'json']);
    const report = JSON.parse(r.stdout) as AuditReport;
    expect(report.units).toHaveLength(300);
    expect(r.stdout).toBe(JSON.stringify(report, null, 2) + '\n');
    expect(r.stdout.length).toBeGreaterThan(3 * 2 ** 20);
    // Writes of about 1 MiB (whole units), not one of everything.
    expect(r.writes.length).toBeGreaterThan(2);
    const largestUnit = Math.max(...report.units.map((u) => JSON.stringify(u, null, 2).length));
    expect(Math.max(...r.writes.map((w) => w.length))).toBeLessThan(2 ** 20 + 2 * largestUnit);
  });

  it('--out and --report json write the same bytes', async () => {
    const r = await run(['audit', 'macros.json', '--out', 'out/report.json', '--report', 'json:out/also.json']);
    expect(r.code).toBe(EXIT.ok);
    const written = readFileSync(join(dir, 'out', 'report.json'), 'utf8');
    expect(written).toBe(JSON.stringify(JSON.parse(written), null, 2) + '\n');
    expect(readFileSync(join(dir, 'out', 'also.json'), 'utf8')).toBe(written);
  });
});

describe('jsonChunks', () => {
  it.each([
    ['an empty object', {}],
    ['empty arrays and objects', { units: [], skipped: [], o: {} }],
    ['members JSON.stringify drops', { a: undefined, b: 1, f: () => 1, c: [undefined, () => 1, null, 2] }],
    ['nesting, escapes and unicode', { schemaVersion: 1, tool: { name: 'clarity' }, units: [{ path: 'a "b"\n\t\\c', findings: [{ text: '👋 “x”', n: [1, [2, []]] }] }, { path: 'd', findings: [] }] }],
    ['scalars only', { a: 'x', b: true, c: null, d: 1.5 }],
  ])('%s: as JSON.stringify(value, null, 2)', (_, value) => {
    expect([...jsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2));
  });

  it('one chunk per element of a top-level array', () => {
    const units = Array.from({ length: 1000 }, (_, i) => ({ path: `f${i}.md`, findings: [{ ruleId: 'jargon', line: i }] }));
    const chunks = [...jsonChunks({ schemaVersion: 1, units, skipped: [] })];
    expect(chunks.length).toBeGreaterThanOrEqual(units.length);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(200);
  });
});
