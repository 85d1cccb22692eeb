import { CATEGORIES, type AuditReport, type Finding, type UnitReport } from '../../engine/types.ts';
import { rankedPassages, unitLabel } from '../build.ts';
import { CATEGORY_COLOUR, esc, page, scoreBand } from './shell.ts';
import { segmentsOf } from './highlight.ts';

/** The scores of the version before this one, for the "what changed" view. */
export interface PreviousScores {
  version: string;
  auditedAt?: string;
  /** Overall score per persona id. */
  scores: Record<string, number>;
}

export interface AssetPageOptions {
  previous?: PreviousScores;
  /** Link back to the portfolio, when there is one. */
  portfolioHref?: string;
  version?: string;
  auditedAt?: string;
}

/** Plain stretches longer than this many lines are folded, so long documents stay readable around their findings. */
const FOLD_LINES = 14;
const FOLD_KEEP = 3;

/** One asset's page: scores per persona and goal, its text with every finding highlighted in place, rewrites, metrics. */
export function renderAssetPage(report: AuditReport, options: AssetPageOptions = {}): string {
  const first = report.units[0];
  const title = first ? (first.unitId ? first.path : first.title || first.path) : 'clarity report';
  const body = [
    options.portfolioHref ? `<nav aria-label="Breadcrumb"><a href="${esc(options.portfolioHref)}">← All assets</a></nav>` : '',
    `<h1>${esc(title)}</h1>`,
    `<p class="muted">${esc(first?.path ?? '')}${first ? ` · ${esc(first.channel)}` : ''}${options.version ? ` · version ${esc(options.version)}` : ''}${options.auditedAt ? ` · audited ${esc(options.auditedAt)}` : ''}</p>`,
    legend(),
    ...report.units.map((u, i) => unitSection(u, i, report, options.previous)),
    skippedList(report),
  ].join('\n');
  return page(`clarity: ${title}`, body, { css: ASSET_CSS });
}

/** What could not be audited, and why. */
export function skippedList(report: AuditReport): string {
  return report.skipped.length ? `<h2>Skipped</h2><ul>${report.skipped.map((s) => `<li><code>${esc(s.path)}</code>: ${esc(s.reason)}</li>`).join('')}</ul>` : '';
}

/** The sections of one unit, also used inside the CLI's single-file report. */
export function unitSection(u: UnitReport, index: number, report: AuditReport, previous?: PreviousScores): string {
  const names = new Map(report.personas.map((p) => [p.id, p.name]));
  const id = `u${index}`;
  return `<section id="${id}" aria-labelledby="${id}-h" class="unit">
<h2 id="${id}-h">${esc(unitLabel(u))}</h2>
${scores(u, names, previous)}
${hardest(u)}
${u.source !== undefined ? sourceView(u, id) : findingList(u, id)}
${rewrites(u, names)}
${metrics(u)}
</section>`;
}

function scores(u: UnitReport, names: Map<string, string>, previous?: PreviousScores): string {
  const rows = u.scores
    .map((s) => {
      const before = previous?.scores[s.personaId];
      const change = before === undefined ? '' : diff(before, s.overall);
      const goals = s.goals.map((g) => `<li><span class="score ${scoreBand(g.score)}">${g.score}</span> <strong>${esc(g.label)}</strong> — ${esc(g.reason)}</li>`).join('');
      return `<tr><th scope="row">${esc(names.get(s.personaId) ?? s.personaId)}</th><td class="num ${scoreBand(s.overall)}">${s.overall}</td>${previous ? `<td>${change}</td>` : ''}<td><ul class="goals">${goals}</ul></td></tr>`;
    })
    .join('');
  const previousNote = previous ? `<caption>Scores per persona and experience goal; change since version ${esc(previous.version)}${previous.auditedAt ? ` (${esc(previous.auditedAt)})` : ''}</caption>` : '<caption>Scores per persona and experience goal (0–100, higher is clearer)</caption>';
  return `<table class="scores">${previousNote}<thead><tr><th scope="col">Persona</th><th scope="col">Overall</th>${previous ? '<th scope="col">Change</th>' : ''}<th scope="col">Experience goals</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function diff(before: number, now: number): string {
  const d = Math.round((now - before) * 10) / 10;
  if (d === 0) return '<span class="muted">no change</span>';
  return d > 0 ? `<del>${before}</del> <ins>${now}</ins> <span aria-label="up ${d}">▲ ${d}</span>` : `<del>${before}</del> <ins class="worse">${now}</ins> <span aria-label="down ${-d}">▼ ${-d}</span>`;
}

/** The unit's text with each finding marked where it stands; its message shows on hover or focus and in the side list. */
function sourceView(u: UnitReport, id: string): string {
  const source = u.source ?? '';
  const order = new Map(u.findings.map((f, i) => [f, i]));
  const anchored = new Set<Finding>();
  const parts = segmentsOf(source, u.findings).map((seg) => {
    const text = source.slice(seg.start, seg.end);
    if (seg.findings.length === 0) return fold(text);
    // Colour by the most specific finding; sentence-wide ones show as the underline.
    const top = seg.findings[seg.findings.length - 1] as Finding;
    const refs = seg.findings.map((f) => `${id}-f${order.get(f)}`);
    // Where a finding starts, an anchor the side list links to.
    const anchors = seg.findings.filter((f) => !anchored.has(f)).map((f) => (anchored.add(f), `<span id="${id}-m${order.get(f)}"></span>`));
    const tip = seg.findings.map((f) => f.message + (f.suggestion !== undefined ? ` → “${f.suggestion}”` : '')).join(' · ');
    return `${anchors.join('')}<mark class="hl${seg.findings.length > 1 ? ' multi' : ''}" style="--c:${CATEGORY_COLOUR[top.category]}" tabindex="0" aria-describedby="${refs.join(' ')}" data-tip="${esc(tip)}">${esc(text)}</mark>`;
  });
  return `<h3>The text, finding by finding</h3>
<div class="split"><div class="source" role="region" aria-label="Text of ${esc(u.title)}" tabindex="0">${parts.join('')}</div>
${findingList(u, id)}</div>`;
}

function fold(text: string): string {
  const lines = text.split('\n');
  if (lines.length <= FOLD_LINES) return esc(text);
  const head = lines.slice(0, FOLD_KEEP).join('\n');
  const middle = lines.slice(FOLD_KEEP, -FOLD_KEEP).join('\n');
  const tail = lines.slice(-FOLD_KEEP).join('\n');
  return `${esc(head)}\n<details class="fold"><summary>${lines.length - 2 * FOLD_KEEP} lines without findings</summary>${esc(middle)}</details>\n${esc(tail)}`;
}

function findingList(u: UnitReport, id: string): string {
  if (u.findings.length === 0) return '<p>No findings: nothing here gets in the way.</p>';
  const items = u.findings
    .map(
      (f, i) =>
        `<li id="${id}-f${i}" data-category="${f.category}"><a href="#${id}-m${i}">${f.line}:${f.column}</a> <span class="cat" style="--c:${CATEGORY_COLOUR[f.category]}">${esc(f.category)}</span> ${esc(f.message)}${f.suggestion !== undefined ? ` <span class="sugg">→ <ins>${esc(f.suggestion)}</ins>${f.suggestionSafe === false ? ' <small>(check before applying)</small>' : ''}</span>` : ''}</li>`,
    )
    .join('');
  return `<aside class="side" aria-label="Findings"><h3>Findings (${u.findings.length})</h3><ol>${items}</ol></aside>`;
}

function rewrites(u: UnitReport, names: Map<string, string>): string {
  const top = rankedPassages(u).slice(0, 10);
  if (top.length === 0) return '';
  const items = top
    .map(
      ({ best: r, personas }) =>
        `<li><span class="gain">+${r.gain}</span> line ${r.line}: <q>${esc(r.text)}</q>${r.replacement !== undefined ? `<br>→ <ins>${esc(r.replacement)}</ins>` : ''}<br><span class="muted">${esc(r.why)} For: ${personas.map((p) => esc(names.get(p) ?? p)).join(', ')}.</span></li>`,
    )
    .join('');
  return `<h3>Rewrites, biggest gain first</h3><ol class="rewrites">${items}</ol>`;
}

function hardest(u: UnitReport): string {
  if (u.hardestSentences.length === 0) return '';
  const items = u.hardestSentences.map((h) => `<li><strong>Grade ${h.grade}</strong> (${h.words} words), line ${h.line}: <q>${esc(h.text)}</q></li>`).join('');
  return `<h3>Hardest sentences</h3><ol class="hardest">${items}</ol>`;
}

function metrics(u: UnitReport): string {
  const m = u.metrics;
  const rows: [string, number | string][] = [
    ['Words', m.words],
    ['Sentences', m.sentences],
    ['Flesch reading ease', m.fleschReadingEase],
    ['Flesch–Kincaid grade', m.fleschKincaidGrade],
    ['SMOG', m.smogIndex],
    ['Coleman–Liau', m.colemanLiauIndex],
    ['Automated readability index', m.automatedReadabilityIndex],
    ['Dale–Chall', m.daleChallScore],
    ['Gunning fog', m.gunningFog],
    ['Consensus grade', m.consensusGrade],
  ];
  const caveat = !m.confident ? ' (short text: low confidence)' : !m.smogConfident ? ' (SMOG: under 30 sentences, low confidence)' : '';
  return `<details class="metrics"><summary>Readability metrics${caveat}</summary><table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td class="num">${v}</td></tr>`).join('')}</tbody></table></details>`;
}

function legend(): string {
  return `<p class="legend" aria-label="Highlight colours">${CATEGORIES.map((c) => `<span class="cat" style="--c:${CATEGORY_COLOUR[c]}">${c}</span>`).join(' ')}</p>`;
}

export const ASSET_CSS = `.scores td,.scores th{vertical-align:top}.goals{list-style:none;margin:0;padding:0}.goals li{margin:.1rem 0}
.score{display:inline-block;min-width:2.6rem;text-align:right;padding:0 .25rem;border-radius:3px;font-variant-numeric:tabular-nums}
.split{display:grid;grid-template-columns:minmax(0,3fr) minmax(16rem,2fr);gap:1rem;align-items:start}
.source{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border:1px solid var(--line);padding:.75rem;max-height:80vh;overflow:auto}
.hl{background:var(--c);position:relative;border-radius:2px;cursor:help}.hl.multi{box-shadow:inset 0 -2px 0 #5b2c83}
.hl:hover::after,.hl:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:5;width:max-content;max-width:min(28rem,80vw);white-space:normal;background:#1a1a1a;color:#fff;padding:.35rem .55rem;border-radius:4px;font:13px/1.4 system-ui,sans-serif}
.side{max-height:80vh;overflow:auto;border:1px solid var(--line);padding:.5rem}.side ol{padding-left:1.2rem;margin:0}.side li{margin:.3rem 0;font-size:14px}
.cat{background:var(--c);padding:0 .3rem;border-radius:3px;font-size:12px;white-space:nowrap}.legend{line-height:2}
.gain{font-weight:700;color:#0b5d1e}.rewrites li{margin:.5rem 0}.fold summary{cursor:pointer;color:var(--muted);font-style:italic}
ins.worse{background:var(--poor)}
@media (max-width:48rem){.split{grid-template-columns:1fr}.source,.side{max-height:none}
.scores thead{display:none}.scores tr,.scores th,.scores td{display:block;border:0}.scores tr{border-top:1px solid var(--line);padding:.3rem 0}.scores td.num{display:inline-block;min-width:3rem}}`;
