import type { AuditReport, Finding, Severity, UnitReport } from '../engine/types.ts';
import { unitLabel } from '../report/build.ts';
import { Locator } from './locate.ts';
import { messageWithSuggestion, reportedFindings, type Verdict } from './verdict.ts';

type Command = 'error' | 'warning' | 'notice';

const COMMAND: Record<Severity, Command> = { error: 'error', warning: 'warning', info: 'notice' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner turns into annotations on
 * the pull request's files: one per score that fails the check, one per file that could not be audited, then one
 * per finding (with a baseline, only the new ones), errors first since GitHub shows only the first few of each kind.
 */
export function renderGithub(report: AuditReport, verdict: Verdict, locator = new Locator()): string {
  const out: string[] = [];
  for (const f of verdict.belowBar) {
    const fails = verdict.failures.includes(f);
    const why =
      f.baselineScore === undefined
        ? `${f.personaName} scores ${f.score}, under the bar of ${f.threshold}.`
        : fails
          ? `${f.personaName} scores ${f.score}, under the bar of ${f.threshold} and under its baseline score of ${f.baselineScore}.`
          : `${f.personaName} scores ${f.score}, under the bar of ${f.threshold}, but not under its baseline score of ${f.baselineScore}.`;
    out.push(command(fails ? 'error' : 'notice', { file: f.unit.path, line: f.unit.origin?.line ?? 1, title: `clarity score: ${f.personaId}` }, `${unitLabel(f.unit)}: ${why}`));
  }
  for (const s of verdict.unchecked) {
    out.push(command('error', { file: s.path.split('#')[0] ?? s.path, title: `clarity: not audited (${s.code})` }, s.reason));
  }
  const findings: { unit: UnitReport; finding: Finding }[] = verdict.baseline
    ? verdict.newFindings
    : report.units.flatMap((unit) => reportedFindings(report, unit).map((finding) => ({ unit, finding })));
  const sorted = findings.map((x, i) => ({ ...x, i })).sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || a.i - b.i);
  for (const { unit, finding: f } of sorted) {
    const r = locator.region(unit, f);
    const sameLine = r.startLine === r.endLine && r.startColumn !== undefined && r.endColumn !== undefined;
    out.push(
      command(
        COMMAND[f.severity],
        {
          file: unit.path,
          line: r.startLine,
          // GitHub takes columns only for a span on one line; endColumn is the span's last character.
          ...(sameLine ? { col: r.startColumn, endLine: r.endLine, endColumn: Math.max(r.startColumn ?? 1, (r.endColumn ?? 1) - 1) } : { endLine: r.endLine }),
          title: `clarity ${f.ruleId}`,
        },
        `${messageWithSuggestion(f)}${unit.unitId ? ` (${unit.unitId}: ${unit.title})` : ''} [${f.personas.join(', ')}]`,
      ),
    );
  }
  if (verdict.baseline) {
    const b = verdict.baseline;
    out.push(command('notice', { title: 'clarity baseline' }, `${b.added.length} new finding(s); ${b.suppressed} finding(s) in the baseline suppressed; ${b.fixed} baseline finding(s) fixed.`));
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/** One workflow command; properties and data escaped as the runner expects. */
export function command(name: Command, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** Message text: `%`, CR and LF are percent-encoded. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: as data, plus `:` and `,`, which would end the value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
