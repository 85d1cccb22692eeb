import type { AuditReport } from '../engine/types.ts';
import { unitLabel, worstScore } from './build.ts';
import { escapeMarkdown } from './escape.ts';

/** A Markdown summary (for a pull-request comment or a wiki page): a score table, worst first, then the top rewrites. */
export function renderMarkdown(report: AuditReport): string {
  const names = new Map(report.personas.map((p) => [p.id, p.name]));
  const units = [...report.units].sort((a, b) => worstScore(a) - worstScore(b));
  const head = `| Asset | ${report.personas.map((p) => escapeMarkdown(p.name)).join(' | ')} | Findings |`;
  const rule = `|---|${report.personas.map(() => '---:').join('|')}|---:|`;
  const rows = units.map((u) => `| ${escapeMarkdown(unitLabel(u))} | ${report.personas.map((p) => u.scores.find((s) => s.personaId === p.id)?.overall ?? '–').join(' | ')} | ${u.findings.length} |`);
  const details = units.map((u) => {
    const recs = [...u.recommendations].sort((a, b) => b.gain - a.gain).slice(0, 5);
    const lines = recs.map(
      (r) =>
        `- line ${r.line}: “${escapeMarkdown(r.text)}”${r.replacement !== undefined ? ` → “${escapeMarkdown(r.replacement)}”` : ''} (+${r.gain} for ${escapeMarkdown(names.get(r.personaId) ?? r.personaId)}) — ${escapeMarkdown(r.why)}`,
    );
    return lines.length ? `\n<details><summary>${escapeMarkdown(unitLabel(u))}</summary>\n\n${lines.join('\n')}\n\n</details>` : '';
  });
  const skipped = report.skipped.map((s) => `- skipped <code>${escapeMarkdown(s.path)}</code>: ${escapeMarkdown(s.reason)}`);
  return ['## clarity audit', '', head, rule, ...rows, ...details, '', ...skipped].join('\n') + '\n';
}
