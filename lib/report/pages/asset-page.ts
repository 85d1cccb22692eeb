import { CATEGORIES, type AuditReport, type Finding, type ProseBlock, type UnitReport } from '../../engine/types.ts';
import { fitSummary, rankedPassages, stageHow, unitLabel } from '../build.ts';
import { CATEGORY_COLOUR, CATEGORY_CSS, page, scoreBand } from './shell.ts';
import { html, joinHtml, type Html } from './html.ts';
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
  const body = joinHtml(
    [
      options.portfolioHref ? html`<nav aria-label="Breadcrumb"><a href="${options.portfolioHref}">← All assets</a></nav>` : '',
      html`<h1>${title}</h1>`,
      html`<p class="muted">${first?.path ?? ''}${first ? html` · ${first.channel}` : ''}${options.version ? html` · version ${options.version}` : ''}${options.auditedAt ? html` · audited ${options.auditedAt}` : ''}</p>`,
      legend(),
      ...report.units.map((u, i) => unitSection(u, i, report, options.previous)),
      skippedList(report),
    ],
    '\n',
  );
  return page(`clarity: ${title}`, body, { css: ASSET_CSS, script: ASSET_SCRIPT });
}

/** What could not be audited, and why. */
export function skippedList(report: AuditReport): Html {
  return html`${report.skipped.length ? html`<h2>Skipped</h2><ul>${report.skipped.map((s) => html`<li><code>${s.path}</code>: ${s.reason}</li>`)}</ul>` : ''}`;
}

/** The sections of one unit, also used inside the CLI's single-file report. */
export function unitSection(u: UnitReport, index: number, report: AuditReport, previous?: PreviousScores): Html {
  const names = new Map(report.personas.map((p) => [p.id, p.name]));
  const id = `u${index}`;
  return html`<section id="${id}" aria-labelledby="${id}-h" class="unit">
<h2 id="${id}-h">${unitLabel(u)}</h2>
${stageSection(u, id)}
${scores(u, names, previous)}
${hardest(u)}
${u.source !== undefined ? textView(u, u.source, id) : findingList(u, id)}
${rewrites(u, names)}
${metrics(u)}
</section>`;
}

/** The unit's stage, how it was decided (the cues), and its fit with the stage-fit findings, each linked to its place. */
function stageSection(u: UnitReport, id: string): Html {
  const { stage } = u;
  const gaps = u.findings.flatMap((f, i) => (f.category === 'stage-fit' ? [{ f, i }] : []));
  // The findings' marks exist only where the page shows the text.
  const at = (f: Finding, i: number): Html => (u.source !== undefined ? html`<a href="#${id}-m${i}">${f.line}:${f.column}</a>` : html`${f.line}:${f.column}`);
  const list = gaps.length ? html`<ul class="gaps">${gaps.map(({ f, i }) => html`<li>${at(f, i)} <code>${f.ruleId}</code> ${f.message}</li>`)}</ul>` : '';
  return html`<section class="stage" aria-label="Engagement stage"><p><strong>Stage: ${stage.stage}</strong> <span class="muted">(${stageHow(stage)})</span></p>
<details><summary>How it was decided</summary><ul>${stage.cues.map((c) => html`<li>${c}</li>`)}</ul></details>
<p class="${stage.fit.pass ? 'fit-pass' : 'fit-fail'}">Stage fit: ${fitSummary(stage.stage, stage.fit)}</p>${list}</section>`;
}

function scores(u: UnitReport, names: Map<string, string>, previous?: PreviousScores): Html {
  const rows = u.scores.map((s) => {
    const before = previous?.scores[s.personaId];
    const change = before === undefined ? '' : diff(before, s.overall);
    const part = s.stageFit;
    const goals = [...s.goals.map((g) => ({ score: g.score, label: g.label, reason: g.reason })), { score: part.score, label: `Stage fit (${part.stage})`, reason: part.reason }].map(
      (g) => html`<li><span class="score ${scoreBand(g.score)}">${g.score}</span> <strong>${g.label}</strong> — ${g.reason}</li>`,
    );
    return html`<tr><th scope="row">${names.get(s.personaId) ?? s.personaId}</th><td class="num ${scoreBand(s.overall)}">${s.overall}</td>${previous ? html`<td>${change}</td>` : ''}<td><ul class="goals">${goals}</ul></td></tr>`;
  });
  const previousNote = previous
    ? html`<caption>Scores per persona and experience goal; change since version ${previous.version}${previous.auditedAt ? html` (${previous.auditedAt})` : ''}</caption>`
    : html`<caption>Scores per persona and experience goal (0–100, higher is clearer)</caption>`;
  return html`<table class="scores">${previousNote}<thead><tr><th scope="col">Persona</th><th scope="col">Overall</th>${previous ? html`<th scope="col">Change</th>` : ''}<th scope="col">Experience goals</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function diff(before: number, now: number): Html {
  const d = Math.round((now - before) * 10) / 10;
  if (d === 0) return html`<span class="muted">no change</span>`;
  return d > 0 ? html`<del>${before}</del> <ins>${now}</ins> <span aria-label="up ${d}">▲ ${d}</span>` : html`<del>${before}</del> <ins class="worse">${now}</ins> <span aria-label="down ${-d}">▼ ${-d}</span>`;
}

/**
 * The unit's prose as the reader sees it, each finding marked where it stands (its message shows on hover or focus,
 * and in the side list beside it); the source as written, markup and all, one click away below it.
 */
function textView(u: UnitReport, source: string, id: string): Html {
  const order = new Map(u.findings.map((f, i) => [f, i]));
  const { blocks, marked } = proseOf(u, source);
  const placed = placeFindings(blocks, u.findings);
  const anchored = new Set<Finding>();
  const shown = blocks.map((b, i) => {
    const before = blocks[i - 1];
    const sameRow = b.kind === 'table-cell' && before?.kind === 'table-cell' && !source.slice(before.map[0], b.map[0]).includes('\n');
    return { kind: b.kind, html: highlighted(b.text, placed[i] ?? [], id, order, anchored), plain: (placed[i] ?? []).length === 0, sameRow };
  });
  return html`<h3>The text, finding by finding</h3>
<div class="split"><div class="reader${marked ? '' : ' plain'}" role="region" aria-label="Text of ${u.title}" tabindex="0">${folded(shown)}</div>
${findingList(u, id)}</div>${marked ? rawView(source) : ''}`;
}

/** One block's text with its findings marked. Where a finding starts, its anchor, which the side list links to. */
function highlighted(text: string, placed: readonly Placed[], id: string, order: Map<Finding, number>, anchored: Set<Finding>): Html {
  if (placed.length === 0) return html`${text}`;
  return html`${segmentsOf(text, placed).map((seg) => {
    const part = text.slice(seg.start, seg.end);
    if (seg.findings.length === 0) return part;
    const findings = seg.findings.map((p) => p.finding);
    // Colour by the most specific finding; sentence-wide ones show as the underline.
    const top = findings[findings.length - 1] as Finding;
    const starting = findings.filter((f) => !anchored.has(f));
    for (const f of starting) anchored.add(f);
    const [first, ...more] = starting.map((f) => `${id}-m${order.get(f)}`);
    const refs = findings.map((f) => `${id}-f${order.get(f)}`).join(' ');
    return html`${more.map((m) => html`<span id="${m}"></span>`)}<mark class="hl${findings.length > 1 ? ' multi' : ''}" style="--c:${CATEGORY_COLOUR[top.category]}"${first ? html` id="${first}"` : ''} tabindex="0" aria-describedby="${refs}">${part}</mark>`;
  })}`;
}

interface ShownBlock {
  kind: ProseBlock['kind'];
  html: Html;
  plain: boolean;
  /** A table cell on the same source line as the cell before it: the same row. */
  sameRow: boolean;
}

/** Long runs of blocks without findings are folded, so long documents stay readable around their findings. */
function folded(blocks: readonly ShownBlock[]): Html {
  const out: Html[] = [];
  let open: ShownBlock[] = [];
  let i = 0;
  while (i < blocks.length) {
    let run = i;
    while (run < blocks.length && blocks[run]?.plain) run++;
    if (run - i > FOLD_BLOCKS) {
      out.push(blockHtml([...open, ...blocks.slice(i, i + FOLD_KEEP)]));
      out.push(html`<details class="fold"><summary>${run - i - 2 * FOLD_KEEP} paragraphs without findings</summary>${blockHtml(blocks.slice(i + FOLD_KEEP, run - FOLD_KEEP))}</details>`);
      open = blocks.slice(run - FOLD_KEEP, run);
    } else open.push(...blocks.slice(i, run));
    if (run < blocks.length) open.push(blocks[run] as ShownBlock);
    i = run + 1;
  }
  out.push(blockHtml(open));
  return html`${out}`;
}

const TAG: Record<ProseBlock['kind'], (inner: Html) => Html> = {
  paragraph: (inner) => html`<p>${inner}</p>`,
  heading: (inner) => html`<p class="ph">${inner}</p>`,
  'list-item': (inner) => html`<li>${inner}</li>`,
  'table-cell': (inner) => html`<span class="cell">${inner}</span>`,
  quote: (inner) => html`<blockquote>${inner}</blockquote>`,
};

/** Blocks as elements: neighbouring list items in one list, the cells of one table row in one row of cells. */
function blockHtml(blocks: readonly ShownBlock[]): Html {
  // Lists and rows of cells are opened and closed around runs of blocks, so their tags are written one at a time.
  const parts: Html[] = [];
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    if (b.kind === 'list-item' && blocks[i - 1]?.kind !== 'list-item') parts.push(html`<ul>`);
    if (b.kind === 'table-cell' && (i === 0 || !b.sameRow)) parts.push(html`<div class="cells">`);
    parts.push(TAG[b.kind](b.html));
    if (b.kind === 'list-item' && next?.kind !== 'list-item') parts.push(html`</ul>`);
    if (b.kind === 'table-cell' && !next?.sameRow) parts.push(html`</div>`);
  });
  return html`${parts}`;
}

function rawView(source: string): Html {
  const lines = source.split('\n').length;
  return html`<details class="raw"><summary>The source as written (${lines} line${lines === 1 ? '' : 's'}, markup included): finding positions are line:column in it</summary><pre class="source">${source}</pre></details>`;
}

function findingList(u: UnitReport, id: string): Html {
  if (u.findings.length === 0) return html`<p>No findings: nothing here gets in the way.</p>`;
  const items = u.findings.map(
    (f, i) =>
      html`<li id="${id}-f${i}"><a href="#${id}-m${i}">${f.line}:${f.column}</a> <span class="cat c-${f.category}">${f.category}</span> <span class="msg">${f.message}${f.suggestion !== undefined ? html` → <ins>${f.suggestion}</ins>${f.suggestionSafe === false ? html` <small>(check before applying)</small>` : ''}` : ''}</span></li>`,
  );
  return html`<aside class="side" aria-label="Findings"><h3>Findings (${u.findings.length})</h3><ol>${items}</ol></aside>`;
}

function rewrites(u: UnitReport, names: Map<string, string>): Html | '' {
  const top = rankedPassages(u).slice(0, 10);
  if (top.length === 0) return '';
  const items = top.map(
    ({ best: r, personas }) =>
      html`<li><span class="gain">+${r.gain}</span> line ${r.line}: <q>${r.text}</q>${r.replacement !== undefined ? html`<br>→ <ins>${r.replacement}</ins>` : ''}<br><span class="muted">${r.why} For: ${personas.map((p) => names.get(p) ?? p).join(', ')}.</span></li>`,
  );
  return html`<h3>Rewrites, biggest gain first</h3><ol class="rewrites">${items}</ol>`;
}

function hardest(u: UnitReport): Html | '' {
  if (u.hardestSentences.length === 0) return '';
  const items = u.hardestSentences.map((h) => html`<li><strong>Grade ${h.grade}</strong> (${h.words} words), line ${h.line}: <q>${h.text}</q></li>`);
  return html`<h3>Hardest sentences</h3><ol class="hardest">${items}</ol>`;
}

function metrics(u: UnitReport): Html {
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
  return html`<details class="metrics"><summary>Readability metrics${caveat}</summary><table><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td class="num">${v}</td></tr>`)}</tbody></table></details>`;
}

function legend(): Html {
  return html`<p class="legend" aria-label="Highlight colours">${joinHtml(
    CATEGORIES.map((c) => html`<span class="cat c-${c}">${c}</span>`),
    ' ',
  )}</p>`;
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
