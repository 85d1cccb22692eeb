import { resolve } from 'node:path';
import { loadBaseline, writeBaseline, type Baseline } from '../../ci/baseline.ts';
import type { Verdict } from '../../ci/verdict.ts';
import { unitLabel } from '../../report/build.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import type { Values } from '../options.ts';
import { AUDIT_OPTIONS, auditAndReport, planAudit, planReport, selectFiles } from './audit.ts';
import type { Command } from './command.ts';
import { runFix } from './fix.ts';

/**
 * `clarity check`: the audit and its report, then exit 1 when an asset is under a persona's bar (or, with a
 * baseline, on a new finding), saying why on stderr. `--fix` applies the safe suggestions first.
 */
export const check: Command = {
  name: 'check',
  options: [...AUDIT_OPTIONS, 'baseline', 'write-baseline', 'fix'],
  usage: { call: ['clarity check <files|dirs|globs...> [options]'], about: ["audit; exit 1 when an asset is under a persona's bar"] },
  async run(input, io) {
    const plan = planAudit('check', input, io);
    const out = planReport(input.values);
    const { values } = input;
    const write = values.string('write-baseline');
    for (const flag of ['baseline', 'write-baseline'] as const) if (values.string(flag) === '') throw new UsageError(`--${flag} needs a file`);
    if (write !== undefined && values.string('changed') !== undefined) throw new UsageError('--write-baseline records every audited file: run it without --changed');
    const baseline = baselineOf(values, io);
    const selected = await selectFiles(plan, io);
    if (values.flag('fix')) await runFix({ files: selected.files, cwd: io.cwd, engine: plan.engine, maxBytes: plan.maxBytes, dryRun: false }, io, false);
    const { report, verdict } = await auditAndReport('check', plan, out, selected, io, baseline);
    if (write !== undefined) {
      const written = writeBaseline(resolve(io.cwd, write), report);
      const count = Object.values(written.units).reduce((n, u) => n + u.findings.length, 0);
      io.stderr(`clarity check: baseline written to ${write}: ${count} finding(s) and the scores of ${report.units.length} unit(s).\n`);
      // Writing a baseline accepts what is there; with --baseline too, the check against the old one still counts.
      if (!baseline) return EXIT.ok;
    }
    return checkOutcome(io, verdict);
  },
};

function baselineOf(values: Values, io: Io): Baseline | undefined {
  const file = values.string('baseline');
  if (file === undefined) return undefined;
  const b = loadBaseline(resolve(io.cwd, file), file);
  if (!b.ok) throw new UsageError(b.error.message);
  return b.value;
}

/** Prints why `check` fails (or that it passes) on stderr, and returns the exit code. */
function checkOutcome(io: Io, verdict: Verdict): number {
  for (const { unit, finding: f } of verdict.newFindings) {
    io.stderr(`NEW ${unitLabel(unit)}:${f.line}:${f.column} ${f.ruleId} “${f.text.length > 80 ? `${f.text.slice(0, 79)}…` : f.text}”: ${f.message}\n`);
  }
  for (const f of verdict.failures) {
    io.stderr(`FAIL ${unitLabel(f.unit)}: ${f.personaName} scores ${f.score}, under the bar of ${f.threshold}${f.baselineScore !== undefined ? ` and its baseline score of ${f.baselineScore}` : ''}\n`);
  }
  for (const s of verdict.unchecked) io.stderr(`FAIL ${s.path}: could not be audited: ${s.reason}\n`);
  const b = verdict.baseline;
  const suppressed = b ? ` ${b.suppressed} finding(s) suppressed by the baseline, ${b.fixed} fixed since.` : '';
  if (verdict.failed) {
    const added = b ? `${b.added.length} new finding(s), ` : '';
    io.stderr(`clarity check: ${added}${verdict.failures.length} score(s) under the bar${b ? ' and the baseline' : ''}, ${verdict.unchecked.length} file(s) not audited.${suppressed}\n`);
    return EXIT.belowThreshold;
  }
  if (b) io.stderr(`clarity check: no new findings, and no score fell under both its bar and its baseline.${suppressed}\n`);
  else io.stderr("clarity check: every asset meets every persona's bar.\n");
  return EXIT.ok;
}
