import { realpathSync, statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import picomatch from 'picomatch';
import { extensionOf, SUPPORTED_EXTENSIONS } from '../engine/parse/detect.ts';
import { fail, ok, type Result, type Skipped } from '../engine/types.ts';
import { CONFIG_FILE } from '../config/load.ts';

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/cdk.out/**'];
const SUPPORTED = new Set(SUPPORTED_EXTENSIONS);

export interface Collected {
  /** The files to audit, sorted, each real file once. */
  files: string[];
  /** Files in a folder that clarity does not read (`unsupported-format`), so a run says it left them out. */
  leftOut: Skipped[];
}

/**
 * Command-line operands → the files to audit, sorted. A directory means every supported file under it (the rest
 * are listed in `leftOut`); a glob is expanded; a file named outright is audited whatever its extension (an
 * unsupported one is reported as skipped when read). Files reached twice, through a symbolic link or a link
 * loop, are audited once, under the first path that is not a link.
 */
export async function collectInputs(operands: string[], cwd: string, ignore: string[]): Promise<Result<Collected>> {
  const ignored = picomatch([...ALWAYS_IGNORED, ...ignore], { dot: true });
  const found = new Set<string>();
  const inFolders = new Set<string>();
  // The folder each file was found in, when a folder was named: ignore globs also match the path inside it, so
  // "**/drafts/**" leaves out ../content/drafts/a.md too, which relative to the working folder starts with "..".
  const folderOf = new Map<string, string>();
  for (const operand of operands) {
    const abs = resolve(cwd, operand);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      found.add(abs);
    } else if (stat?.isDirectory()) {
      const files = await glob('**/*', { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED });
      // A folder's clarity.config.json configures a run; it is no macro export to audit.
      for (const f of files) {
        if (basename(f) === CONFIG_FILE) continue;
        (SUPPORTED.has(extensionOf(f)) ? found : inFolders).add(f);
        if (!folderOf.has(f)) folderOf.set(f, abs);
      }
    } else if (isDynamicPattern(operand)) {
      const files = await glob(operand, { cwd, absolute: true, ignore: ALWAYS_IGNORED });
      files.forEach((f) => found.add(f));
    } else {
      return fail('not-found', `${operand}: no such file or directory`);
    }
  }
  // Ignore globs match the path a file was found under or its real path, so a link cannot bring an ignored file back.
  const isIgnored = (f: string): boolean => {
    const folder = folderOf.get(f);
    return ignored(relative(cwd, f)) || ignored(relative(cwd, real(f))) || (folder !== undefined && ignored(relative(folder, f)));
  };
  const kept = (paths: Iterable<string>): string[] => onePerRealFile([...paths]).filter((f) => !isIgnored(f));
  const files = kept(found);
  const audited = new Set(files.map(real));
  const leftOut = kept(inFolders)
    .filter((f) => !audited.has(real(f)))
    .map((path): Skipped => ({ path, code: 'unsupported-format', reason: unsupportedReason(path) }));
  if (files.length === 0) {
    const note = leftOut.length ? ` (${leftOut.length} file(s) in a format clarity does not read: ${[...new Set(leftOut.map((s) => extensionOf(s.path) || 'no extension'))].sort().join(', ')})` : '';
    return fail('no-files', `no files to audit in ${operands.join(' ')}${note}`);
  }
  return ok({ files, leftOut });
}

/** The files to audit (see collectInputs), without what was left out. */
export async function collectFiles(operands: string[], cwd: string, ignore: string[]): Promise<Result<string[]>> {
  const collected = await collectInputs(operands, cwd, ignore);
  return collected.ok ? ok(collected.value.files) : collected;
}

/** Sorted, and each real file once: under its own path when that was found, else the first path that reaches it. */
function onePerRealFile(paths: string[]): string[] {
  const byReal = new Map<string, string>();
  for (const path of paths.sort()) {
    const target = real(path);
    const seen = byReal.get(target);
    if (seen === undefined || (path === target && seen !== target)) byReal.set(target, path);
  }
  return [...byReal.values()].sort();
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // a broken link: reading it reports why
  }
}

function unsupportedReason(path: string): string {
  const ext = extensionOf(path);
  const supported = SUPPORTED_EXTENSIONS.map((e) => '.' + e).join(' ');
  return ext
    ? `.${ext} files are not audited; supported: ${supported}`
    : `a file without an extension is audited only when named on the command line; in a folder: ${supported}`;
}
