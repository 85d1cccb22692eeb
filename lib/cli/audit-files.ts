import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { auditFile, type FileAudit, type WorkerSetup } from './audit-file.ts';
import { createEngine } from '../engine/audit.ts';

// From TypeScript sources the worker needs tsx's loader registered in its own thread. A bundle names
// its own worker file (`workerUrl`), since this module may sit in a shared chunk.
const SOURCE_WORKER_URL = new URL('./audit-worker-entry.js', import.meta.url);

/** Below this many files a worker's start-up costs more than it saves. */
const PARALLEL_FROM = 8;

export interface AuditFilesOptions extends WorkerSetup {
  jobs?: number;
  /** The worker script; defaults to the TypeScript source's entry. */
  workerUrl?: URL;
  onProgress?: (done: number, total: number, path: string) => void;
}

export interface AuditFilesResult {
  /** One audit per input path, in input order. */
  audits: FileAudit[];
  /** Worker threads that audited at least one file (0 when run in-process). */
  threads: number;
  /** Why the worker pool failed, when it did; its unfinished files were audited in-process. */
  workerError?: string;
}

/** Audits files on all cores (worker threads), in-process for small runs. */
export async function auditFiles(paths: string[], options: AuditFilesOptions): Promise<AuditFilesResult> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), paths.length));
  const setup: WorkerSetup = { personas: options.personas, maxBytes: options.maxBytes, ...(options.terms ? { terms: options.terms } : {}), ...(options.includeSource ? { includeSource: true } : {}) };
  const audits: FileAudit[] = new Array(paths.length);
  let done = 0;
  const report = (i: number, r: FileAudit): void => {
    audits[i] = r;
    options.onProgress?.(++done, paths.length, paths[i] ?? '');
  };
  const inProcess = async (): Promise<void> => {
    const engine = createEngine(setup);
    for (const [i, path] of paths.entries()) if (!audits[i]) report(i, await auditFile(engine, path, setup.maxBytes));
  };

  if (jobs === 1 || paths.length < PARALLEL_FROM) {
    await inProcess();
    return { audits, threads: 0 };
  }

  let next = 0;
  const busy = new Set<Worker>();
  // A larger young generation: the engine allocates many short-lived objects, and fewer scavenges
  // leave more of the machine's cores to the audit itself (measured: 6.99 s → 6.23 s on the real corpus).
  const workers = Array.from({ length: jobs }, () => new Worker(options.workerUrl ?? SOURCE_WORKER_URL, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 96 } }));
  let workerError: string | undefined;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolveWorker, reject) => {
            const feed = (): void => {
              if (next >= paths.length) return resolveWorker();
              const i = next++;
              worker.once('message', (r: FileAudit) => {
                busy.add(worker);
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
  } catch (error) {
    // A worker that dies (out of memory, a crash in a dependency) must not lose the batch:
    // whatever it left undone is audited here, in-process, and the caller is told why.
    workerError = error instanceof Error ? error.message : String(error);
    await inProcess();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { audits, threads: busy.size, ...(workerError ? { workerError } : {}) };
}
