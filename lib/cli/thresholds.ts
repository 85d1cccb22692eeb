import type { AuditReport, UnitReport } from '../engine/types.ts';
import type { ClarityConfig } from '../config/schema.ts';

/** The bar when neither the command line nor the config sets one. */
export const DEFAULT_MIN_SCORE = 60;

export interface ThresholdFailure {
  unit: UnitReport;
  personaId: string;
  personaName: string;
  score: number;
  threshold: number;
}

/** Every (unit, persona) whose overall score is under its bar: --min-score first, then the config's per-persona bar, then its minScore. */
export function thresholdFailures(report: AuditReport, thresholds: ClarityConfig['thresholds'], minScore: number | undefined): ThresholdFailure[] {
  const names = new Map(report.personas.map((p) => [p.id, p.name]));
  const failures: ThresholdFailure[] = [];
  for (const unit of report.units) {
    for (const s of unit.scores) {
      const threshold = minScore ?? thresholds.personas[s.personaId] ?? thresholds.minScore ?? DEFAULT_MIN_SCORE;
      if (s.overall < threshold) failures.push({ unit, personaId: s.personaId, personaName: names.get(s.personaId) ?? s.personaId, score: s.overall, threshold });
    }
  }
  return failures;
}
