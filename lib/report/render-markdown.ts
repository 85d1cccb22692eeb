import type { AuditReport } from '../engine/types.ts';
import { unitLabel, worstScore } from './build.ts';
import { mdText } from './markdown-text.ts';

/** A Markdown summary (for a pull-request comment or a wiki page): a score table, worst first, then the top rewrites. */
export function renderMarkdown(report: AuditReport): string {
  const names = new Map(report.personas.map((p) => [p.id, p.name]));
  const units = [...report.units].sort((a, b) => worstScore(a) - worstScore(b));
  const head = `| Asset | ${report.personas.map((p) => mdText(p.name)).join(' | ')} | Findings |`;
  const rule = `|---|${report.personas.map(() => '---:').join('|')}|---:|`;
  const rows = units.map((u) => `| ${mdText(unitLabel(u))} | ${report.personas.map((p) => u.scores.find((s) => s.personaId === p.id)?.overall ?? '–').join(' | ')} | ${u.findings.length} |`);
  const details = units.map((u) => {
    const recs = [...u.recommendations].sort((a, b) => b.gain - a.gain).slice(0, 5);
    const lines = recs.map(
      (r) =>
        `- line ${r.line}: “${mdText(r.text)}”${r.replacement !== undefined ? ` → “${mdText(r.replacement)}”` : ''} (+${r.gain} for ${mdText(names.get(r.personaId) ?? r.personaId)}) — ${mdText(r.why)}`,
    );
    return lines.length ? `\n<details><summary>${mdText(unitLabel(u))}</summary>\n\n${lines.join('\n')}\n\n</details>` : '';
  });
  const skipped = report.skipped.map((s) => `- skipped <code>${mdText(s.path)}</code>: ${mdText(s.reason)}`);
  return ['## clarity audit', '', head, rule, ...rows, ...details, '', ...skipped].join('\n') + '\n';
}
