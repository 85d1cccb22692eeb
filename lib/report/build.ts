import type { AuditReport, Persona, Recommendation, Skipped, StageDecision, StageFit, UnitReport } from '../engine/types.ts';
import { worstOf } from '../engine/scoring.ts';
import { LOW_STAGE_CONFIDENCE } from '../engine/stage/decide.ts';
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

const DECIDED_BY: Record<StageDecision['source'], string> = {
  metadata: 'declared in S3 metadata',
  'key-prefix': 'declared by its folder',
  'front-matter': 'declared in front matter',
  config: 'declared in the config',
  'channel-default': "its channel's default",
  inferred: 'inferred from the text',
};

/** How a stage was decided: "declared by its folder", "inferred from the text, low confidence 0.36". */
export function stageHow(stage: StageDecision): string {
  return stage.confidence === 1 ? DECIDED_BY[stage.source] : `${DECIDED_BY[stage.source]}, ${stage.confidence < LOW_STAGE_CONFIDENCE ? 'low ' : ''}confidence ${stage.confidence}`;
}

/** "does the job of inform", or "falls short of activate (2 findings: activate-next-step, activate-competing)". */
export function fitSummary(stage: StageDecision['stage'], fit: StageFit): string {
  return fit.pass ? `does the job of ${stage}` : `falls short of ${stage} (${fit.findings} finding${fit.findings === 1 ? '' : 's'}: ${fit.rules.join(', ')})`;
}
