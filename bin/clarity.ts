import { main } from '../lib/cli/main.ts';

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
});
