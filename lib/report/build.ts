import type { AuditReport, Persona, Recommendation, Skipped, UnitReport } from '../engine/types.ts';
import { worstOf } from '../engine/scoring.ts';
import { REPORT_SCHEMA_VERSION } from './schema-version.ts';
import { VERSION } from '../version.ts';

/** Assembles the published report; units are ordered by path and unit id so output never depends on worker timing. */
export function buildReport(personas: readonly Persona[], units: UnitReport[], skipped: Skipped[]): AuditReport {
  const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'clarity', version: VERSION },
    personas: personas.map((p) => ({ id: p.id, name: p.name })),
    units: [...units].sort((a, b) => byPath(a, b) || compareUnitIds(a.unitId, b.unitId)),
    skipped: [...skipped].sort(byPath),
  };
}

function compareUnitIds(a: string, b: string): number {
  const n = (id: string): number => Number(id.split(':')[1] ?? 0);
  return n(a) - n(b) || a.localeCompare(b);
}

/** Lowest overall score of a unit across personas: "worst first" sorts on this. */
export function worstScore(unit: UnitReport): number {
  return worstOf(unit.scores.map((s) => s.overall));
}

export function unitLabel(unit: UnitReport): string {
  return unit.unitId ? `${unit.path}#${unit.unitId} (${unit.title})` : unit.path;
}

/** Line in the file for a position inside a unit: macros add their origin (JSON bodies sit on one line). */
export function fileLine(unit: UnitReport, line: number): number {
  if (!unit.origin) return line;
  return unit.format === 'macros-json' ? unit.origin.line : unit.origin.line + line - 1;
}

export interface Passage {
  /** The recommendation with the biggest gain for this passage. */
  best: Recommendation;
  /** Every persona the rewrite helps. */
  personas: string[];
}

/** A unit's rewrites, one per passage (personas merged), biggest gain first. */
export function rankedPassages(unit: UnitReport): Passage[] {
  const passages = new Map<string, Passage>();
  for (const r of unit.recommendations) {
    const key = `${r.offset}:${r.length}`;
    const seen = passages.get(key);
    if (!seen) passages.set(key, { best: r, personas: [r.personaId] });
    else {
      seen.personas.push(r.personaId);
      if (r.gain > seen.best.gain) seen.best = r;
    }
  }
  return [...passages.values()].sort((a, b) => b.best.gain - a.best.gain || a.best.offset - b.best.offset);
}
