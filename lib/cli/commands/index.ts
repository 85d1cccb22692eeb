import { optionsSection } from '../options.ts';
import { audit } from './audit.ts';
import { check } from './check.ts';
import type { Command } from './command.ts';
import { dev } from './dev.ts';
import { fix } from './fix.ts';
import { lsp } from './lsp.ts';
import { personas, personasPush } from './personas.ts';
import { rules } from './rules.ts';
import { TERMS, termsUsage } from './terms.ts';
import { upload } from './upload.ts';

/** Every command, in the order the usage lists them (the terms subcommands are on `clarity terms --help`'s page). */
export const COMMANDS: readonly Command[] = [audit, check, fix, personas, rules, lsp, ...TERMS, dev, upload, personasPush];

/** A command's lines in the usage: how it is called, then what it does, from column 51 (on a line of its own if need be). */
function usageLines({ usage: { call, about } }: Command): string[] {
  const [first = '', ...more] = about;
  const calls = call.map((c) => `  clarity ${c.replace(/^clarity /, '')}`);
  const last = calls.at(-1) ?? '';
  const beside = last.length < 48 ? [...calls.slice(0, -1), `${last.padEnd(50)}${first}`] : [...calls, `${' '.repeat(50)}${first}`];
  return [...beside, ...more.map((l) => `${' '.repeat(50)}${l}`)];
}

/** `clarity --help`: the commands, then the options the Options section explains (lib/cli/options.ts), then the exit codes. */
export function usage(): string {
  return `Usage:
${COMMANDS.filter((c) => c.page === undefined || c.name === 'terms').flatMap(usageLines).join('\n')}

Options:
${optionsSection()}

Exit codes: 0 clean, 1 an asset is under a threshold or could not be audited, or (with
--baseline) a new finding (check), 2 usage or configuration error, 3 internal error (a bug:
please report it; CLARITY_DEBUG=1 prints the stack trace), 130 and 143 stopped by Ctrl-C or SIGTERM.`;
}

/** The help page a command is on. */
export function helpFor(command: Command | undefined): string {
  return command?.page === 'terms' ? termsUsage() : usage();
}
