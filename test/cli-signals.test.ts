import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { buildCli } from '../bin/build.ts';
import { EXIT, Interrupted } from '../lib/cli/errors.ts';
import { main } from '../lib/cli/main.ts';
import type { AuditReport } from '../lib/engine/types.ts';

// The built CLI (dist/clarity.js and its parse worker) on a folder of many files, stopped by a signal once it
// has shown it is auditing. Progress, the first output, is drawn only on a terminal: a preload makes stderr one.

let dir: string;
let dist: string;
const FILES = 400;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-cli-signals-'));
  mkdirSync(join(dir, 'content'));
  const text = 'Pursuant to the policy, the deductible may be subject to adjustment. Failure to remit payment could result in termination.\n\n';
  for (let i = 0; i < FILES; i++) writeFileSync(join(dir, 'content', `doc${String(i).padStart(3, '0')}.md`), `# Notice ${i}\n\n${text.repeat(5)}`);
  writeFileSync(join(dir, 'tty.mjs'), "Object.defineProperty(process.stderr, 'isTTY', { value: true });\n");
  mkdirSync(join(process.cwd(), 'test-output'), { recursive: true });
  dist = mkdtempSync(join(process.cwd(), 'test-output', 'dist-signals-'));
  await buildCli(dist);
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
});

/** Runs the CLI, sends `signal` at its first progress line, and resolves with its exit code and output. */
function interrupted(args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string; progressed: number }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI'));
  const child = spawn(process.execPath, ['--import', join(dir, 'tty.mjs'), join(dist, 'clarity.js'), ...args], { cwd: dir, env });
  let stdout = '';
  let stderr = '';
  let progressed = 0;
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => {
    stderr += String(d);
    const seen = [...stderr.matchAll(/\[(\d+)\/\d+\]/g)].map((m) => Number(m[1]));
    if (!progressed && seen.length) {
      progressed = Math.max(...seen);
      child.kill(signal);
    }
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr, progressed })));
}

describe('a signal during a folder run', () => {
  it.each([
    ['audit', 'SIGINT', EXIT.sigint],
    ['check', 'SIGTERM', EXIT.sigterm],
  ] as const)('%s on %s: stops the workers, writes no report, exits %i', async (command, signal, exitCode) => {
    const out = join(dir, `out-${command}`);
    const r = await interrupted([command, 'content', '--jobs', '2', '--out', join(out, 'report.json'), '--report', `sarif:${join(out, 'report.sarif')}`], signal);
    expect(r.progressed, r.stderr).toBeGreaterThan(0);
    // It stopped long before the end: the exit (the worker threads would hold the process open) and the code say so.
    expect(r.code, r.stderr).toBe(exitCode);
    expect(r.stderr).toContain(`clarity: stopped by ${signal}; no report was written.`);
    expect(r.stdout).not.toContain('Report written');
    // No report, and no half-written or temporary file either.
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('without a signal the same run writes the whole report (the test above is not vacuous)', async () => {
    const out = join(dir, 'out-whole');
    const child = spawn(process.execPath, [join(dist, 'clarity.js'), 'audit', 'content', '--jobs', '2', '--out', join(out, 'report.json')], { cwd: dir, stdio: 'ignore' });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(EXIT.ok);
    expect(readdirSync(out)).toEqual(['report.json']);
    expect((JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as AuditReport).units).toHaveLength(FILES);
  }, 120_000);
});

describe('interrupting main() in-process', () => {
  it.each([['1'], ['2']])('--jobs %s: stops at the next file and writes nothing', async (jobs) => {
    const controller = new AbortController();
    let stderr = '';
    let files = 0;
    const out = join(dir, `in-process-${jobs}`);
    const code = await main(['audit', 'content', '--jobs', jobs, '--out', join(out, 'report.json')], {
      cwd: dir,
      stdout: () => undefined,
      stderr: (s) => {
        stderr += s;
        // The progress line after the third file: Ctrl-C.
        if (/\[\d+\//.test(s) && ++files === 3) controller.abort(new Interrupted('SIGINT'));
      },
      interactive: true,
      signal: controller.signal,
    });
    expect(code).toBe(EXIT.sigint);
    expect(files).toBeLessThan(10);
    expect(stderr).toContain('stopped by SIGINT; no report was written.');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
