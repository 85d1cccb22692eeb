import type { AuditReport, Finding, Skipped, UnitReport } from '../engine/types.ts';
import type { ClarityConfig } from '../config/schema.ts';
import { barFor, thresholdFailures, uncheckedFiles, type ThresholdFailure } from '../cli/thresholds.ts';
import type { BaselineComparison } from './baseline.ts';

/** A (unit, persona) under its bar; `baselineScore` is set when a baseline is in use and knows the pair. */
export interface ScoreFailure extends ThresholdFailure {
  baselineScore?: number;
}

/** What `check` decides, and what every CI format shows. */
export interface Verdict {
  /** Every (unit, persona) under its bar. */
  belowBar: ScoreFailure[];
  /** The ones that fail the check: all of belowBar, or with a baseline only those also under their baseline score. */
  failures: ScoreFailure[];
  /** Files that could not be audited (a benign skip, such as an empty file, is not here). */
  unchecked: Skipped[];
  baseline?: BaselineComparison;
  /** Findings that fail the check: with a baseline the new ones, else none (scores decide). */
  newFindings: { unit: UnitReport; finding: Finding }[];
  failed: boolean;
  bar: (personaId: string) => number;
}

export function decide(report: AuditReport, thresholds: ClarityConfig['thresholds'], minScore: number | undefined, baseline?: BaselineComparison): Verdict {
  const belowBar: ScoreFailure[] = thresholdFailures(report, thresholds, minScore).map((f) => {
    const baselineScore = baseline?.score(f.unit, f.personaId);
    return baselineScore === undefined ? f : { ...f, baselineScore };
  });
  // With a baseline a score fails only when it is under its bar and has dropped under its baseline score;
  // a unit or persona the baseline does not know is held to the bar alone.
  const failures = baseline ? belowBar.filter((f) => f.baselineScore === undefined || f.score < f.baselineScore) : belowBar;
  const unchecked = uncheckedFiles(report);
  const newFindings = baseline?.added ?? [];
  return {
    belowBar,
    failures,
    unchecked,
    ...(baseline ? { baseline } : {}),
    newFindings,
    failed: failures.length > 0 || unchecked.length > 0 || newFindings.length > 0,
    bar: (personaId) => barFor(personaId, thresholds, minScore),
  };
}

/** The unit's findings that apply to at least one persona of the report. */
export function reportedFindings(report: AuditReport, unit: UnitReport): Finding[] {
  const selected = new Set(report.personas.map((p) => p.id));
  return unit.findings.filter((f) => f.personas.some((p) => selected.has(p)));
}

/** Points each finding costs the persona's score, from the score's goal contributors. */
export function findingCosts(unit: UnitReport, personaId: string): Map<string, number> {
  const costs = new Map<string, number>();
  for (const goal of unit.scores.find((s) => s.personaId === personaId)?.goals ?? []) {
    for (const c of goal.contributors) costs.set(c.findingId, (costs.get(c.findingId) ?? 0) + c.points);
  }
  return costs;
}

/** The findings that cost the persona most, biggest first. */
export function topFindings(unit: UnitReport, personaId: string, n: number): Finding[] {
  const costs = findingCosts(unit, personaId);
  return unit.findings
    .filter((f) => f.personas.includes(personaId))
    .sort((a, b) => (costs.get(b.id) ?? 0) - (costs.get(a.id) ?? 0) || a.offset - b.offset)
    .slice(0, n);
}

/** A finding's message with its suggestion, for formats that show one line per finding. */
export function messageWithSuggestion(f: Finding): string {
  if (f.suggestion === undefined) return f.message;
  if (f.suggestion === '') return `${f.message} Suggestion: cut “${f.text}”.`;
  return `${f.message} Suggestion: “${f.suggestion}”.`;
}
