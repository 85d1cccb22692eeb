import { parseArgs } from 'node:util';
import { VERSION } from '../version.ts';
import { COMMANDS, helpFor } from './commands/index.ts';
import type { Command } from './commands/command.ts';
import { CliError, EXIT, HELP_POINTER, internalErrorText, Interrupted, remoteFailure, UsageError } from './errors.ts';
import { OPTIONS, parseOptions, table, withOptionalValues, type OptionName } from './options.ts';
import type { Io } from './io.ts';

export type { Io };

export { EXIT, HELP_POINTER };

/**
 * The `clarity` command line. Returns the exit code instead of exiting, so tests can drive it.
 * Never throws: a mistake the user can fix is one line and exit 2, a crash one line, a hint to report it, and exit 3.
 */
export async function main(argv: string[], io: Io, stop: Promise<void> = new Promise(() => undefined)): Promise<number> {
  try {
    return await run(argv, io, stop);
  } catch (error) {
    return failed(io, remoteFailure(argv, error) ?? error);
  }
}

/** The one place errors become exit codes and what is printed for them. */
function failed(io: Io, error: unknown): number {
  if (error instanceof Interrupted || (error as Error | null)?.name === 'AbortError') {
    const signal = error instanceof Interrupted ? error.signal : 'SIGINT';
    io.stderr(`${io.interactive ? '\r\x1b[2K' : ''}clarity: stopped by ${signal}; no report was written.\n`);
    return error instanceof Interrupted ? error.exitCode : EXIT.sigint;
  }
  if (error instanceof CliError) {
    // A usage or configuration error: the problem on one line and where to look, not the whole usage.
    io.stderr(`clarity: ${error.message}\n${error instanceof UsageError ? `${HELP_POINTER}\n` : ''}`);
    return error.exitCode;
  }
  io.stderr(internalErrorText(error, io.debug ?? false));
  return EXIT.internal;
}

/** Finds the command, parses its options by its declaration, and runs it. */
async function run(argv: string[], io: Io, stop: Promise<void>): Promise<number> {
  const { command, args } = commandOf(argv);
  const { values, operands } = parseOptions(command ?? { name: '', options: Object.keys(OPTIONS) as OptionName[] }, args, COMMANDS);
  if (values.flag('version')) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (values.flag('help')) {
    io.stdout(`${helpFor(command)}\n`);
    return EXIT.ok;
  }
  if (!command) {
    if (operands[0] !== undefined) throw new UsageError(`unknown command "${operands[0]}"`);
    io.stdout(`${helpFor(command)}\n`);
    return EXIT.usage;
  }
  return await command.run({ values, operands }, io, stop);
}

/**
 * The command named by the first operand (or the first two: "personas push", "terms add"), found among the
 * arguments as every option of every command would read them, and the arguments without its name.
 */
function commandOf(argv: string[]): { command: Command | undefined; args: string[] } {
  const { tokens } = parseArgs({ args: withOptionalValues(argv), options: table(Object.keys(OPTIONS) as OptionName[]), allowPositionals: true, strict: false, tokens: true });
  const words = tokens.filter((t) => t.kind === 'positional');
  const [first, second] = words;
  const pair = first && second?.index === first.index + 1 ? COMMANDS.find((c) => c.name === `${first.value} ${second.value}`) : undefined;
  const named = pair ?? COMMANDS.find((c) => c.name === first?.value);
  if (!named || !first) return { command: undefined, args: argv };
  const taken = new Set(pair && second ? [first.index, second.index] : [first.index]);
  return { command: named, args: argv.filter((_, i) => !taken.has(i)) };
}
