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
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

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
