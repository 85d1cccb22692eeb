import { readFileSync, realpathSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { createEngine, type EngineOptions } from '../../engine/audit.ts';
import { tooLarge } from '../../engine/parse/asset.ts';
import { RULES } from '../../engine/rules/registry.ts';
import type { Score } from '../../engine/types.ts';
import { fixAsset, MAX_PASSES, type FileFix } from '../../fix/fix-file.ts';
import { EXIT, Interrupted, UsageError } from '../errors.ts';
import { writeFileAtomic } from '../output.ts';
import type { Io } from '../io.ts';
import { planAudit, selectFiles } from './audit.ts';
import type { Command } from './command.ts';

/** `clarity fix`: the safe suggestions applied in place, or shown as a diff (`--dry-run`). */
export const fix: Command = {
  name: 'fix',
  options: ['persona', 'changed', 'config', 'max-bytes', 'dry-run', 'rule'],
  usage: { call: ['clarity fix <files|dirs|globs...> [--dry-run] [--rule <id>]... [options]'], about: ['apply the suggestions marked safe, in place'] },
  async run(input, io) {
    const plan = planAudit('fix', input, io);
    const rules = input.values.strings('rule');
    const badRule = rules?.map(ruleProblem).find(Boolean);
    if (badRule) throw new UsageError(badRule);
    const { files } = await selectFiles(plan, io);
    return await runFix({ files, cwd: io.cwd, engine: plan.engine, maxBytes: plan.maxBytes, ...(rules ? { rules: new Set(rules) } : {}), dryRun: input.values.flag('dry-run') }, io, true);
  },
};

export interface FixRun {
  files: readonly string[];
  cwd: string;
  engine: EngineOptions;
  maxBytes: number;
  /** Only these rules' suggestions (`--rule`); default every safe one. */
  rules?: ReadonlySet<string>;
  /** Print a unified diff on `diff` and write nothing. */
  dryRun?: boolean;
  /** What changed, the scores and what could not be fixed. */
  say: (s: string) => void;
  diff?: (s: string) => void;
  signal?: AbortSignal;
}

export interface FixTally {
  files: number;
  fixed: number;
  changes: number;
  notFixable: number;
}

const NOTHING_TO_FIX = new Set(['empty', 'no-prose']);

/** The rules whose suggestions `clarity fix` may apply: those that make suggestions safe to apply unattended. */
export const FIXABLE_RULES = Object.entries(RULES)
  .filter(([, r]) => r.suggestions === 'safe')
  .map(([id]) => id);

/** Why a `--rule` id cannot be fixed, or undefined when it can. */
function ruleProblem(id: string): string | undefined {
  if (FIXABLE_RULES.includes(id)) return undefined;
  const known = RULES[id] ? `rule "${id}" makes no suggestions safe to apply unattended` : `unknown rule "${id}"`;
  return `--rule: ${known}; clarity fix applies the suggestions of ${FIXABLE_RULES.join(', ')}`;
}

/**
 * `clarity fix` (`standalone`: what changed on stdout, or the diff there with the rest on stderr) or the first step
 * of `check --fix` (all on stderr, which leaves stdout to the report). Returns the exit code; stopped by a signal,
 * `clarity fix` says what it had fixed and exits 130 or 143, and check --fix lets check stop as it does.
 */
export async function runFix(run: Omit<FixRun, 'say' | 'diff' | 'signal'>, io: Io, standalone: boolean): Promise<number> {
  const say = standalone && !run.dryRun ? io.stdout : io.stderr;
  try {
    await fixFiles({ ...run, say, diff: io.stdout, ...(io.signal ? { signal: io.signal } : {}) });
    return EXIT.ok;
  } catch (error) {
    if (standalone && error instanceof Interrupted) return error.exitCode;
    throw error;
  }
}

/**
 * `clarity fix` and `check --fix`: each file's safe suggestions applied (see fixAsset) and written atomically in
 * place (through a symbolic link, to the file it points at, keeping its permissions), or shown as a diff.
 * Ctrl-C stops between files and before a file is renamed into place: the files already fixed stay fixed.
 */
export async function fixFiles(run: FixRun): Promise<FixTally> {
  const engine = createEngine(run.engine);
  const tally: FixTally = { files: run.files.length, fixed: 0, changes: 0, notFixable: 0 };
  try {
    for (const path of run.files) {
      // Reading and fixing a file takes no turn of the event loop, so a signal would not be seen until the end.
      await new Promise((resolve) => setImmediate(resolve));
      run.signal?.throwIfAborted();
      const shown = relative(run.cwd, path) || path;
      const { size, mode } = statSync(path);
      const result = size > run.maxBytes ? { ok: false as const, error: { code: 'too-large', message: tooLarge(shown, size, run.maxBytes).reason } } : await fixAsset(shown, readFileSync(path), { engine, ...(run.rules ? { rules: run.rules } : {}), ...(run.signal ? { signal: run.signal } : {}) });
      // A file with no prose has nothing to fix; that is not a failure to report.
      if (!result.ok && NOTHING_TO_FIX.has(result.error.code)) continue;
      if (!result.ok) {
        tally.notFixable++;
        run.say(`${shown}: not fixed: ${result.error.message} (${result.error.code})\n`);
        continue;
      }
      const fix = result.value;
      if (fix.left > 0) run.say(`${shown}: ${fix.left} safe suggestion(s) still open after ${MAX_PASSES} passes; run clarity fix again to apply them\n`);
      if (fix.changes.length === 0) continue;
      if (run.dryRun) run.diff?.(createTwoFilesPatch(`a/${shown}`, `b/${shown}`, fix.before, fix.after));
      else writeFileAtomic(realpathSync(path), [fix.contents], () => run.signal?.throwIfAborted(), mode & 0o7777);
      tally.fixed++;
      tally.changes += fix.changes.length;
      run.say(describe(fix));
    }
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    run.say(`clarity fix: stopped by ${error.signal}: ${run.dryRun ? '' : `${tally.fixed} file(s) fixed, `}the rest left as they were.\n`);
    throw error;
  }
  const verb = run.dryRun ? 'would make' : 'made';
  run.say(`clarity fix: ${verb} ${tally.changes} change(s) in ${tally.fixed} of ${tally.files} file(s)${tally.notFixable ? `; ${tally.notFixable} not fixable` : ''}${run.dryRun ? ' (dry run: nothing written)' : ''}.\n`);
  return tally;
}

/** Each change (where, old → new) and each unit's score per persona, before → after. */
function describe(fix: FileFix): string {
  const lines = fix.changes.map((c) => `${c.where}  “${c.before}” → ${c.after === '' ? '(cut)' : `“${c.after}”`}  (${c.ruleId})`);
  const touched = fix.scores.filter((s) => fix.changes.some((c) => c.where.startsWith(`${s.unit}:`)));
  for (const s of touched) lines.push(`  ${s.unit} score: ${s.before.map((b) => `${b.personaId} ${b.overall} → ${overall(s.after, b.personaId)}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function overall(scores: readonly Score[], personaId: string): number | string {
  return scores.find((s) => s.personaId === personaId)?.overall ?? '?';
}
