import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../lib/cli/main.ts';
import type { AuditReport } from '../lib/engine/types.ts';
import { runCli } from './cli-helpers.ts';

let dir: string;

const run = (args: string[]) => runCli(args, dir);
const json = async (args: string[]) => JSON.parse((await run([...args, '--format', 'json'])).stdout) as AuditReport;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-cli-collect-'));
  // docs/sub/loop → docs: a loop that reaches every file again, and again under loop/sub/loop/…
  mkdirSync(join(dir, 'docs', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'docs', 'a.md'), 'We got your form. Your new card is on its way.\n');
  writeFileSync(join(dir, 'docs', 'sub', 'b.md'), 'Call us if you have a question. We are here to help.\n');
  symlinkSync('..', join(dir, 'docs', 'sub', 'loop'));
  symlinkSync('a.md', join(dir, 'docs', 'alias.md'));
  // Beside the content: files clarity does not read.
  writeFileSync(join(dir, 'docs', 'diagram.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
  writeFileSync(join(dir, 'docs', 'sub', 'manual.PDF'), '%PDF-1.7\n');
  writeFileSync(join(dir, 'docs', 'LICENSE'), 'MIT\n');
  mkdirSync(join(dir, 'images'));
  writeFileSync(join(dir, 'images', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(dir, 'images', 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('symbolic links', () => {
  it('a link loop, or a link to a file, audits each real file once, under its own path', async () => {
    const report = await json(['audit', 'docs']);
    expect(report.units.map((u) => u.path)).toEqual(['docs/a.md', 'docs/sub/b.md']);
    // Nor do the unsupported files show up once per way to reach them.
    expect(report.skipped.map((s) => s.path)).toEqual(['docs/LICENSE', 'docs/diagram.png', 'docs/sub/manual.PDF']);
  });

  it('a file named outright that the folder already holds, through a link', async () => {
    const report = await json(['audit', 'docs', 'docs/alias.md', 'docs/sub/loop/sub/b.md']);
    expect(report.units.map((u) => u.path)).toEqual(['docs/a.md', 'docs/sub/b.md']);
  });

  it('a link named on its own is audited under the name given', async () => {
    expect((await json(['audit', 'docs/alias.md'])).units.map((u) => u.path)).toEqual(['docs/alias.md']);
  });
});

describe('files in a folder that clarity does not read', () => {
  it('are reported as skipped (unsupported-format), with the reason', async () => {
    const report = await json(['audit', 'docs']);
    expect(report.skipped).toEqual([
      { path: 'docs/LICENSE', code: 'unsupported-format', reason: expect.stringMatching(/^a file without an extension is audited only when named on the command line/) },
      { path: 'docs/diagram.png', code: 'unsupported-format', reason: expect.stringMatching(/^\.png files are not audited; supported: \.md /) },
      { path: 'docs/sub/manual.PDF', code: 'unsupported-format', reason: expect.stringMatching(/^\.pdf files are not audited/) },
    ]);
    const text = await run(['audit', 'docs']);
    expect(text.stdout).toMatch(/^skipped docs\/diagram\.png: \.png files are not audited; .*\(unsupported-format\)$/m);
    expect(text.stdout).toContain('2 unit(s) audited against 3 persona(s), 3 skipped.');
  });

  it('do not fail clarity check: they are not content left unchecked', async () => {
    const r = await run(['check', 'docs', '--min-score', '0', '--format', 'junit']);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.stdout).toContain('<skipped message="unsupported-format: .png files are not audited');
    expect(r.stdout).not.toContain('<error');
  });

  it('leave out a folder\'s clarity.config.json, which configures a run and is no macro export', async () => {
    mkdirSync(join(dir, 'configured'));
    writeFileSync(join(dir, 'configured', 'page.md'), 'We got your form. Your new card is on its way.\n');
    writeFileSync(join(dir, 'configured', 'clarity.config.json'), JSON.stringify({ rules: { passive: 'off' } }));
    const report = await json(['audit', 'configured', '--config', 'configured/clarity.config.json']);
    expect(report.units.map((u) => u.path)).toEqual(['configured/page.md']);
    expect(report.skipped).toEqual([]);
  });

  it('follow the config\'s ignore globs', async () => {
    writeFileSync(join(dir, 'ignore.json'), JSON.stringify({ ignore: ['**/*.png', 'docs/LICENSE'] }));
    const report = await json(['audit', 'docs', '--config', 'ignore.json']);
    expect(report.skipped.map((s) => s.path)).toEqual(['docs/sub/manual.PDF']);
  });

  it('match inside a folder named on the command line, even outside the working folder', async () => {
    // Run from docs/sub, the folder docs is "..": "**/a.md" must still leave out ../a.md.
    writeFileSync(join(dir, 'ignore-a.json'), JSON.stringify({ ignore: ['**/a.md', '**/*.png', '**/LICENSE'] }));
    const r = await runCli(['audit', '..', '--config', '../../ignore-a.json', '--format', 'json'], join(dir, 'docs', 'sub'));
    const report = JSON.parse(r.stdout) as AuditReport;
    expect(report.units.map((u) => u.path)).toEqual(['b.md']);
    expect(report.skipped.map((s) => s.path)).toEqual(['manual.PDF']);
  });

  it('a folder with nothing clarity reads is a usage error that says what it found', async () => {
    const r = await run(['audit', 'images']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^clarity: no files to audit in images \(2 file\(s\) in a format clarity does not read: jpg, png\)$/m);
  });
});
