import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine/audit.ts';
import { auditFile, type WorkerSetup } from './audit-file.ts';

// One engine per worker thread; the parent sends paths and gets audits back.
const setup = workerData as WorkerSetup;
const engine = createEngine(setup);
parentPort?.on('message', (path: string) => {
  void auditFile(engine, path, setup.maxBytes).then((result) => parentPort?.postMessage(result));
});
