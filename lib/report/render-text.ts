import type { AuditReport, StageDecision, StageFit, UnitReport } from '../engine/types.ts';
import { fitSummary, rankedPassages, stageHow, unitLabel, worstScore } from './build.ts';

const FINDINGS_SHOWN = 8;

/** A terminal summary: each unit with its scores, its top rewrites and findings, then what was skipped. */
export function renderText(report: AuditReport): string {
  const out: string[] = [];
  const names = new Map(report.personas.map((p) => [p.id, p.name]));
  const units = [...report.units].sort((a, b) => worstScore(a) - worstScore(b));
  for (const unit of units) {
    out.push(`${unitLabel(unit)}  [${unit.channel}, ${unit.metrics.words} words, grade ${unit.metrics.consensusGrade}${unit.metrics.confident ? '' : ' (short text: low confidence)'}]`);
    out.push(`  ${stageLine(unit.stage)}`, `  ${fitLine(unit.stage.stage, unit.stage.fit)}`);
    for (const s of unit.scores) {
      const goals = s.goals.map((g) => `${g.label} ${g.score}`).join(', ');
      out.push(`  ${pad(String(s.overall), 5)} ${names.get(s.personaId) ?? s.personaId} — ${goals}`);
    }
    out.push(...rewrites(unit));
    const shown = unit.findings.slice(0, FINDINGS_SHOWN);
    for (const f of shown) {
      out.push(`  ${f.line}:${f.column}  ${pad(f.severity, 7)} ${f.message}${f.suggestion !== undefined ? ` → ${JSON.stringify(f.suggestion)}` : ''}  (${f.ruleId})`);
    }
    if (unit.findings.length > shown.length) out.push(`  … and ${unit.findings.length - shown.length} more findings (--format json or html shows all)`);
    out.push('');
  }
  for (const s of report.skipped) out.push(`skipped ${s.path}: ${s.reason} (${s.code})`);
  out.push(`${report.units.length} unit(s) audited against ${report.personas.length} persona(s), ${report.skipped.length} skipped.`);
  return out.join('\n') + '\n';
}

/** "Stage: activate (inferred from the text, confidence 0.62) — 2 calls to action (…)". */
export function stageLine(stage: StageDecision): string {
  return `Stage: ${stage.stage} (${stageHow(stage)}) — ${stage.cues.join('; ')}`;
}

/** "Stage fit: falls short of activate (2 findings: activate-next-step, activate-competing)". */
export function fitLine(stage: StageDecision['stage'], fit: StageFit): string {
  return `Stage fit: ${fitSummary(stage, fit)}`;
}

function rewrites(unit: UnitReport): string[] {
  const top = rankedPassages(unit).slice(0, 3);
  if (top.length === 0) return [];
  return [
    '  Top rewrites:',
    ...top.map(({ best: r, personas }) => `    +${r.gain} ${r.line}:${r.column} ${JSON.stringify(clip(r.text))}${r.replacement !== undefined ? ` → ${JSON.stringify(clip(r.replacement))}` : ''} (${personas.join(', ')})`),
  ];
}

function clip(s: string): string {
  return s.length > 90 ? `${s.slice(0, 87)}...` : s;
}

function pad(s: string, n: number): string {
  return s.padEnd(n);
}
