import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver';
import { ruleInfo } from '../engine/rules/registry.ts';
import type { Finding, Persona, UnitReport } from '../engine/types.ts';
import { escapeMarkdown } from '../report/escape.ts';
import type { Placed } from './diagnostics.ts';
import type { ScoresParams } from './scores.ts';

/**
 * The hover at a position: for each finding there, its message, the suggestion, and why it costs each persona it
 * applies to (the experience goals its category weighs on, with the points it costs where the score names it);
 * on the first line, the document's score per persona too.
 */
export function hoverAt(placed: readonly Placed[], scores: ScoresParams, personas: readonly Persona[], position: Position): Hover | null {
  const here = placed.filter((p) => contains(p.range, position));
  const sections = here.map((p) => findingSection(p.finding, p.report, personas));
  if (position.line === 0 && scores.scores.length > 0) sections.unshift(scoresSection(scores));
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, ...(here.length === 1 && here[0] ? { range: here[0].range } : {}) };
}

function scoresSection(scores: ScoresParams): string {
  const line = scores.scores.map((s) => `${escapeMarkdown(s.name)} **${s.overall}**`).join(' · ');
  return `**clarity scores** (0–100 per persona${scores.units ? `, mean of ${scores.units.length} macros` : ''}): ${line}`;
}

function findingSection(f: Finding, report: UnitReport, personas: readonly Persona[]): string {
  const info = ruleInfo(f.ruleId, f.category, f.severity);
  const lines = [`**clarity** \`${f.ruleId}\` (${f.severity}): ${escapeMarkdown(f.message)}`];
  for (const r of f.reasons ?? []) lines.push(`Also \`${r.ruleId}\`: ${escapeMarkdown(r.message)}`);
  if (f.suggestion !== undefined) {
    const what = f.suggestion === '' ? `cut “${escapeMarkdown(f.text)}”` : `“${escapeMarkdown(f.suggestion)}”`;
    lines.push(`**Suggestion:** ${what} (${f.suggestionSafe ? 'safe to apply' : 'read it before applying'})`);
  }
  const costs = personas.filter((p) => f.personas.includes(p.id)).map((p) => `- ${escapeMarkdown(p.name)}: ${goalCosts(f, p, report)}`);
  if (costs.length > 0) lines.push(`**What it costs** (experience goals this ${f.category} finding weighs on):\n${costs.join('\n')}`);
  lines.push(`*How to fix:* ${escapeMarkdown(info.help)}`);
  return lines.join('\n\n');
}

/** The persona's goals the finding's category weighs on, most weighed first, with the points it costs each where the score lists it. */
function goalCosts(f: Finding, persona: Persona, report: UnitReport): string {
  const score = report.scores.find((s) => s.personaId === persona.id);
  const goals = persona.goals.filter((g) => (g.categoryWeights[f.category] ?? 0) > 0).sort((a, b) => (b.categoryWeights[f.category] ?? 0) - (a.categoryWeights[f.category] ?? 0));
  if (goals.length === 0) return 'no goal weighs this category';
  return goals
    .map((g) => {
      const points = score?.goals.find((s) => s.goalId === g.id)?.contributors.find((c) => c.findingId === f.id)?.points;
      return `*${escapeMarkdown(g.label)}*${points !== undefined ? ` (−${Math.round(points * 10) / 10} points)` : ''}`;
    })
    .join(', ');
}

function contains(range: Range, p: Position): boolean {
  const after = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const before = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return after && before;
}
