import { main } from '../lib/cli/main.ts';
import { tuneCompilerForBatches } from '../lib/cli/compiler-tuning.ts';
import { debugFromEnv, EXIT, internalErrorText, Interrupted } from '../lib/cli/errors.ts';

tuneCompilerForBatches();
// The AWS SDK warns on every `clarity upload` that its releases after January 2027 need Node 22. clarity pins its
// SDK versions and supports Node 20, so the warning says nothing the user can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const debug = debugFromEnv(process.env);
// A crash outside main's own handling (an error thrown from an event handler): one line and exit 3, not a stack dump.
const crash = (error: unknown): void => {
  process.stderr.write(internalErrorText(error, debug));
  process.exit(EXIT.internal);
};
process.on('uncaughtException', crash);
// `clarity audit … | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : crash(error)));
process.on('unhandledRejection', crash);

// Ctrl-C or a termination signal: clarity dev shuts down (stop); audit and check stop between files, terminate
// their worker threads and exit 130 (SIGINT) or 143 (SIGTERM) without writing a report, and fix stops between
// files, leaving the one it was fixing as it was (interrupt). A second
// signal ends the process at once.
// The other commands (upload, personas push, rules) end at once, as without a handler.
const graceful = process.argv.slice(2).some((arg) => arg === 'dev' || arg === 'audit' || arg === 'check' || arg === 'fix');
const interrupt = new AbortController();
let resolveStop: () => void = () => undefined;
const stop = new Promise<void>((resolve) => (resolveStop = resolve));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    const stopping = new Interrupted(signal);
    if (!graceful || interrupt.signal.aborted) process.exit(stopping.exitCode);
    interrupt.abort(stopping);
    resolveStop();
  });
}

process.exitCode = await main(
  process.argv.slice(2),
  {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    debug,
    signal: interrupt.signal,
    // Bundled (dist/clarity.js), the parse worker is dist/parse-worker.js beside it.
    ...(import.meta.url.endsWith('.js') ? { workerUrl: new URL('./parse-worker.js', import.meta.url) } : {}),
  },
  stop,
);
