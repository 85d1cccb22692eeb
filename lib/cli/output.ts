import { closeSync, fchmodSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors.ts';

/**
 * Writes a report file whole or not at all: into a temporary file beside it, renamed over `path` at the end, so a
 * crash, a full disk or Ctrl-C never leaves half a report where a reader (or CI) would take it for the whole one.
 * Missing folders are created. `beforeCommit` runs just before the rename and may throw to abandon the file. `mode`
 * gives the new file permissions (a file rewritten in place keeps its own).
 */
export function writeFileAtomic(path: string, chunks: Iterable<string>, beforeCommit?: () => void, mode?: number): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(temp, 'w');
    if (mode !== undefined) fchmodSync(fd, mode);
    for (const chunk of chunks) writeSync(fd, chunk);
    closeSync(fd);
    fd = undefined;
    beforeCommit?.();
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(temp);
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E')) throw new CliError(`could not write ${path}: ${reasonFor(code, (error as Error).message)}`);
    throw error;
  }
}

/** Batches small chunks into larger writes (a report of 40,000 units is 40,000 chunks), never into one huge string. */
export function* batched(chunks: Iterable<string>, size = 1 << 20): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (pending.length) yield pending.join('');
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Never created (its folder could not be made): nothing to clean up.
  }
}

function reasonFor(code: string, message: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder; give a file name';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way of the folder it goes in';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return message;
  }
}
