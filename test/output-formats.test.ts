import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FORMATS, formatFromOut, OUTPUT_FORMATS } from '../lib/cli/output-formats.ts';
import { runCli } from './cli-helpers.ts';

// One table of report formats: the usage, --format, --report, --out's extensions and the Action all read it.
describe('the output formats table', () => {
  it('is what the usage lists and what --format refuses with', async () => {
    const help = await runCli(['--help'], '.');
    expect(help.stdout).toContain(`--format <f>        ${FORMATS.join(' | ')}`);
    const bad = await runCli(['audit', 'examples', '--format', 'yaml'], '.');
    expect(bad.stderr).toContain(`unknown format "yaml" (use ${FORMATS.join(', ')})`);
  });

  it('picks a format from each --out extension it lists, and none from others', () => {
    for (const f of FORMATS) for (const ext of OUTPUT_FORMATS[f].extensions) expect(formatFromOut(`report.${ext.toUpperCase()}`), ext).toBe(f);
    expect(formatFromOut('report.yaml')).toBeUndefined();
    expect(formatFromOut(undefined)).toBeUndefined();
    // No extension names two formats.
    const exts = FORMATS.flatMap((f) => [...OUTPUT_FORMATS[f].extensions]);
    expect(new Set(exts).size).toBe(exts.length);
  });

  it('is what the GitHub Action says its format input takes', () => {
    const action = readFileSync('action.yml', 'utf8');
    const description = /^ {2}format:\n {4}description: (.+)$/m.exec(action)?.[1] ?? '';
    const named = FORMATS.filter((f) => new RegExp(`\\b${f}\\b`).test(description));
    expect(named).toEqual(FORMATS);
  });
});
