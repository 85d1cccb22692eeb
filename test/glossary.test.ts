import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { glossaryJsonSchema, glossarySchema } from '../lib/glossary/schema.ts';
import type { Glossary, GlossaryTerm } from '../lib/glossary/types.ts';
import { createEngine, type Engine } from '../lib/engine/audit.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import type { RuleSwitches } from '../lib/engine/rules/registry.ts';
import type { AuditReport } from '../lib/engine/types.ts';
import { loadConfig } from '../lib/config/load.ts';
import { audit } from './engine-helpers.ts';
import { runCli } from './cli-helpers.ts';

/** A small team glossary of this test's own: one term of each status. */
const GLOSSARY = {
  version: 1,
  name: 'acme',
  terms: [
    { term: 'Acme Shield', status: 'preferred', caseSensitive: true },
    { term: 'policyholder', status: 'admitted' },
    { term: 'log on', status: 'deprecated', use: 'sign in', variants: ['logon'] },
    { term: 'claim number', status: 'jargon', plain: 'the number we give your claim', known: ['technical-admin'] },
  ],
};

const issues = (data: unknown): string[] => {
  const r = glossarySchema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('glossary format', () => {
  it('accepts a glossary with each status', () => {
    expect(issues(GLOSSARY)).toEqual([]);
  });

  it('says which field a status needs or does not take', () => {
    expect(issues({ version: 1, terms: [{ term: 'logon', status: 'deprecated' }] })).toEqual(['terms.0.use: a deprecated term needs “use”']);
    expect(issues({ version: 1, terms: [{ term: 'claim', status: 'jargon' }] })).toEqual(['terms.0.plain: a jargon term needs “plain”']);
    expect(issues({ version: 1, terms: [{ term: 'claim', status: 'preferred', plain: 'x', known: ['technical-admin'] }] })).toEqual([
      'terms.0.plain: only a jargon term takes “plain” (this one is preferred)',
      'terms.0.known: only a jargon term takes “known” (this one is preferred)',
    ]);
  });

  it('refuses a term clarity could never match, and one listed twice', () => {
    expect(issues({ version: 1, terms: [{ term: 'C++', status: 'preferred' }] })).toEqual(['terms.0.term: “C++” is not words separated by single spaces (clarity would read it as “C”)']);
    expect(issues({ version: 1, terms: [{ term: 'Sign in', status: 'preferred' }, { term: 'login', status: 'deprecated', use: 'sign in', variants: ['sign in'] }] })).toEqual(['terms.1.variants.0: “sign in” is already listed at terms.0']);
    // Case-sensitive names are told apart by case.
    expect(issues({ version: 1, terms: [{ term: 'Lemonade', status: 'preferred', caseSensitive: true }, { term: 'lemonade', status: 'admitted', caseSensitive: true }] })).toEqual([]);
  });

  it('is versioned', () => {
    expect(issues({ ...GLOSSARY, version: 2 })).toEqual(['version: Invalid input: expected 1']);
    expect(issues({ terms: [] })[0]).toMatch(/^version: /);
  });

  it('publishes a JSON Schema in step with the zod schema, which checks what each status needs', () => {
    const published = JSON.parse(readFileSync('schema/glossary.v1.json', 'utf8')) as Record<string, unknown>;
    expect(published).toEqual(glossaryJsonSchema());
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(published);
    expect(validate(GLOSSARY), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ version: 1, terms: [{ term: 'logon', status: 'deprecated' }] })).toBe(false);
    expect(validate({ version: 1, terms: [{ term: 'claim', status: 'preferred', plain: 'x' }] })).toBe(false);
  });
});

const engineWith = (glossaries: Glossary[], rules: RuleSwitches = { acronym: 'on' }) => createEngine({ personas: BUILTIN_PERSONAS, glossaries, rules });
const glossary = (terms: GlossaryTerm[], name = 'acme'): Glossary => ({ version: 1, name, terms });
const findings = (text: string, e: Engine) => audit(text, 'asset.md', e).then((u) => u.findings.map((f) => ({ rule: f.ruleId, text: f.text, suggestion: f.suggestion, safe: f.suggestionSafe, personas: f.personas, message: f.message })));

describe('glossary rules', () => {
  it('flags a deprecated term in any form and offers the preferred one as a safe swap', async () => {
    const e = engineWith([glossary([{ term: 'logon', status: 'deprecated', use: 'password', variants: ['log-on'] }])]);
    const found = await findings('Type your logon. Two logons are allowed. Your Log-on is private.', e);
    expect(found.filter((f) => f.rule === 'glossary-deprecated').map((f) => [f.text, f.suggestion, f.safe])).toEqual([
      ['logon', 'password', true],
      ['logons', 'passwords', true],
      ['Log-on', 'Password', true],
    ]);
    expect(found[0]?.message).toBe('“logon” is deprecated in the acme glossary: use “password”.');
  });

  it('flags team jargon at its first unexplained use, with its explanation, for the personas who do not know it', async () => {
    const e = engineWith([glossary([{ term: 'claim number', status: 'jargon', plain: 'the number we give your claim', known: ['technical-admin'] }])]);
    const [first, ...rest] = (await findings('Find your claim number on the letter. Claim numbers have eight digits.', e)).filter((f) => f.rule === 'glossary-jargon');
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ text: 'claim number', suggestion: 'claim number (the number we give your claim)', safe: false, personas: ['small-business-owner', 'first-time-consumer'] });
    expect(first?.message).toBe('“claim number” is jargon in the acme glossary: explain it the first time (the number we give your claim).');
    // A document that explains the term is not flagged.
    expect((await findings('Your claim number (the number on your letter) is eight digits.', e)).filter((f) => f.rule === 'glossary-jargon')).toEqual([]);
  });

  it('keeps the built-in packs off a team term: a product name is never jargon or an acronym', async () => {
    const text = 'Your Premium Plus deductible is low. Sign in with SSO.';
    const builtIn = await findings(text, engineWith([]));
    expect(builtIn.map((f) => [f.rule, f.text])).toEqual(expect.arrayContaining([['jargon', 'deductible'], ['acronym', 'SSO']]));
    const team = await findings(text, engineWith([glossary([{ term: 'SSO', status: 'preferred', caseSensitive: true }, { term: 'deductible', status: 'jargon', plain: 'what you pay first' }])]));
    expect(team.map((f) => [f.rule, f.text])).toEqual([['glossary-jargon', 'deductible']]);
    // Switched off, the team terms leave the packs' findings standing.
    const off = await findings(text, engineWith([glossary([{ term: 'SSO', status: 'preferred', caseSensitive: true }])], { acronym: 'on', 'glossary-term': 'off' }));
    expect(off.map((f) => f.rule)).toContain('acronym');
  });

  it('matches a case-sensitive name only as written', async () => {
    const e = engineWith([glossary([{ term: 'Shield', status: 'deprecated', use: 'Acme Shield', caseSensitive: true }])]);
    expect((await findings('Shield covers you. A shield is round. Shield’s cover is wide.', e)).map((f) => f.text)).toEqual(['Shield', 'Shield’s']);
  });

  it('layers glossaries: a later glossary’s entry for a term replaces an earlier one', async () => {
    const company = glossary([{ term: 'logon', status: 'deprecated', use: 'sign-in' }, { term: 'member', status: 'jargon', plain: 'a customer' }], 'company');
    const team = glossary([{ term: 'logon', status: 'admitted' }], 'team');
    const found = await findings('Your logon is safe. Every member can call us.', engineWith([company, team]));
    expect(found.map((f) => [f.rule, f.text, f.message.match(/in the (\w+) glossary/)?.[1]])).toEqual([['glossary-jargon', 'member', 'company']]);
  });
});

describe('glossaries in the config', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clarity-glossary-'));
    mkdirSync(join(dir, 'terms'));
    writeFileSync(join(dir, 'terms', 'team.yaml'), 'version: 1\nterms:\n  - term: logon\n    status: deprecated\n    use: sign-in\n');
    writeFileSync(join(dir, 'page.md'), 'Keep your logon safe. Your member ID is on the card.\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const withConfig = (config: unknown) => {
    writeFileSync(join(dir, 'clarity.config.json'), JSON.stringify(config));
    return loadConfig(dir);
  };

  it('reads YAML files relative to the config, and inline glossaries, in order', () => {
    const loaded = withConfig({ glossaries: ['terms/team.yaml', { version: 1, name: 'inline', terms: [{ term: 'member ID', status: 'jargon', plain: 'the number on your card' }] }] });
    expect(loaded.ok && loaded.value.glossaries.map((g) => [g.glossary.name, g.file, g.glossary.terms.map((t) => t.term)])).toEqual([
      ['team', join(dir, 'terms', 'team.yaml'), ['logon']],
      ['inline', undefined, ['member ID']],
    ]);
  });

  it('names the file and the field of a bad glossary', () => {
    const message = (config: unknown) => {
      const r = withConfig(config);
      return r.ok ? 'ok' : r.error.message;
    };
    expect(message({ glossaries: ['terms/none.json'] })).toBe(`glossary terms/none.json (glossaries.0 of ${join(dir, 'clarity.config.json')}) does not exist`);
    writeFileSync(join(dir, 'terms', 'bad.yaml'), 'version: 1\nterms:\n  - term: [x\n');
    expect(message({ glossaries: ['terms/bad.yaml'] })).toMatch(/^glossary terms\/bad.yaml \(glossaries.0 of .*\) is not valid YAML: .* at line 4, column 1$/);
    expect(message({ glossaries: [{ version: 1, terms: [{ term: 'x', status: 'jargon', plian: 'y' }] }] })).toBe(
      `${join(dir, 'clarity.config.json')}: glossaries.0: terms.0.plian: unknown field; did you mean "plain"?; terms.0.plain: a jargon term needs “plain”`,
    );
    expect(message({ glossaries: [{ version: 1, terms: [{ term: 'x', status: 'jargon', plain: 'y', known: ['first-time-consumr'] }] }] })).toMatch(/terms.0.known.0: unknown persona "first-time-consumr" \(did you mean "first-time-consumer"\?\)$/);
  });

  it('drives clarity audit and clarity fix, which applies the deprecated term’s replacement', async () => {
    withConfig({ glossaries: ['terms/team.yaml'] });
    const audited = await runCli(['audit', 'page.md', '--format', 'json'], dir);
    const report = JSON.parse(audited.stdout) as AuditReport;
    expect(report.units[0]?.findings.filter((f) => f.ruleId === 'glossary-deprecated').map((f) => f.text)).toEqual(['logon']);
    const fixed = await runCli(['fix', 'page.md', '--rule', 'glossary-deprecated'], dir);
    expect(fixed.code).toBe(0);
    expect(readFileSync(join(dir, 'page.md'), 'utf8')).toBe('Keep your sign-in safe. Your member ID is on the card.\n');
  });
});

describe('clarity terms list, check and add', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clarity-terms-'));
    writeFileSync(join(dir, 'team.yaml'), '# Our terms\nversion: 1\nname: acme\nterms:\n  - term: logon\n    status: deprecated\n    use: sign-in\n');
    writeFileSync(join(dir, 'clarity.config.json'), JSON.stringify({ glossaries: ['team.yaml'] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]) => runCli(['terms', ...args], dir);

  it('adds a term to the named glossary file, keeping its comments, and the audit uses it', async () => {
    const added = await run(['add', 'claim number', '--status', 'jargon', '--plain', 'the number we give your claim', '--known', 'technical-admin', '--to', 'acme']);
    expect(added.stdout).toBe('Added “claim number” (jargon) to team.yaml.\n');
    const text = readFileSync(join(dir, 'team.yaml'), 'utf8');
    expect(text.startsWith('# Our terms\n')).toBe(true);
    expect(text).toContain('  - term: claim number\n    status: jargon\n    plain: the number we give your claim\n    known:\n      - technical-admin\n');
    writeFileSync(join(dir, 'claim.md'), 'Quote your claim number when you call.\n');
    const report = JSON.parse((await runCli(['audit', 'claim.md', '--format', 'json'], dir)).stdout) as AuditReport;
    expect(report.units[0]?.findings.map((f) => f.ruleId)).toContain('glossary-jargon');
  });

  it('refuses a term the glossary could not take, and leaves the file as it was', async () => {
    const before = readFileSync(join(dir, 'team.yaml'), 'utf8');
    const twice = await run(['add', 'Logon', '--status', 'admitted']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('“Logon” was not added: team.yaml: terms.2.term: “Logon” is already listed at terms.0');
    const noUse = await run(['add', 'log on', '--status', 'deprecated']);
    expect(noUse.stderr).toContain('a deprecated term needs “use”');
    expect(readFileSync(join(dir, 'team.yaml'), 'utf8')).toBe(before);
  });

  it('creates a new JSON glossary file', async () => {
    const r = await run(['add', 'Acme Shield', '--status', 'preferred', '--case-sensitive', '--to', 'names.json']);
    expect(r.stdout).toContain("list it in clarity.config.json's \"glossaries\" to use it");
    expect(JSON.parse(readFileSync(join(dir, 'names.json'), 'utf8'))).toEqual({ version: 1, terms: [{ term: 'Acme Shield', status: 'preferred', caseSensitive: true }] });
  });

  it('lists the packs and the merged team terms', async () => {
    const text = (await run(['list'])).stdout;
    expect(text).toMatch(/^ {2}health-benefits +\d+ terms {2}Health insurance and benefits$/m);
    expect(text).toContain('  logon  [deprecated, acme]  use “sign-in”');
    const json = JSON.parse((await run(['list', '--format', 'json'])).stdout) as { terms: { term: string; glossary: string }[] };
    expect(json.terms.map((t) => [t.term, t.glossary])).toEqual([['logon', 'acme'], ['claim number', 'acme']]);
  });

  it('checks the config’s glossaries and named files, failing on an invalid one', async () => {
    writeFileSync(join(dir, 'draft.yaml'), 'version: 1\nterms:\n  - term: copay\n    status: jargon\n    plain: "TODO: explain in plain words"\n  - term: deductible\n    status: admitted\n');
    const ok = await run(['check', 'draft.yaml']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ok   acme (team.yaml): 2 terms (0 preferred, 0 admitted, 1 deprecated, 1 jargon)\n');
    expect(ok.stdout).toContain('warning: terms.0 “copay”: its plain explanation is still to write');
    expect(ok.stdout).toContain('warning: terms.1 “deductible”: the insurance-finance pack lists it too');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ version: 1, terms: [{ term: 'x', status: 'retired' }] }));
    const bad = await run(['check', 'bad.json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^FAIL bad.json: terms.0.status: /m);
  });
});

describe('the README', () => {
  it('shows a glossary that is valid, and a deprecated term clarity fix would swap', async () => {
    const block = /```yaml\n(# terms\.yaml[\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'))?.[1];
    const parsed = glossarySchema.parse(parseYaml(block ?? ''));
    const found = await findings('Log on to see your claim number.', engineWith([parsed as Glossary]));
    expect(found.map((f) => [f.rule, f.text, f.suggestion, f.safe])).toEqual([
      ['glossary-deprecated', 'Log on', 'Sign in', true],
      ['glossary-jargon', 'claim number', 'claim number (the number we give your claim when you report it)', false],
    ]);
  });
});
