import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { auditFile, type FileAudit, type WorkerSetup } from './audit-file.ts';
import { createEngine } from '../engine/audit.ts';

const WORKER_URL = new URL(`./audit-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
// Run from TypeScript sources, workers need tsx's loader, resolved from this package rather than
// the caller's directory; a bundled build needs none.
const WORKER_EXEC_ARGV = WORKER_URL.pathname.endsWith('.ts')
  ? [...process.execArgv, '--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
  : process.execArgv;

/** Below this many files a worker's start-up costs more than it saves. */
const PARALLEL_FROM = 8;

export interface AuditFilesOptions extends WorkerSetup {
  jobs?: number;
  onProgress?: (done: number, total: number, path: string) => void;
}

/** Audits files on all cores (worker threads), in-process for small runs. Results come back in input order. */
export async function auditFiles(paths: string[], options: AuditFilesOptions): Promise<FileAudit[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), paths.length));
  const setup: WorkerSetup = { personas: options.personas, maxBytes: options.maxBytes, ...(options.terms ? { terms: options.terms } : {}) };
  const results: FileAudit[] = new Array(paths.length);
  let done = 0;
  const report = (i: number, r: FileAudit): void => {
    results[i] = r;
    options.onProgress?.(++done, paths.length, paths[i] ?? '');
  };

  if (jobs === 1 || paths.length < PARALLEL_FROM) {
    const engine = createEngine(setup);
    for (const [i, path] of paths.entries()) report(i, await auditFile(engine, path, setup.maxBytes));
    return results;
  }

  let next = 0;
  const workers = Array.from({ length: jobs }, () => new Worker(WORKER_URL, { workerData: setup, execArgv: WORKER_EXEC_ARGV }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolveWorker, reject) => {
            const feed = (): void => {
              if (next >= paths.length) return resolveWorker();
              const i = next++;
              worker.once('message', (r: FileAudit) => {
                report(i, r);
                feed();
              });
              worker.postMessage(paths[i]);
            };
            worker.once('error', reject);
            feed();
          }),
      ),
    );
  } catch {
    // A worker that dies (out of memory, a crash in a dependency) must not lose the batch:
    // whatever it left undone is audited here, in-process.
    const engine = createEngine(setup);
    for (const [i, path] of paths.entries()) if (!results[i]) report(i, await auditFile(engine, path, setup.maxBytes));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
