import { CATEGORIES, type AuditReport, type Finding, type ProseBlock, type UnitReport } from '../../engine/types.ts';
import { fitSummary, rankedPassages, stageHow, unitLabel } from '../build.ts';
import { CATEGORY_COLOUR, CATEGORY_CSS, page, scoreBand } from './shell.ts';
import { escapeHtml } from '../escape.ts';
import { segmentsOf } from './highlight.ts';
import { placeFindings, proseOf, type Placed } from './prose.ts';

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

/** Runs of more than this many blocks without findings are folded, keeping the first and last FOLD_KEEP. */
const FOLD_BLOCKS = 8;
const FOLD_KEEP = 2;

/** One asset's page: scores per persona and goal, its text with every finding highlighted in place, rewrites, metrics. */
export function renderAssetPage(report: AuditReport, options: AssetPageOptions = {}): string {
  const first = report.units[0];
  const title = first ? (first.unitId ? first.path : first.title || first.path) : 'clarity report';
  const body = [
    options.portfolioHref ? `<nav aria-label="Breadcrumb"><a href="${escapeHtml(options.portfolioHref)}">← All assets</a></nav>` : '',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="muted">${escapeHtml(first?.path ?? '')}${first ? ` · ${escapeHtml(first.channel)}` : ''}${options.version ? ` · version ${escapeHtml(options.version)}` : ''}${options.auditedAt ? ` · audited ${escapeHtml(options.auditedAt)}` : ''}</p>`,
    legend(),
    ...report.units.map((u, i) => unitSection(u, i, report, options.previous)),
    skippedList(report),
  ].join('\n');
  return page(`clarity: ${title}`, body, { css: ASSET_CSS, script: ASSET_SCRIPT });
}

/** What could not be audited, and why. */
export function skippedList(report: AuditReport): string {
  return report.skipped.length ? `<h2>Skipped</h2><ul>${report.skipped.map((s) => `<li><code>${escapeHtml(s.path)}</code>: ${escapeHtml(s.reason)}</li>`).join('')}</ul>` : '';
}

/** The sections of one unit, also used inside the CLI's single-file report. */
export function unitSection(u: UnitReport, index: number, report: AuditReport, previous?: PreviousScores): string {
  const names = new Map(report.personas.map((p) => [p.id, p.name]));
  const id = `u${index}`;
  return `<section id="${id}" aria-labelledby="${id}-h" class="unit">
<h2 id="${id}-h">${escapeHtml(unitLabel(u))}</h2>
${stageSection(u, id)}
${scores(u, names, previous)}
${hardest(u)}
${u.source !== undefined ? textView(u, u.source, id) : findingList(u, id)}
${rewrites(u, names)}
${metrics(u)}
</section>`;
}

/** The unit's stage, how it was decided (the cues), and its fit with the stage-fit findings, each linked to its place. */
function stageSection(u: UnitReport, id: string): string {
  const { stage } = u;
  const gaps = u.findings.flatMap((f, i) => (f.category === 'stage-fit' ? [{ f, i }] : []));
  // The findings' marks exist only where the page shows the text.
  const at = (f: Finding, i: number): string => (u.source !== undefined ? `<a href="#${id}-m${i}">${f.line}:${f.column}</a>` : `${f.line}:${f.column}`);
  const list = gaps.length ? `<ul class="gaps">${gaps.map(({ f, i }) => `<li>${at(f, i)} <code>${escapeHtml(f.ruleId)}</code> ${escapeHtml(f.message)}</li>`).join('')}</ul>` : '';
  return `<section class="stage" aria-label="Engagement stage"><p><strong>Stage: ${escapeHtml(stage.stage)}</strong> <span class="muted">(${escapeHtml(stageHow(stage))})</span></p>
<details><summary>How it was decided</summary><ul>${stage.cues.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul></details>
<p class="${stage.fit.pass ? 'fit-pass' : 'fit-fail'}">Stage fit: ${escapeHtml(fitSummary(stage.stage, stage.fit))}</p>${list}</section>`;
}

function scores(u: UnitReport, names: Map<string, string>, previous?: PreviousScores): string {
  const rows = u.scores
    .map((s) => {
      const before = previous?.scores[s.personaId];
      const change = before === undefined ? '' : diff(before, s.overall);
      const part = s.stageFit;
      const goals = [...s.goals.map((g) => ({ score: g.score, label: g.label, reason: g.reason })), { score: part.score, label: `Stage fit (${part.stage})`, reason: part.reason }]
        .map((g) => `<li><span class="score ${scoreBand(g.score)}">${g.score}</span> <strong>${escapeHtml(g.label)}</strong> — ${escapeHtml(g.reason)}</li>`)
        .join('');
      return `<tr><th scope="row">${escapeHtml(names.get(s.personaId) ?? s.personaId)}</th><td class="num ${scoreBand(s.overall)}">${s.overall}</td>${previous ? `<td>${change}</td>` : ''}<td><ul class="goals">${goals}</ul></td></tr>`;
    })
    .join('');
  const previousNote = previous ? `<caption>Scores per persona and experience goal; change since version ${escapeHtml(previous.version)}${previous.auditedAt ? ` (${escapeHtml(previous.auditedAt)})` : ''}</caption>` : '<caption>Scores per persona and experience goal (0–100, higher is clearer)</caption>';
  return `<table class="scores">${previousNote}<thead><tr><th scope="col">Persona</th><th scope="col">Overall</th>${previous ? '<th scope="col">Change</th>' : ''}<th scope="col">Experience goals</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function diff(before: number, now: number): string {
  const d = Math.round((now - before) * 10) / 10;
  if (d === 0) return '<span class="muted">no change</span>';
  return d > 0 ? `<del>${before}</del> <ins>${now}</ins> <span aria-label="up ${d}">▲ ${d}</span>` : `<del>${before}</del> <ins class="worse">${now}</ins> <span aria-label="down ${-d}">▼ ${-d}</span>`;
}

/**
 * The unit's prose as the reader sees it, each finding marked where it stands (its message shows on hover or focus,
 * and in the side list beside it); the source as written, markup and all, one click away below it.
 */
function textView(u: UnitReport, source: string, id: string): string {
  const order = new Map(u.findings.map((f, i) => [f, i]));
  const { blocks, marked } = proseOf(u, source);
  const placed = placeFindings(blocks, u.findings);
  const anchored = new Set<Finding>();
  const shown = blocks.map((b, i) => {
    const before = blocks[i - 1];
    const sameRow = b.kind === 'table-cell' && before?.kind === 'table-cell' && !source.slice(before.map[0], b.map[0]).includes('\n');
    return { kind: b.kind, html: highlighted(b.text, placed[i] ?? [], id, order, anchored), plain: (placed[i] ?? []).length === 0, sameRow };
  });
  return `<h3>The text, finding by finding</h3>
<div class="split"><div class="reader${marked ? '' : ' plain'}" role="region" aria-label="Text of ${escapeHtml(u.title)}" tabindex="0">${folded(shown)}</div>
${findingList(u, id)}</div>${marked ? rawView(source) : ''}`;
}

/** One block's text with its findings marked. Where a finding starts, its anchor, which the side list links to. */
function highlighted(text: string, placed: readonly Placed[], id: string, order: Map<Finding, number>, anchored: Set<Finding>): string {
  if (placed.length === 0) return escapeHtml(text);
  return segmentsOf(text, placed)
    .map((seg) => {
      const part = escapeHtml(text.slice(seg.start, seg.end));
      if (seg.findings.length === 0) return part;
      const findings = seg.findings.map((p) => p.finding);
      // Colour by the most specific finding; sentence-wide ones show as the underline.
      const top = findings[findings.length - 1] as Finding;
      const starting = findings.filter((f) => !anchored.has(f));
      for (const f of starting) anchored.add(f);
      const [first, ...more] = starting.map((f) => `${id}-m${order.get(f)}`);
      const refs = findings.map((f) => `${id}-f${order.get(f)}`).join(' ');
      return `${more.map((m) => `<span id="${m}"></span>`).join('')}<mark class="hl${findings.length > 1 ? ' multi' : ''}" style="--c:${CATEGORY_COLOUR[top.category]}"${first ? ` id="${first}"` : ''} tabindex="0" aria-describedby="${refs}">${part}</mark>`;
    })
    .join('');
}

interface ShownBlock {
  kind: ProseBlock['kind'];
  html: string;
  plain: boolean;
  /** A table cell on the same source line as the cell before it: the same row. */
  sameRow: boolean;
}

/** Long runs of blocks without findings are folded, so long documents stay readable around their findings. */
function folded(blocks: readonly ShownBlock[]): string {
  const out: string[] = [];
  let open: ShownBlock[] = [];
  let i = 0;
  while (i < blocks.length) {
    let run = i;
    while (run < blocks.length && blocks[run]?.plain) run++;
    if (run - i > FOLD_BLOCKS) {
      out.push(blockHtml([...open, ...blocks.slice(i, i + FOLD_KEEP)]));
      out.push(`<details class="fold"><summary>${run - i - 2 * FOLD_KEEP} paragraphs without findings</summary>${blockHtml(blocks.slice(i + FOLD_KEEP, run - FOLD_KEEP))}</details>`);
      open = blocks.slice(run - FOLD_KEEP, run);
    } else open.push(...blocks.slice(i, run));
    if (run < blocks.length) open.push(blocks[run] as ShownBlock);
    i = run + 1;
  }
  out.push(blockHtml(open));
  return out.join('');
}

const TAG: Record<ProseBlock['kind'], [string, string]> = {
  paragraph: ['<p>', '</p>'],
  heading: ['<p class="ph">', '</p>'],
  'list-item': ['<li>', '</li>'],
  'table-cell': ['<span class="cell">', '</span>'],
  quote: ['<blockquote>', '</blockquote>'],
};

/** Blocks as elements: neighbouring list items in one list, the cells of one table row in one row of cells. */
function blockHtml(blocks: readonly ShownBlock[]): string {
  let html = '';
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    if (b.kind === 'list-item' && blocks[i - 1]?.kind !== 'list-item') html += '<ul>';
    if (b.kind === 'table-cell' && (i === 0 || !b.sameRow)) html += '<div class="cells">';
    html += TAG[b.kind][0] + b.html + TAG[b.kind][1];
    if (b.kind === 'list-item' && next?.kind !== 'list-item') html += '</ul>';
    if (b.kind === 'table-cell' && !next?.sameRow) html += '</div>';
  });
  return html;
}

function rawView(source: string): string {
  const lines = source.split('\n').length;
  return `<details class="raw"><summary>The source as written (${lines} line${lines === 1 ? '' : 's'}, markup included): finding positions are line:column in it</summary><pre class="source">${escapeHtml(source)}</pre></details>`;
}

function findingList(u: UnitReport, id: string): string {
  if (u.findings.length === 0) return '<p>No findings: nothing here gets in the way.</p>';
  const items = u.findings
    .map(
      (f, i) =>
        `<li id="${id}-f${i}"><a href="#${id}-m${i}">${f.line}:${f.column}</a> <span class="cat c-${f.category}">${f.category}</span> <span class="msg">${escapeHtml(f.message)}${f.suggestion !== undefined ? ` → <ins>${escapeHtml(f.suggestion)}</ins>${f.suggestionSafe === false ? ' <small>(check before applying)</small>' : ''}` : ''}</span></li>`,
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
        `<li><span class="gain">+${r.gain}</span> line ${r.line}: <q>${escapeHtml(r.text)}</q>${r.replacement !== undefined ? `<br>→ <ins>${escapeHtml(r.replacement)}</ins>` : ''}<br><span class="muted">${escapeHtml(r.why)} For: ${personas.map((p) => escapeHtml(names.get(p) ?? p)).join(', ')}.</span></li>`,
    )
    .join('');
  return `<h3>Rewrites, biggest gain first</h3><ol class="rewrites">${items}</ol>`;
}

function hardest(u: UnitReport): string {
  if (u.hardestSentences.length === 0) return '';
  const items = u.hardestSentences.map((h) => `<li><strong>Grade ${h.grade}</strong> (${h.words} words), line ${h.line}: <q>${escapeHtml(h.text)}</q></li>`).join('');
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
  return `<p class="legend" aria-label="Highlight colours">${CATEGORIES.map((c) => `<span class="cat c-${c}">${c}</span>`).join(' ')}</p>`;
}

export const ASSET_CSS = `.stage{border-left:4px solid var(--line);padding:.1rem .8rem;margin:.5rem 0}.fit-fail{color:#a30000}.gaps{margin:.2rem 0}
.scores td,.scores th{vertical-align:top}.goals{list-style:none;margin:0;padding:0}.goals li{margin:.1rem 0}
.score{display:inline-block;min-width:2.6rem;text-align:right;padding:0 .25rem;border-radius:3px;font-variant-numeric:tabular-nums}
.split{display:grid;grid-template-columns:minmax(0,3fr) minmax(16rem,2fr);gap:1rem;align-items:start}
.reader{overflow-wrap:anywhere;border:1px solid var(--line);padding:.25rem .9rem;max-height:80vh;overflow:auto;line-height:1.6}
.reader.plain p,.reader.plain li{white-space:pre-line}.reader .ph{font-weight:700;font-size:1.05rem;margin:1rem 0 .3rem}
.reader blockquote{margin:.5rem 0;padding-left:.8rem;border-left:3px solid var(--line)}
.reader .cells{display:flex;flex-wrap:wrap;gap:.3rem;margin:.3rem 0}.reader .cell{border:1px solid var(--line);padding:.1rem .4rem}
.source{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border:1px solid var(--line);padding:.75rem;max-height:80vh;overflow:auto;margin:.5rem 0}
.raw summary{cursor:pointer;margin:.6rem 0}
.hl{background:var(--c);border-radius:2px;cursor:help}.hl.multi{box-shadow:inset 0 -2px 0 #5b2c83}
#tip{position:absolute;z-index:5;max-width:min(28rem,90vw);background:#1a1a1a;color:#fff;padding:.35rem .55rem;border-radius:4px;font:13px/1.4 system-ui,sans-serif}
.side{max-height:80vh;overflow:auto;border:1px solid var(--line);padding:.5rem}.side ol{padding-left:1.2rem;margin:0}.side li{margin:.3rem 0;font-size:14px}
.cat{background:var(--c);padding:0 .3rem;border-radius:3px;font-size:12px;white-space:nowrap}.legend{line-height:2}
${CATEGORY_CSS}
.gain{font-weight:700;color:#0b5d1e}.rewrites li{margin:.5rem 0}.fold summary{cursor:pointer;color:var(--muted);font-style:italic}
ins.worse{background:var(--poor)}
@media (max-width:48rem){.split{grid-template-columns:1fr}.reader,.source,.side{max-height:none}
.scores thead{display:none}.scores tr,.scores th,.scores td{display:block;border:0}.scores tr{border-top:1px solid var(--line);padding:.3rem 0}.scores td.num{display:inline-block;min-width:3rem}}`;

/**
 * A highlight's tip: the messages of the findings it marks, read from the side list it points at
 * (aria-describedby), so no message is written into the page twice.
 */
export const ASSET_SCRIPT = `(() => {
const tip = document.createElement('div');
tip.id = 'tip'; tip.setAttribute('role', 'tooltip'); tip.hidden = true;
document.body.append(tip);
const markOf = (e) => (e.target instanceof Element ? e.target.closest('mark.hl') : null);
function show(e) {
  const mark = markOf(e);
  if (!mark) return;
  tip.textContent = mark.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id)?.querySelector('.msg')?.textContent).filter(Boolean).join(' · ');
  tip.hidden = false;
  const r = mark.getBoundingClientRect();
  tip.style.top = (r.bottom + scrollY + 4) + 'px';
  tip.style.left = Math.max(scrollX + 4, Math.min(r.left + scrollX, scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4)) + 'px';
}
function hide(e) { if (markOf(e)) tip.hidden = true; }
document.addEventListener('mouseover', show);
document.addEventListener('focusin', show);
document.addEventListener('mouseout', hide);
document.addEventListener('focusout', hide);
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') tip.hidden = true; });
})();`;
