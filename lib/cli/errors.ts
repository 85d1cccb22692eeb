import { VERSION } from '../version.ts';

/** Exit codes: the README's table. */
export const EXIT = {
  ok: 0,
  /** `check`: an asset is under its bar, or a file could not be audited. */
  belowThreshold: 1,
  /** Usage or configuration error, or a mistake the message says how to fix. */
  usage: 2,
  /** A bug in clarity. */
  internal: 3,
  /** Stopped by Ctrl-C (128 + SIGINT's 2), as shells report it. */
  sigint: 130,
  /** Stopped by SIGTERM (128 + 15). */
  sigterm: 143,
} as const;

/** A mistake the user can fix, with the sentence that says how; printed as is, no stack, exit 2 unless told. */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

/**
 * A mistake in how the command was called, or in its config: a CliError (exit 2) printed with a pointer to --help
 * under it. Its only difference from CliError is that pointer.
 */
export class UsageError extends CliError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** What a usage error ends with instead of the full usage. */
export const HELP_POINTER = "Run 'clarity --help' for the commands and options.";

/** The run was stopped by a signal: no report is written, and the exit code is 128 + the signal's number. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signal}`);
  }
  get exitCode(): number {
    return this.signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
  }
}

/** What clarity prints for a crash: the error on one line and how to report it; the stack only when debugging. */
export function internalErrorText(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const lines = [
    `clarity: internal error: ${message.split('\n')[0]}`,
    `This is a bug in clarity ${VERSION}. Please report it with the command you ran${debug ? ' and the stack trace below' : '; CLARITY_DEBUG=1 prints the stack trace'}.`,
  ];
  if (debug && error instanceof Error && error.stack) lines.push(error.stack);
  return lines.join('\n') + '\n';
}

/** CLARITY_DEBUG set to anything but "" or "0". */
export function debugFromEnv(env: NodeJS.ProcessEnv): boolean {
  const value = env.CLARITY_DEBUG;
  return value !== undefined && value !== '' && value !== '0';
}

/** The commands that talk to S3 or DynamoDB, and what their --endpoint points at. */
const REMOTE = {
  upload: { api: 'S3', address: 'http://127.0.0.1:4569' },
  'personas push': { api: 'DynamoDB', address: 'http://127.0.0.1:4567' },
} as const;

/**
 * The usual mistakes of `clarity upload` and `clarity personas push`, as one sentence that says what to do, instead
 * of the AWS SDK's stack trace: nothing listening at --endpoint (clarity dev not running), no --endpoint and no
 * AWS region, no credentials, an unknown host, or a request AWS turned down. undefined for anything else.
 */
export function remoteFailure(argv: readonly string[], error: unknown): CliError | undefined {
  const command = argv[0] === 'personas' && argv[1] === 'push' ? 'personas push' : argv[0] === 'upload' ? 'upload' : undefined;
  if (!command || !(error instanceof Error)) return undefined;
  const endpoint = optionValue(argv, '--endpoint');
  const code = errnoCode(error);
  const { api, address } = REMOTE[command];
  if (code === 'ECONNREFUSED') {
    return new CliError(`${command}: nothing is listening at ${endpoint ?? 'the endpoint'}: start 'clarity dev' first, or pass --endpoint with the ${api} address it prints (${address} by default).`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CliError(`${command}: the host in --endpoint ${endpoint ?? ''} is unknown: for clarity dev, pass the ${api} address it prints (${address} by default).`);
  if (/^Region is missing/.test(error.message)) {
    return new CliError(`${command}: no --endpoint and no AWS region: for clarity dev, start it and pass --endpoint ${address} (the ${api} address it prints); for the deployed stack, set AWS_REGION or AWS_PROFILE.`);
  }
  if (error.name === 'CredentialsProviderError' || /Could not load credentials/.test(error.message)) {
    return new CliError(`${command}: no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (clarity dev needs none with --endpoint on 127.0.0.1).`);
  }
  if ('$metadata' in error) {
    return new CliError(`${command}: ${api} turned the request down: ${error.name}: ${error.message.split('\n')[0]}`);
  }
  return undefined;
}

function optionValue(argv: readonly string[], name: string): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/** The errno code of a network error, also when Node wraps several attempts (IPv6 and IPv4) in an AggregateError. */
function errnoCode(error: Error): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    queue.push((e as { cause?: unknown }).cause, ...((e as { errors?: unknown[] }).errors ?? []));
  }
  return undefined;
}
