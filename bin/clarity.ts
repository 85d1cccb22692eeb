import { main } from '../lib/cli/main.ts';

// Long-running commands (clarity dev) end on Ctrl-C or a termination signal.
const stop = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

process.exitCode = await main(
  process.argv.slice(2),
  {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    // Bundled (dist/clarity.js), the worker is dist/audit-worker.js beside it.
    ...(import.meta.url.endsWith('.js') ? { workerUrl: new URL('./audit-worker.js', import.meta.url) } : {}),
  },
  stop,
);
