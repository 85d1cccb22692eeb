import type { Engine } from '../engine/audit.ts';
import { readAsset } from '../engine/parse/asset.ts';
import { decodeText, startsWith, UTF8_BOM } from '../engine/parse/decode.ts';
import { formatFromExtension } from '../engine/parse/detect.ts';
import { fail, ok, type Result, type Score, type UnitReport } from '../engine/types.ts';
import { unitLabel } from '../report/build.ts';
import { Locator } from '../ci/locate.ts';
import { writeBack } from './containers.ts';
import { planFixes } from './plan.ts';

export interface FixOptions {
  engine: Engine;
  /** Only these rules' suggestions (default: every rule's safe ones). */
  rules?: ReadonlySet<string>;
  /** Checked between passes: a fix stops there, with nothing written. */
  signal?: AbortSignal;
}

/** One applied suggestion, where the file stood when it was made. */
export interface FixChange {
  /** `path:line`, or `path#macro:<n> (title):line` for a macro, the line being the file's. */
  where: string;
  ruleId: string;
  before: string;
  after: string;
}

/** A unit's scores per persona before and after the fix. */
export interface ScoreChange {
  unit: string;
  before: Score[];
  after: Score[];
}

export interface FileFix {
  before: string;
  after: string;
  /** What to write: `after`, with the byte-order mark the file had, to be written as UTF-8. */
  contents: string;
  changes: FixChange[];
  scores: ScoreChange[];
  /** Safe suggestions still there after the last pass: a fix that keeps revealing new ones stops after MAX_PASSES. */
  left: number;
}

/**
 * Passes of audit → plan → write back. One pass may reveal a new safe suggestion (a cut phrase leaves another at
 * the start of a sentence, or an overlapping one was held back), so it goes on until an audit finds none.
 */
export const MAX_PASSES = 4;


/**
 * Applies the safe suggestions to one file's bytes and returns the fixed text, what changed and the scores before and
 * after; pure, so `clarity fix`, `--dry-run` and `check --fix` share it. `path` names the file in messages and
 * decides its format, as in an audit. A file the fix cannot write back as it read it is an error value saying why.
 */
export async function fixAsset(path: string, bytes: Uint8Array, options: FixOptions): Promise<Result<FileFix>> {
  const format = formatFromExtension(path);
  if (format === 'docx') {
    return fail('not-fixable', 'a .docx is read through its text only, and writing it back would lose its formatting; apply the suggestions in Word (clarity audit lists them)');
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const bom = startsWith(bytes, UTF8_BOM) ? '\uFEFF' : '';
  const encode = (text: string): Buffer => Buffer.from(bom + text, 'utf8');
  // UTF-16 (or anything else that does not come back byte for byte from its text) would be rewritten whole.
  if (!encode(decoded.value).equals(bytes)) {
    return fail('not-fixable', 'the file is not UTF-8 (UTF-16, say), and clarity fix writes UTF-8 only; save it as UTF-8 to fix it');
  }
  const { engine, rules, signal } = options;
  let text = decoded.value;
  let first: UnitReport[] | undefined;
  const changes: FixChange[] = [];
  for (let pass = 0; ; pass++) {
    signal?.throwIfAborted();
    const read = await readAsset({ path, bytes: encode(text) }, { maxBytes: Number.MAX_SAFE_INTEGER });
    if (read.units.length === 0) {
      const skip = read.skipped[0];
      return fail(skip?.code ?? 'no-prose', skip?.reason ?? 'the file holds no prose to fix');
    }
    const reports = read.units.map((u) => engine.auditUnit(u));
    first ??= reports;
    const plans = read.units.map((unit, i) => ({ unit, report: reports[i] as UnitReport, fixes: planFixes(unit, (reports[i] as UnitReport).findings, rules) }));
    const planned = plans.reduce((n, p) => n + p.fixes.length, 0);
    if (planned === 0 || pass === MAX_PASSES) {
      return ok({ before: decoded.value, after: text, contents: bom + text, changes, scores: scoreChanges(first, reports), left: planned });
    }
    const written = writeBack(text, read.units[0]?.format ?? 'text', plans.map(({ unit, fixes }) => ({ unit, edits: fixes.map((f) => f.edit) })));
    if (!written.ok) return written;
    // A macro's line is the export's, through its body map: a CSV field before the reply may hold line breaks too.
    const locator = new Locator();
    for (const { report, fixes } of plans) {
      for (const { finding: f } of fixes) changes.push({ where: `${unitLabel(report)}:${locator.region(report, f).startLine}`, ruleId: f.ruleId, before: f.text, after: f.suggestion ?? '' });
    }
    text = written.value;
  }
}

function scoreChanges(before: readonly UnitReport[], after: readonly UnitReport[]): ScoreChange[] {
  const now = new Map(after.map((r) => [r.unitId, r]));
  return before.map((r) => ({ unit: unitLabel(r), before: r.scores, after: now.get(r.unitId)?.scores ?? r.scores }));
}
