import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS, usage } from '../lib/cli/commands/index.ts';
import { termsUsage } from '../lib/cli/commands/terms.ts';
import { EXIT, HELP_POINTER } from '../lib/cli/main.ts';
import { GLOBAL_OPTIONS, OPTIONS, optionsSection, type OptionName } from '../lib/cli/options.ts';
import { runCli } from './cli-helpers.ts';

/** The --flags a piece of usage text names. */
const flagsIn = (text: string): Set<string> => new Set([...text.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1] as string));
const callOf = (c: (typeof COMMANDS)[number]): string => c.usage.call.join('\n');
const documented = new Set([...flagsIn(optionsSection()), ...[...optionsSection().matchAll(/(?:^|\s)-([a-z]), --([a-z-]+)/g)].map((m) => m[2] as string)]);

describe('the declared options and the usage text', () => {
  it('every option a command takes is in its usage line, or in the Options section when the line says [options]', () => {
    for (const command of COMMANDS) {
      const own = flagsIn(callOf(command));
      const shared = command.usage.call.some((l) => l.includes('[options]')) ? documented : new Set<string>();
      for (const name of [...GLOBAL_OPTIONS, ...command.options]) {
        expect(own.has(name) || shared.has(name) || (GLOBAL_OPTIONS as readonly string[]).includes(name), `clarity ${command.name} takes --${name}, which its usage does not show`).toBe(true);
      }
    }
    // The global ones are in the Options section itself.
    for (const name of GLOBAL_OPTIONS) expect(usage()).toContain(`--${name}`);
  });

  it('every option a usage line names is one its command takes', () => {
    for (const command of COMMANDS) {
      for (const flag of flagsIn(callOf(command))) expect(command.options, `clarity ${command.name}'s usage shows --${flag}, which it does not take`).toContain(flag);
    }
  });

  it("every option in the Options section is declared, and taken by a command that says [options]", () => {
    const withOptions = COMMANDS.filter((c) => c.usage.call.some((l) => l.includes('[options]')));
    for (const flag of documented) {
      expect(Object.keys(OPTIONS), `the Options section shows --${flag}, which is not declared`).toContain(flag);
      if ((GLOBAL_OPTIONS as readonly string[]).includes(flag)) continue;
      expect(withOptions.some((c) => c.options.includes(flag as OptionName)), `--${flag} is in the Options section, but no [options] command takes it`).toBe(true);
    }
  });

  it('every declared option is taken by some command', () => {
    const taken = new Set<string>([...GLOBAL_OPTIONS, ...COMMANDS.flatMap((c) => c.options)]);
    for (const name of Object.keys(OPTIONS)) expect(taken, `--${name} is declared but no command takes it`).toContain(name);
  });

  it('the main usage and the terms usage show every command once', () => {
    for (const command of COMMANDS) {
      const page = command.page === 'terms' && command.name !== 'terms' ? termsUsage() : usage();
      expect(page, command.name).toContain(command.usage.call[0]);
    }
  });
});

describe('an option another command takes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clarity-cli-options-'));
  const cases = COMMANDS.flatMap((command) => {
    // An option this command does not take, but another does.
    const other = (Object.keys(OPTIONS) as OptionName[]).find((n) => !command.options.includes(n) && !(GLOBAL_OPTIONS as readonly string[]).includes(n) && COMMANDS.some((c) => c.options.includes(n)));
    return other ? [[command.name, other] as const] : [];
  });

  it.each(cases)('clarity %s --%s: a usage error naming the commands that take it', async (name, option) => {
    const value = OPTIONS[option].type === 'string' ? ['x'] : [];
    const r = await runCli([...name.split(' '), `--${option}`, ...value], dir);
    expect(r.code).toBe(EXIT.usage);
    const takers = COMMANDS.filter((c) => c.options.includes(option)).map((c) => `clarity ${c.name}`);
    expect(r.stderr).toBe(`clarity: --${option} is for ${takers.join(', ')}, not clarity ${name}${option === 'fix' ? ' (clarity fix fixes without checking)' : ''}\n${HELP_POINTER}\n`);
  });

  it('covers every command', () => {
    expect(cases.map(([name]) => name)).toEqual(COMMANDS.map((c) => c.name));
  });

  it('names check for the baseline options and for --fix', async () => {
    expect((await runCli(['audit', 'x.md', '--baseline', 'b.json'], dir)).stderr).toContain('--baseline is for clarity check, not clarity audit');
    expect((await runCli(['fix', 'x.md', '--fix'], dir)).stderr).toContain('--fix is for clarity check, not clarity fix (clarity fix fixes without checking)');
    expect((await runCli(['check', 'x.md', '--dry-run'], dir)).stderr).toContain('--dry-run is for clarity fix, not clarity check');
  });

  it('an option no command takes is still parseArgs’s error', async () => {
    const r = await runCli(['rules', '--bogus'], dir);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^clarity: Unknown option '--bogus'/);
  });
});
