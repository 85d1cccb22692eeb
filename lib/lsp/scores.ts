import type { Persona, UnitReport } from '../engine/types.ts';
import type { DocumentLint } from './lint.ts';

/** The notification a client can show the open document's persona scores from, after each lint. */
export const SCORES_NOTIFICATION = 'clarity/scores';

export interface PersonaScore {
  personaId: string;
  name: string;
  overall: number;
}

export interface ScoresParams {
  uri: string;
  version: number;
  /** Per persona: the unit's overall score, or for a macro export the mean over its macros. Empty when nothing was audited. */
  scores: PersonaScore[];
  /** A macro export's scores macro by macro. */
  units?: { unitId: string; title: string; scores: PersonaScore[] }[];
  /** Why nothing was audited (empty, no prose, not a macro export…). */
  skipped?: string;
}

export function scoresOf(lint: DocumentLint, personas: readonly Persona[]): ScoresParams {
  const { reports } = lint;
  const mean = (id: string): number => Math.round((reports.reduce((n, r) => n + overall(r, id), 0) / reports.length) * 10) / 10;
  const scores = reports.length === 0 ? [] : personas.map((p) => ({ personaId: p.id, name: p.name, overall: mean(p.id) }));
  const skipped = lint.skipped[0];
  return {
    uri: lint.uri,
    version: lint.version,
    scores,
    ...(reports.length > 1 || reports[0]?.unitId ? { units: reports.map((r) => ({ unitId: r.unitId, title: r.title, scores: personas.map((p) => ({ personaId: p.id, name: p.name, overall: overall(r, p.id) })) })) } : {}),
    ...(reports.length === 0 && skipped ? { skipped: `${skipped.reason} (${skipped.code})` } : {}),
  };
}

function overall(report: UnitReport, personaId: string): number {
  return report.scores.find((s) => s.personaId === personaId)?.overall ?? 0;
}
