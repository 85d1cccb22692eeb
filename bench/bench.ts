/**
 * `npm run bench`: clarity's throughput on the shared corpus. Prints, per
 * corpus, parse-only and full-audit speed on one core, the full audit on all
 * cores (the CLI's worker pool), and peak memory. `-- --json` ends with one
 * JSON line of the figures. Not a test: numbers vary by machine. Runs as the
 * esbuild bundle (dist/bench.js), so workers start as plain JavaScript.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createEngine } from '../lib/engine/audit.ts';
import { readAsset, DEFAULT_MAX_BYTES } from '../lib/engine/parse/asset.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { auditFiles } from '../lib/cli/audit-files.ts';
import { corpusRoot, loadCorpora, type Corpus } from './corpus.ts';
import { measureAuditLambda, timeUploads } from './pipeline.ts';

const MiB = 1024 * 1024;
const json = process.argv.includes('--json');

interface Rate {
  seconds: number;
  mibPerSecond: number;
  filesPerSecond: number;
}

function rate(c: Corpus, seconds: number): Rate {
  return { seconds: round(seconds, 2), mibPerSecond: round(c.bytes / MiB / seconds, 2), filesPerSecond: round(c.files.length / seconds, 1) };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}


const root = corpusRoot();
const corpora = loadCorpora(root);
if (corpora.length === 0) {
  console.log(`bench: no corpus at ${root} (set CLARITY_CORPUS); nothing to measure.`);
  process.exit(0);
}

const engine = createEngine({ personas: BUILTIN_PERSONAS });
const results: Record<string, { files: number; mib: number; parseOnly: Rate; auditOneCore: Rate; auditAllCores: Rate; units: number; findings: number; skipped: number }> = {};

for (const c of corpora) {
  // Warm-up: load dictionaries and JIT the hot paths before timing.
  for (const f of c.files.slice(0, 20)) await engine.auditAsset({ path: f, bytes: await readFile(f) });

  const parseOnly = await timed(async () => {
    for (const f of c.files) await readAsset({ path: f, bytes: await readFile(f) }, { maxBytes: DEFAULT_MAX_BYTES });
  });
  let units = 0;
  let findings = 0;
  let skipped = 0;
  const oneCore = await timed(async () => {
    for (const f of c.files) {
      const r = await engine.auditAsset({ path: f, bytes: await readFile(f) });
      units += r.units.length;
      skipped += r.skipped.length;
      findings += r.units.reduce((n, u) => n + u.findings.length, 0);
    }
  });
  const allCores = await timed(async () => {
    const { workerError, threads } = await auditFiles(c.files, { personas: [...BUILTIN_PERSONAS], maxBytes: DEFAULT_MAX_BYTES, ...(import.meta.url.endsWith('.js') ? { workerUrl: new URL('./audit-worker.js', import.meta.url) } : {}) });
    if (workerError || threads < 2) throw new Error(`worker pool did not run on all cores: ${workerError ?? `${threads} thread(s)`}`);
  });
  results[c.name] = {
    files: c.files.length,
    mib: round(c.bytes / MiB, 2),
    parseOnly: rate(c, parseOnly),
    auditOneCore: rate(c, oneCore),
    auditAllCores: rate(c, allCores),
    units,
    findings,
    skipped,
  };
}
// maxRSS covers the whole process, worker threads included.
const peakRss = process.resourceUsage().maxRSS * 1024;

// The serverless pipeline, on this machine: 500 uploads through the local pipeline, and the audit Lambda's cold start.
const projectRoot = process.cwd();
const realFiles = corpora.find((c) => c.name === 'real')?.files ?? corpora[0]!.files;
const pipeline = await timeUploads(Array.from({ length: 500 }, (_, i) => realFiles[i % realFiles.length]!), 500);
const lambda = await measureAuditLambda(projectRoot);

console.log(`clarity bench — ${availableParallelism()} cores, Node ${process.version}, corpus ${root}`);
console.log('corpus    files     MiB | parse-only MiB/s | audit 1 core MiB/s files/s | audit all cores MiB/s files/s | units findings skipped');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(8)} ${String(r.files).padStart(6)} ${r.mib.toFixed(2).padStart(7)} | ${r.parseOnly.mibPerSecond.toFixed(2).padStart(16)} | ${r.auditOneCore.mibPerSecond.toFixed(2).padStart(18)} ${r.auditOneCore.filesPerSecond.toFixed(1).padStart(7)} | ${r.auditAllCores.mibPerSecond.toFixed(2).padStart(21)} ${r.auditAllCores.filesPerSecond.toFixed(1).padStart(7)} | ${r.units} ${r.findings} ${r.skipped}`,
  );
}
console.log(`peak RSS (whole process, workers included): ${round(peakRss / MiB, 0)} MiB`);
console.log(`local pipeline: ${pipeline.uploads} uploads fully audited in ${pipeline.seconds} s (${pipeline.auditsPerSecond} audits/s, ${pipeline.deadLetters} dead-lettered)`);
console.log(`audit Lambda: bundle ${round(lambda.bundleBytes / MiB, 2)} MiB, module init ${lambda.initMs} ms, first invocation ${lambda.firstInvocationMs} ms (fresh Node process, emulators)`);
if (json) {
  console.log(
    JSON.stringify({
      clarity: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { mibPerSecond: r.auditAllCores.mibPerSecond, filesPerSecond: r.auditAllCores.filesPerSecond, oneCoreMibPerSecond: r.auditOneCore.mibPerSecond }])),
      parseOnly: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { mibPerSecond: r.parseOnly.mibPerSecond }])),
      peakRssMiB: round(peakRss / MiB, 0),
      pipeline,
      lambda: { bundleMiB: round(lambda.bundleBytes / MiB, 2), initMs: lambda.initMs, firstInvocationMs: lambda.firstInvocationMs },
    }),
  );
}

function round(n: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(n * p) / p;
}
