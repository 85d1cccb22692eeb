import type { AuditReport, Skipped, UnitReport } from '../engine/types.ts';
import type { ClarityConfig } from '../config/schema.ts';
import { DEFAULT_MIN_SCORE } from '../config/defaults.ts';

export { DEFAULT_MIN_SCORE };

/**
 * Skips that say nothing is wrong: a file with no prose to read, or in a format clarity does not read (an image or
 * a PDF beside the content in a folder); any other skip means content went unchecked.
 */
const BENIGN_SKIPS = new Set(['empty', 'no-prose', 'unsupported-format']);

export interface ThresholdFailure {
  unit: UnitReport;
  personaId: string;
  personaName: string;
  score: number;
  threshold: number;
}

/** A persona's bar: --min-score first, then the config's per-persona bar, then its minScore, then the default. */
export function barFor(personaId: string, thresholds: ClarityConfig['thresholds'], minScore: number | undefined): number {
  return minScore ?? thresholds.personas[personaId] ?? thresholds.minScore ?? DEFAULT_MIN_SCORE;
}

/** Every (unit, persona) whose overall score is under its bar (see barFor). */
export function thresholdFailures(report: AuditReport, thresholds: ClarityConfig['thresholds'], minScore: number | undefined): ThresholdFailure[] {
  const names = new Map(report.personas.map((p) => [p.id, p.name]));
  const failures: ThresholdFailure[] = [];
  for (const unit of report.units) {
    for (const s of unit.scores) {
      const threshold = barFor(s.personaId, thresholds, minScore);
      if (s.overall < threshold) failures.push({ unit, personaId: s.personaId, personaName: names.get(s.personaId) ?? s.personaId, score: s.overall, threshold });
    }
  }
  return failures;
}

/** Files `check` could not audit (unreadable, malformed, too large): a check must not pass over them in silence. */
export function uncheckedFiles(report: AuditReport): Skipped[] {
  return report.skipped.filter((s) => !BENIGN_SKIPS.has(s.code));
}
