/**
 * Bundles the CLI, its worker and the benchmark with esbuild into dist/ (npm run build,
 * run by `prepare` on install), so `clarity` and its worker threads start as plain JavaScript.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli(outdir = `${root}dist`): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: ['bin/clarity.ts', 'lib/cli/audit-worker.ts', 'bench/bench.ts'],
    entryNames: '[name]',
    // Code split so `clarity dev`'s emulators load only when that command runs.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // jsonc-parser's "main" is a UMD build with dynamic requires; its ESM build bundles cleanly.
    mainFields: ['module', 'main'],
    // Bundled CommonJS dependencies (mammoth, csv-parse) still call require().
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    // Emulators for `clarity dev` load native code (dynalite's LevelDB) and data files: run them from node_modules.
    external: ['dynalite', 's3rver'],
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
