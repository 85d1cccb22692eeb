import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import picomatch from 'picomatch';
import { SUPPORTED_EXTENSIONS } from '../engine/parse/detect.ts';
import { fail, ok, type Result } from '../engine/types.ts';

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**', '**/cdk.out/**'];

/**
 * Command-line operands → the files to audit, sorted. A directory means every
 * supported file under it; a glob is expanded; a file named outright is
 * audited whatever its extension (an unsupported one is reported as skipped).
 */
export async function collectFiles(operands: string[], cwd: string, ignore: string[]): Promise<Result<string[]>> {
  const ignored = picomatch([...ALWAYS_IGNORED, ...ignore], { dot: true });
  const found = new Set<string>();
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
      const files = await glob(`**/*.{${SUPPORTED_EXTENSIONS.join(',')}}`, { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED, caseSensitiveMatch: false });
      files.forEach((f) => found.add(f));
    } else if (isDynamicPattern(operand)) {
      const files = await glob(operand, { cwd, absolute: true, ignore: ALWAYS_IGNORED });
      files.forEach((f) => found.add(f));
    } else {
      return fail('not-found', `${operand}: no such file or directory`);
    }
  }
  const files = [...found].filter((f) => !ignored(relative(cwd, f))).sort();
  if (files.length === 0) return fail('no-files', `no files to audit in ${operands.join(' ')}`);
  return ok(files);
}
