import { parseArgs } from 'node:util';
import { DEFAULT_MAX_BYTES } from '../engine/parse/asset.ts';
import { UsageError } from './errors.ts';
import { FORMATS } from './output-formats.ts';
import { DEFAULT_MIN_SCORE } from './thresholds.ts';

/** A number option: its range, whether it is whole, and how the error says what it must be. */
interface NumberForm {
  min: number;
  max: number;
  whole: boolean;
  /** "--jobs must be <says> (got "x")". */
  says: string;
}

/**
 * One command-line option, declared once for every command that takes it. `help` is its entry in the usage's
 * Options section (its first line after the flag, then the lines under it); an option without one is shown in the
 * usage lines of the commands that take it.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The flag as the Options section shows it, e.g. "--persona <id>". */
  label?: string;
  help?: readonly string[];
  /** `--changed` alone means "the default"; a value is given as `--changed=<ref>`. */
  optionalValue?: boolean;
  number?: NumberForm;
  /** Said after "--fix is for clarity check" to a command that does not take it. */
  elsewhere?: string;
}

const whole = (min: number, max: number, says: string): NumberForm => ({ min, max, whole: true, says });

/** Every option of every command. Which command takes which is in each command's declaration (lib/cli/commands/). */
export const OPTIONS = {
  persona: { type: 'string', multiple: true, label: '--persona <id>', help: ['audit against this persona (repeatable; default: all)'] },
  format: { type: 'string', label: '--format <f>', help: [FORMATS.join(' | '), "(default: text, or from --out's extension)"] },
  out: { type: 'string', label: '--out <file>', help: ['write the report to a file and print a summary'] },
  report: { type: 'string', multiple: true, label: '--report <f>:<file>', help: ['also write format f to file (repeatable), e.g. --report sarif:clarity.sarif'] },
  changed: {
    type: 'string',
    optionalValue: true,
    label: '--changed[=<ref>]',
    help: ['only files changed since ref (git diff + untracked files; default:', 'origin/$GITHUB_BASE_REF, origin/HEAD, origin/main, origin/master, HEAD~1)'],
  },
  config: { type: 'string', label: '--config <file>', help: ['config file (default: ./clarity.config.json when present)'] },
  'min-score': { type: 'string', label: '--min-score <n>', help: [`check: the bar for every persona (default: config, else ${DEFAULT_MIN_SCORE})`], number: { min: 0, max: 100, whole: false, says: 'a number from 0 to 100' } },
  baseline: { type: 'string', label: '--baseline <file>', help: ['check: fail only on findings not in the baseline, or scores under', 'both their bar and their baseline score'] },
  'write-baseline': { type: 'string', label: '--write-baseline <file>', help: ['check: write the current findings and scores as the baseline'] },
  fix: { type: 'boolean', label: '--fix', help: ['check: apply the safe suggestions first (as clarity fix), then check'], elsewhere: 'clarity fix fixes without checking' },
  'dry-run': { type: 'boolean', label: '--dry-run', help: ['fix: print a unified diff of the fixes and change nothing'] },
  rule: { type: 'string', multiple: true, label: '--rule <id>', help: ['fix: only this rule\'s suggestions (repeatable)'] },
  'max-bytes': { type: 'string', label: '--max-bytes <n>', help: [`skip larger files (default: ${DEFAULT_MAX_BYTES})`], number: whole(1, Number.MAX_SAFE_INTEGER, 'a whole number of bytes, 1 or more') },
  jobs: { type: 'string', label: '--jobs <n>', help: ['threads to use (default: one per core)'], number: whole(1, 64, 'a whole number from 1 to 64') },
  help: { type: 'boolean', short: 'h', label: '-h, --help', help: ['this help;  -v, --version  the version'] },
  version: { type: 'boolean', short: 'v' },
  // Shown in the usage lines of the commands that take them.
  stdio: { type: 'boolean' },
  dir: { type: 'string' },
  'api-port': { type: 'string', number: whole(0, 65535, 'a port number, 0 to 65535') },
  's3-port': { type: 'string', number: whole(0, 65535, 'a port number, 0 to 65535') },
  'dynamodb-port': { type: 'string', number: whole(0, 65535, 'a port number, 0 to 65535') },
  fresh: { type: 'boolean' },
  'log-level': { type: 'string' },
  endpoint: { type: 'string' },
  bucket: { type: 'string' },
  prefix: { type: 'string' },
  channel: { type: 'string' },
  personas: { type: 'string' },
  stage: { type: 'string' },
  team: { type: 'string' },
  table: { type: 'string' },
  status: { type: 'string' },
  use: { type: 'string' },
  plain: { type: 'string' },
  variant: { type: 'string', multiple: true },
  known: { type: 'string', multiple: true },
  'case-sensitive': { type: 'boolean' },
  note: { type: 'string' },
  to: { type: 'string' },
  top: { type: 'string', number: whole(1, Number.MAX_SAFE_INTEGER, 'a whole number, 1 or more') },
  'min-count': { type: 'string', number: whole(1, Number.MAX_SAFE_INTEGER, 'a whole number, 1 or more') },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** Every command takes these. */
export const GLOBAL_OPTIONS = ['help', 'version'] as const satisfies readonly OptionName[];

const spec = (name: OptionName): OptionSpec => OPTIONS[name];

/** The usage's Options section: each option with a help line, in the order declared. */
export function optionsSection(): string {
  return Object.values(OPTIONS as Record<string, OptionSpec>)
    .flatMap(({ label, help }) => {
      if (!label || !help) return [];
      const [first, ...rest] = help;
      const flag = label.length < 20 ? label.padEnd(20) : `${label}  `;
      return [`  ${flag}${first}`, ...rest.map((line) => `${' '.repeat(22)}${line}`)];
    })
    .join('\n');
}

/** A command's parsed options, read by name, as their declarations type them. */
export class Values {
  constructor(private readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>) {}

  string(name: OptionName): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : Array.isArray(v) ? (v.at(-1) as string | undefined) : undefined;
  }

  strings(name: OptionName): string[] | undefined {
    const v = this.values[name];
    return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : undefined;
  }

  flag(name: OptionName): boolean {
    return this.values[name] === true;
  }

  /**
   * A number option: undefined when absent, else its value, or a usage error saying what it must be. Written out in
   * digits: Number() would take '' and ' ' as 0, and '0x10', '1e2' or 'Infinity' as numbers nobody meant to type.
   */
  number(name: OptionName): number | undefined {
    const value = this.string(name);
    const form = spec(name).number;
    if (value === undefined || !form) return undefined;
    const n = (form.whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(value) ? Number(value) : NaN;
    if (Number.isFinite(n) && n >= form.min && n <= form.max) return n;
    throw new UsageError(`--${name} must be ${form.says} (got ${JSON.stringify(value)})`);
  }
}

/** Where a command declares what it takes; `name` is how it is called ("audit", "personas push"). */
export interface Accepts {
  name: string;
  options: readonly OptionName[];
  /** false: the command takes no files or other operands. */
  takesOperands?: boolean;
}

/**
 * The command's arguments parsed by its declared options (and the global ones). An option another command takes
 * is a usage error that names the commands that take it; one no command takes is parseArgs's own error.
 */
export function parseOptions(command: Accepts, args: readonly string[], all: readonly Accepts[]): { values: Values; operands: string[] } {
  const names = [...GLOBAL_OPTIONS, ...command.options];
  try {
    const { values, positionals } = parseArgs({ args: withOptionalValues(args), allowPositionals: command.takesOperands !== false, strict: true, options: table(names) });
    return { values: new Values(values), operands: positionals };
  } catch (error) {
    throw new UsageError(notTaken(error, command, all) ?? (error instanceof Error ? error.message : String(error)));
  }
}

/** parseArgs's table for these options. */
export function table(names: readonly OptionName[]): Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> {
  return Object.fromEntries(
    names.map((name) => {
      const { type, multiple, short } = spec(name);
      return [name, { type, ...(multiple ? { multiple } : {}), ...(short ? { short } : {}) }];
    }),
  );
}

/** `--changed` alone is `--changed=`: the option's default, without taking the next argument as its value. */
export function withOptionalValues(args: readonly string[]): string[] {
  const optional = new Set(Object.entries(OPTIONS as Record<string, OptionSpec>).flatMap(([name, s]) => (s.optionalValue ? [`--${name}`] : [])));
  return args.map((a) => (optional.has(a) ? `${a}=` : a));
}

/** "--baseline is for clarity check, not clarity audit" when the unknown option is another command's. */
function notTaken(error: unknown, command: Accepts, all: readonly Accepts[]): string | undefined {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return undefined;
  const flag = /Unknown option '(-[^']+)'/.exec((error as Error).message)?.[1];
  const name = (Object.keys(OPTIONS) as OptionName[]).find((n) => flag === `--${n}` || (spec(n).short && flag === `-${spec(n).short}`));
  const takers = all.filter((c) => name && c.options.includes(name)).map((c) => `clarity ${c.name}`);
  if (!name || takers.length === 0) return undefined;
  const elsewhere = spec(name).elsewhere;
  return `--${name} is for ${takers.join(', ')}, not clarity ${command.name}${elsewhere ? ` (${elsewhere})` : ''}`;
}
