import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../lib/cli/main.ts';
import { parseConfig } from '../lib/config/load.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { parsePersona } from '../lib/engine/persona/schema.ts';
import { nearest } from '../lib/engine/persona/field-issues.ts';
import type { AuditReport } from '../lib/engine/types.ts';
import { runCli } from './cli-helpers.ts';

let dir: string;

const run = (args: string[]) => runCli(args, dir);

/** Runs `clarity audit plain.md` with this config. */
async function withConfig(config: unknown) {
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return run(['audit', 'plain.md', '--config', 'config.json']);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-cli-config-'));
  writeFileSync(join(dir, 'plain.md'), 'We got your form. Your new card is on its way.\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('numbers on the command line', () => {
  it.each([
    ['--min-score', ''],
    ['--min-score', ' '],
    ['--min-score', 'abc'],
    ['--min-score', '0x10'],
    ['--min-score', '1e1'],
    ['--min-score', '-1'],
    ['--min-score', '101'],
    ['--min-score', 'Infinity'],
    ['--jobs', ''],
    ['--jobs', '1.5'],
    ['--jobs', '0'],
    ['--max-bytes', ''],
    ['--max-bytes', '10KB'],
  ])('%s %j is a usage error, not a number', async (flag, value) => {
    const r = await run(['check', 'plain.md', `${flag}=${value}`]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain(`clarity: ${flag} must be`);
    expect(r.stderr).toContain(`(got ${JSON.stringify(value)})`);
  });

  it('--min-score takes 0, decimals and 100', async () => {
    writeFileSync(join(dir, 'jargon.md'), 'Pursuant to the policy, the deductible may be subject to adjustment. Failure to remit payment could result in termination.\n');
    const report = JSON.parse((await run(['audit', 'jargon.md', '--format', 'json'])).stdout) as AuditReport;
    const lowest = Math.min(...report.units[0]!.scores.map((s) => s.overall));
    expect((await run(['check', 'jargon.md', '--min-score', '0'])).code).toBe(EXIT.ok);
    const bar = String(Number((lowest + 0.25).toFixed(2)));
    expect(bar).toMatch(/^\d+\.\d+$/);
    const decimal = await run(['check', 'jargon.md', '--min-score', bar]);
    expect(decimal.code, decimal.stderr).toBe(EXIT.belowThreshold);
    expect(decimal.stderr).toContain(`under the bar of ${bar}`);
    expect((await run(['check', 'jargon.md', '--min-score', '100'])).stderr).toContain('under the bar of 100');
  });
});

describe('the config is strict: a mistake is exit 2, naming the field', () => {
  it('"defaultPersonas": [] would audit against nobody', async () => {
    const r = await withConfig({ defaultPersonas: [] });
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/defaultPersonas: give at least one persona id, or leave defaultPersonas out/);
  });

  it.each([
    [{ personas: [{ id: 'technical-admin', maxSentenceLenght: 24 }] }, /persona "technical-admin" .*maxSentenceLenght: unknown field; did you mean "maxSentenceLength"\?/],
    [{ personas: [{ id: 'technical-admin', goals: [{ id: 'calm', label: 'Calm', wieght: 1, categoryWeights: {} }] }] }, /goals\.0\.wieght: unknown field; did you mean "weight"\?/],
    [{ defaultPersona: ['technical-admin'] }, /defaultPersona: unknown field; did you mean "defaultPersonas"\?/],
    [{ thresholds: { minscore: 50 } }, /thresholds\.minscore: unknown field; did you mean "minScore"\?/],
    [{ terms: { forbidden: [{ term: 'guarantee', mesage: 'no' }] } }, /terms\.forbidden\.0\.mesage: unknown field; did you mean "message"\?/],
    [{ rules: { hedgin: 'on' } }, /rules\.hedgin: unknown field; did you mean "hedging"\?/],
    [{ personas: [{ id: 'technical-admin', favouriteColour: 'blue' }] }, /favouriteColour: unknown field; the fields here are id, name, .*goals/],
  ])('%j', async (config, message) => {
    const r = await withConfig(config);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr.split('\n')[0]).toMatch(message);
  });

  it('a new persona with a misspelt field is told both: the unknown field and the missing one', () => {
    const persona = { ...BUILTIN_PERSONAS[0]!, id: 'broker' } as Record<string, unknown>;
    persona.maxSentenceLenght = persona.maxSentenceLength;
    delete persona.maxSentenceLength;
    const r = parseConfig({ personas: [persona] }, 'clarity.config.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/maxSentenceLength: .*expected number.*maxSentenceLenght: unknown field; did you mean "maxSentenceLength"\?/);
  });

  it('suggests only a near name', () => {
    expect(nearest('targetgrade', ['targetGrade', 'goals'])).toBe('targetGrade');
    expect(nearest('knwonTerms', ['knownTerms', 'unfamiliarTerms'])).toBe('knownTerms');
    expect(nearest('colour', ['targetGrade', 'goals'])).toBeUndefined();
  });
});

describe('what ships still validates under the strict schemas', () => {
  it.each(BUILTIN_PERSONAS.map((p) => [p.id, p]))('built-in persona %s', (_, persona) => {
    const r = parsePersona(persona, 'builtin.ts');
    expect(r.ok, !r.ok ? r.error.message : '').toBe(true);
  });

  it("the README's example clarity.config.json", () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /### `clarity\.config\.json`[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const r = parseConfig(JSON.parse(block!), 'README.md');
    expect(r.ok, !r.ok ? r.error.message : '').toBe(true);
  });
});
