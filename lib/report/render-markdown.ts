import type { AuditReport } from '../engine/types.ts';
import { unitLabel, worstScore } from './build.ts';

/** A Markdown summary (for a pull-request comment or a wiki page): a score table, worst first, then the top rewrites. */
export function renderMarkdown(report: AuditReport): string {
  const units = [...report.units].sort((a, b) => worstScore(a) - worstScore(b));
  const head = `| Asset | ${report.personas.map((p) => cell(p.name)).join(' | ')} | Findings |`;
  const rule = `|---|${report.personas.map(() => '---:').join('|')}|---:|`;
  const rows = units.map((u) => `| ${cell(unitLabel(u))} | ${report.personas.map((p) => u.scores.find((s) => s.personaId === p.id)?.overall ?? '–').join(' | ')} | ${u.findings.length} |`);
  const details = units.map((u) => {
    const recs = [...u.recommendations].sort((a, b) => b.gain - a.gain).slice(0, 5);
    const lines = recs.map((r) => `- line ${r.line}: “${cell(r.text)}”${r.replacement !== undefined ? ` → “${cell(r.replacement)}”` : ''} (+${r.gain} for ${r.personaId}) — ${cell(r.why)}`);
    return lines.length ? `\n<details><summary>${escape(unitLabel(u))}</summary>\n\n${lines.join('\n')}\n\n</details>` : '';
  });
  const skipped = report.skipped.map((s) => `- skipped \`${s.path}\`: ${s.reason}`);
  return ['## clarity audit', '', head, rule, ...rows, ...details, '', ...skipped].join('\n') + '\n';
}

/** Text for one Markdown table cell: HTML-escaped, pipes escaped, on one line. */
export function cell(s: string): string {
  return escape(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Text safe inside Markdown that GitHub renders as HTML. */
export function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
