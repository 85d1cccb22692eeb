import type { AuditReport, Finding, UnitReport } from '../engine/types.ts';
import { unitLabel, worstScore } from './build.ts';

/** A self-contained HTML report (no scripts, no external assets): scores worst first, then each unit's rewrites and findings. */
export function renderHtml(report: AuditReport): string {
  const units = [...report.units].sort((a, b) => worstScore(a) - worstScore(b));
  const personaHeads = report.personas.map((p) => `<th scope="col">${esc(p.name)}</th>`).join('');
  const rows = units
    .map((u, i) => `<tr><th scope="row"><a href="#u${i}">${esc(unitLabel(u))}</a></th>${report.personas.map((p) => scoreCell(u.scores.find((s) => s.personaId === p.id)?.overall)).join('')}<td>${u.findings.length}</td></tr>`)
    .join('\n');
  const sections = units.map((u, i) => unitSection(u, i, report)).join('\n');
  const skipped = report.skipped.length
    ? `<section aria-labelledby="skipped"><h2 id="skipped">Skipped</h2><ul>${report.skipped.map((s) => `<li><code>${esc(s.path)}</code>: ${esc(s.reason)}</li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>clarity audit report</title>
<style>${CSS}</style></head>
<body><main>
<h1>clarity audit report</h1>
<p>${report.units.length} unit(s) audited against ${report.personas.length} persona(s); worst first. Scores are 0–100 (higher is clearer).</p>
<table><caption>Overall score per persona</caption><thead><tr><th scope="col">Asset</th>${personaHeads}<th scope="col">Findings</th></tr></thead>
<tbody>${rows}</tbody></table>
${sections}
${skipped}
</main></body></html>
`;
}

function unitSection(u: UnitReport, i: number, report: AuditReport): string {
  const names = new Map(report.personas.map((p) => [p.id, p.name]));
  const scores = u.scores
    .map((s) => `<li><strong>${esc(names.get(s.personaId) ?? s.personaId)}: ${s.overall}</strong><ul>${s.goals.map((g) => `<li>${esc(g.label)} ${g.score} — ${esc(g.reason)}</li>`).join('')}</ul></li>`)
    .join('');
  const recs = [...u.recommendations]
    .sort((a, b) => b.gain - a.gain)
    .slice(0, 10)
    .map((r) => `<li><span class="gain">+${r.gain}</span> line ${r.line}: <q>${esc(r.text)}</q>${r.replacement !== undefined ? ` → <ins>${esc(r.replacement)}</ins>` : ''} <small>(${esc(names.get(r.personaId) ?? r.personaId)})</small><br>${esc(r.why)}</li>`)
    .join('');
  const m = u.metrics;
  return `<section id="u${i}" aria-labelledby="h${i}"><h2 id="h${i}">${esc(unitLabel(u))}</h2>
<p>${esc(u.channel)} · ${m.words} words · Flesch reading ease ${m.fleschReadingEase} · grade ${m.consensusGrade}${m.confident ? '' : ' (short text: low confidence)'}</p>
<ul class="scores">${scores}</ul>
${recs ? `<h3>Rewrites, biggest gain first</h3><ol>${recs}</ol>` : ''}
${u.findings.length ? `<h3>Findings</h3><table><thead><tr><th scope="col">Line</th><th scope="col">Rule</th><th scope="col">Text</th><th scope="col">Message</th></tr></thead><tbody>${u.findings.map(findingRow).join('')}</tbody></table>` : '<p>No findings.</p>'}
</section>`;
}

function findingRow(f: Finding): string {
  return `<tr class="${f.severity}"><td>${f.line}:${f.column}</td><td>${esc(f.ruleId)}</td><td><mark class="c-${f.category}">${esc(f.text)}</mark></td><td>${esc(f.message)}${f.suggestion !== undefined ? `<br>→ <ins>${esc(f.suggestion)}</ins>` : ''}</td></tr>`;
}

function scoreCell(score: number | undefined): string {
  if (score === undefined) return '<td>–</td>';
  const band = score >= 80 ? 'good' : score >= 60 ? 'fair' : 'poor';
  return `<td class="${band}">${score}</td>`;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0}main{max-width:72rem;margin:auto;padding:1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600}.good{background:#d7f5dd}.fair{background:#fff1c2}.poor{background:#ffd6d6}
mark{background:#fff1c2}ins{background:#d7f5dd;text-decoration:none}.gain{font-weight:700;color:#0b5d1e}q{font-style:italic}
a{color:#0645ad}a:focus{outline:3px solid #1a73e8}@media (max-width:40rem){table{font-size:14px}}`;
