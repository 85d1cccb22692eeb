import { main } from '../lib/cli/main.ts';
import { tuneCompilerForBatches } from '../lib/cli/compiler-tuning.ts';

tuneCompilerForBatches();

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
    // Bundled (dist/clarity.js), the parse worker is dist/parse-worker.js beside it.
    ...(import.meta.url.endsWith('.js') ? { workerUrl: new URL('./parse-worker.js', import.meta.url) } : {}),
  },
  stop,
);
