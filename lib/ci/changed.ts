import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fail, ok, type Result } from '../engine/types.ts';

export interface ChangedFiles {
  /** The ref the diff was taken against, as given or as chosen. */
  ref: string;
  /** The commit the working tree was compared with: the merge base of `ref` and HEAD, when there is one. */
  base: string;
  /** Absolute real paths of changed (not deleted) and untracked files. */
  files: Set<string>;
  /** Said when the merge base could not be found (a shallow clone) and the diff is against `ref` itself. */
  note?: string;
}

/**
 * The refs `--changed` tries, in order, when none is given: the pull request's base branch on GitHub Actions
 * (`origin/$GITHUB_BASE_REF`), the remote's default branch (`origin/HEAD`), `origin/main`, `origin/master`, then
 * the previous commit (`HEAD~1`).
 */
export function defaultRefs(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...(env.GITHUB_BASE_REF ? [`origin/${env.GITHUB_BASE_REF}`] : []), 'origin/HEAD', 'origin/main', 'origin/master', 'HEAD~1'];
}

/**
 * Files changed since `ref` (or the first of defaultRefs that exists): `git diff --name-only <merge base>` (committed
 * and uncommitted changes, deletions left out) plus `git ls-files --others --exclude-standard` (untracked files
 * that are not ignored).
 */
export function changedFiles(cwd: string, ref: string | undefined, env: NodeJS.ProcessEnv = process.env): Result<ChangedFiles> {
  const git = (args: string[], at = cwd): string => execFileSync('git', args, { cwd: at, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel']).trim();
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return fail('no-git', '--changed needs git, and git is not installed (or not on PATH)');
    const said = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
    return fail('not-a-repo', `--changed needs a git repository, and ${cwd} is not inside one${said ? ` (git: ${said})` : ''}; run without --changed to audit every file`);
  }
  const exists = (r: string): boolean => {
    try {
      git(['rev-parse', '--verify', '--quiet', `${r}^{commit}`]);
      return true;
    } catch {
      return false;
    }
  };
  const chosen = ref ?? defaultRefs(env).find(exists);
  if (chosen === undefined) return fail('no-ref', `--changed found nothing to compare with (tried ${defaultRefs(env).join(', ')}); name a ref: --changed=<ref>`);
  if (ref !== undefined && !exists(ref)) return fail('unknown-ref', `--changed=${ref}: no such commit, branch or tag in this repository (in CI, fetch it: actions/checkout with fetch-depth: 0)`);
  let base = chosen;
  let note: string | undefined;
  try {
    base = git(['merge-base', chosen, 'HEAD']).trim();
  } catch {
    note = `no merge base between ${chosen} and HEAD (a shallow clone?), so files changed on ${chosen} since are audited too; fetch the history (actions/checkout with fetch-depth: 0) to avoid that`;
  }
  try {
    const diff = git(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', base, '--'], top);
    const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], top);
    const files = new Set<string>();
    for (const name of [...diff.split('\0'), ...untracked.split('\0')]) {
      if (!name) continue;
      const abs = resolve(top, name);
      try {
        files.add(realpathSync(abs));
      } catch {
        // Gone from the working tree since (deleted but not staged): nothing to audit.
      }
    }
    return ok({ ref: chosen, base, files, ...(note ? { note } : {}) });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim();
    return fail('git-failed', `--changed: git could not list the changed files: ${stderr}`);
  }
}

/** Keeps the collected files that changed; paths compared as real paths (a symlinked temp folder still matches). */
export function onlyChanged(files: string[], changed: ChangedFiles): string[] {
  return files.filter((f) => {
    try {
      return changed.files.has(realpathSync(f));
    } catch {
      return false;
    }
  });
}
