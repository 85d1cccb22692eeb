import { loadConfig, type LoadedConfig } from '../../config/load.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import type { Accepts, Values } from '../options.ts';

/** A command's options and operands, parsed by what it declares. */
export interface Input {
  values: Values;
  operands: string[];
}

/**
 * One `clarity` command: what it takes (its options, by name, from lib/cli/options.ts), its lines in the usage, and
 * what it does. `run` returns the exit code, or throws a CliError (a UsageError for a mistake in the call or config).
 */
export interface Command extends Accepts {
  /** Its lines in the usage: how it is called (wrapped), and what it does. */
  usage: { call: readonly string[]; about: readonly string[] };
  /** The help page it is on: the main usage, or `clarity terms --help`'s. */
  page?: 'terms';
  run(input: Input, io: Io, stop: Promise<void>): Promise<number> | number;
}

/** The config `--config` names (or ./clarity.config.json, or the defaults); a config that does not load is a usage error. */
export function loadedConfig(io: Io, values: Values): LoadedConfig {
  const loaded = loadConfig(io.cwd, values.string('config'));
  if (!loaded.ok) throw new UsageError(loaded.error.message);
  return loaded.value;
}
