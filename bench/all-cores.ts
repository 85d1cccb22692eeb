/**
 * The all-cores audit as a user's `clarity audit` runs it: a fresh Node process (so every thread starts
 * cold, as in CI), the CLI's compiler settings and its streaming audit (`forEachAudit`) on one corpus,
 * optionally repeated to show memory stays flat as the batch grows. Run by the benchmark as a child
 * process (`dist/all-cores.js <corpus root> <corpus> <repeat>`); prints one JSON line.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { availableParallelism } from 'node:os';
import { forEachAudit } from '../lib/cli/audit-files.ts';
import { tuneCompilerForBatches } from '../lib/cli/compiler-tuning.ts';
import { DEFAULT_MAX_BYTES } from '../lib/engine/parse/asset.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { loadCorpora } from './corpus.ts';
import { runNode } from './run-node.ts';

export interface AllCoresFigures {
  /** Files audited: the corpus times `repeat`. */
  files: number;
  bytes: number;
  seconds: number;
  /** Threads used, this one included. */
  threads: number;
  units: number;
  /** The process's peak resident memory (all threads), MiB. */
  peakRssMiB: number;
}

/**
 * Runs the child (`script`: dist/all-cores.js, named by the bundle's entry since this module may sit in a
 * shared chunk) and returns its figures.
 */
export async function measureAllCores(script: URL, root: string, corpus: string, repeat = 1): Promise<AllCoresFigures> {
  const run = await runNode(fileURLToPath(script), [root, corpus, String(repeat)]);
  const last = run.stdout.trim().split('\n').pop() ?? '';
  if (run.code !== 0) throw new Error(`all-cores run on ${corpus} failed (exit ${run.code}): ${run.stderr || last}`);
  return JSON.parse(last) as AllCoresFigures;
}

async function child(workerUrl: URL, root: string, name: string, repeat: number): Promise<AllCoresFigures> {
  tuneCompilerForBatches();
  const corpus = loadCorpora(root).find((c) => c.name === name);
  if (!corpus) throw new Error(`no corpus ${name} under ${root}`);
  const files = Array.from({ length: repeat }, () => corpus.files).flat();
  let units = 0;
  const start = performance.now();
  const run = await forEachAudit(files, { personas: [...BUILTIN_PERSONAS], maxBytes: DEFAULT_MAX_BYTES, workerUrl }, (_, audit) => {
    units += audit.units.length; // and the audit is dropped: nothing accumulates
  });
  const seconds = (performance.now() - start) / 1000;
  if (run.workerError || (availableParallelism() > 1 && run.threads < 1)) throw new Error(`parse workers did not run: ${run.workerError ?? 'none started'}`);
  return { files: files.length, bytes: corpus.bytes * repeat, seconds, threads: run.threads + 1, units, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

const entry = process.argv[1] ?? '';
if (entry.endsWith('all-cores.js') || entry === fileURLToPath(import.meta.url)) {
  const [root = '', name = '', repeat = '1'] = process.argv.slice(2);
  // The parse worker's bundle sits beside this entry's.
  console.log(JSON.stringify(await child(new URL('./parse-worker.js', pathToFileURL(entry)), root, name, Number(repeat))));
}
