import { parentPort, workerData } from 'node:worker_threads';
import { readLocalFile } from './audit-file.ts';
import type { ReadResult } from '../engine/parse/asset.ts';

export interface ParseRequest {
  index: number;
  path: string;
}

export interface ParseReply {
  index: number;
  read: ReadResult;
}

/** The offset maps' memory, moved (not copied) to the auditing thread. */
function movable(read: ReadResult): ArrayBuffer[] {
  return [...new Set(read.units.flatMap((u) => u.blocks.map((b) => b.map.buffer as ArrayBuffer)))];
}

// A parse worker reads and parses the files it is sent; the thread that started it audits them.
const { maxBytes } = workerData as { maxBytes: number };
parentPort?.on('message', ({ index, path }: ParseRequest) => {
  void readLocalFile(path, maxBytes).then((read) => parentPort?.postMessage({ index, read } satisfies ParseReply, movable(read)));
});
