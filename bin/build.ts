/**
 * Bundles the CLI, its parse worker and the benchmark (with its all-cores child) with esbuild into dist/ (npm run build,
 * run by `prepare` on install), so `clarity` and its worker threads start as plain JavaScript.
 */
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAIN_FIELDS, REQUIRE_BANNER } from '../lib/infra/bundling.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli(outdir = `${root}dist`): Promise<void> {
  // Chunk names carry a content hash: without a clean start, every build leaves the last one's chunks behind.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['bin/clarity.ts', 'lib/cli/parse-worker.ts', 'bench/bench.ts', 'bench/all-cores.ts', 'bench/scaling.ts'],
    entryNames: '[name]',
    // Code split so `clarity dev`'s emulators load only when that command runs.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: MAIN_FIELDS,
    banner: { js: REQUIRE_BANNER },
    // Emulators for `clarity dev` load native code (dynalite's LevelDB) and data files, and esbuild (the benchmark
    // builds the Lambda bundle) runs its own binary: all three run from node_modules.
    external: ['dynalite', 's3rver', 'esbuild', 'alex', 'write-good', 'retext-english', 'retext-readability', 'retext-simplify', 'retext-passive'],
    logLevel: 'warning',
  });
  // The `clarity` bin needs a hashbang on its first line (npm links dist/clarity.js as an executable). Only the CLI
  // gets one: the banner above goes on every output, chunks included, so it cannot carry it.
  const cli = join(outdir, 'clarity.js');
  const code = readFileSync(cli, 'utf8');
  if (!code.startsWith('#!')) writeFileSync(cli, `${CLI_HASHBANG}\n${code}`);
  chmodSync(cli, 0o755);
}

export const CLI_HASHBANG = '#!/usr/bin/env node';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
