import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, EXIT, type Io } from '../lib/cli/main.ts';
import type { AuditReport } from '../lib/engine/types.ts';

let dir: string;

async function run(args: string[], io: Partial<Io> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd: dir, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), interactive: false, ...io });
  return { code, stdout, stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-cli-errors-'));
  writeFileSync(join(dir, 'plain.md'), 'We got your form. Your new card is on its way.\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stack trace's frames: "    at fn (file:line:col)". */
const STACK = /^\s+at /m;

describe('internal errors', () => {
  // Any crash inside a command will do: here writing the output throws.
  const broken: Partial<Io> = {
    stdout: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'units')");
    },
  };

  it('exit 3 with the error on one line and how to report it, no stack trace', async () => {
    const r = await run(['personas'], broken);
    expect(r.code).toBe(EXIT.internal);
    expect(EXIT.internal).toBe(3);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("clarity: internal error: TypeError: Cannot read properties of undefined (reading 'units')");
    expect(lines[1]).toMatch(/bug in clarity .*report it.*CLARITY_DEBUG=1/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('print the stack trace with CLARITY_DEBUG', async () => {
    const r = await run(['personas'], { ...broken, debug: true });
    expect(r.code).toBe(EXIT.internal);
    expect(r.stderr).toMatch(STACK);
  });
});

describe('--out', () => {
  it('creates missing folders', async () => {
    const r = await run(['audit', 'plain.md', '--out', 'reports/2026/clarity.json']);
    expect(r.code).toBe(EXIT.ok);
    const report = JSON.parse(readFileSync(join(dir, 'reports', '2026', 'clarity.json'), 'utf8')) as AuditReport;
    expect(report.units.map((u) => u.path)).toEqual(['plain.md']);
    // Written through a temporary file, which is gone.
    expect(readdirSync(join(dir, 'reports', '2026'))).toEqual(['clarity.json']);
  });

  it.each([
    ['a folder', 'folder', /could not write .*folder: it is a folder; give a file name/],
    ['under a file', 'plain.md/report.json', /could not write .*plain\.md\/report\.json: a file is in the way/],
  ])('says what is wrong when it names %s, in one line, exit 2', async (_, out, message) => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const r = await run(['audit', 'plain.md', '--out', out]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('--report creates folders too, and a bad one is a one-line error', async () => {
    expect((await run(['audit', 'plain.md', '--report', 'sarif:ci/out/clarity.sarif'])).code).toBe(EXIT.ok);
    expect(JSON.parse(readFileSync(join(dir, 'ci', 'out', 'clarity.sarif'), 'utf8'))).toHaveProperty('version', '2.1.0');
    const r = await run(['audit', 'plain.md', '--report', 'sarif:plain.md/x.sarif']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^clarity: could not write .*x\.sarif: a file is in the way/);
  });
});
