import { STAGES } from '../../engine/types.ts';
import { page } from './shell.ts';
import { escapeHtml } from '../escape.ts';
import { html, trusted, type Html } from './html.ts';

/** One asset (or one macro of an export) in the portfolio. */
export interface PortfolioRow {
  id: string;
  title: string;
  path: string;
  channel: string;
  status: 'audited' | 'skipped' | 'failed';
  reason?: string;
  auditedAt?: string;
  version?: string;
  /** Overall score per persona id. */
  scores: Record<string, number>;
  /** Score per persona id, then per goal id. */
  goals: Record<string, Record<string, number>>;
  /** The previous version's overall score per persona, when there was one. */
  previous?: Record<string, number>;
  findings: number;
  href: string;
  /** The engagement stage the asset serves (the worst unit's, for a macro export), and whether it does that job. */
  stage?: string;
  /** False when a stage-fit check found something missing; absent when not audited. */
  fits?: boolean;
}

export interface PortfolioPersona {
  id: string;
  name: string;
  /** The persona's bar: scores under it fail `clarity check`. */
  bar: number;
  goals: { id: string; label: string }[];
}

/**
 * Every audited asset with its scores per persona: sortable and filterable
 * (persona, channel, stage, stage fit, goal, score range, text) and groupable by
 * stage, worst first, with counts under each persona's bar, per stage how many
 * assets fail their stage, counts under
 * each persona's bar and charts of the score distribution and of how scores
 * moved since the previous version. A one-off run (no row has an audit time)
 * shows neither the audit times nor the moves it cannot know. On a phone each
 * row is a card with its scores first. Data and script are inline, so the page
 * works from a file:// path as well as from the report API.
 */
export function renderPortfolioPage(rows: readonly PortfolioRow[], personas: readonly PortfolioPersona[], options: { title?: string; generatedAt?: string; appendix?: Html; css?: string; script?: string } = {}): string {
  const title = options.title ?? 'clarity: content portfolio';
  const channels = [...new Set(rows.map((r) => r.channel))].sort();
  const stages = STAGES.filter((st) => rows.some((r) => r.stage === st));
  const goals = [...new Map(personas.flatMap((p) => p.goals).map((g) => [g.id, g.label])).entries()];
  const history = rows.some((r) => r.auditedAt !== undefined);
  const data = JSON.stringify({ rows, personas, history }).replace(/</g, '\\u003c');
  const body = html`<h1>${title}</h1>
<p class="muted">${rows.length} asset(s)${options.generatedAt ? html` · generated ${options.generatedAt}` : ''} · scores 0–100, higher is clearer · worst first</p>
<section aria-label="Filters" class="filters">
  <label>Persona <select id="f-persona"><option value="">All (worst of them)</option>${personas.map((p) => html`<option value="${p.id}">${p.name}</option>`)}</select></label>
  <label>Goal <select id="f-goal"><option value="">Overall</option>${goals.map(([id, label]) => html`<option value="${id}">${label}</option>`)}</select></label>
  <label>Channel <select id="f-channel"><option value="">All</option>${channels.map((c) => html`<option value="${c}">${c}</option>`)}</select></label>
  <label>Stage <select id="f-stage"><option value="">All</option>${stages.map((st) => html`<option value="${st}">${st}</option>`)}</select></label>
  <label>Stage fit <select id="f-fit"><option value="">All</option><option value="fail">Fails its stage</option><option value="pass">Fits its stage</option></select></label>
  <label class="check"><input id="f-group" type="checkbox"> Group by stage</label>
  <label>Score from <input id="f-min" type="number" min="0" max="100" step="1" inputmode="numeric" size="4"></label>
  <label>to <input id="f-max" type="number" min="0" max="100" step="1" inputmode="numeric" size="4"></label>
  <label>Search <input id="f-q" type="search" placeholder="title or path"></label>
</section>
<section aria-label="Summary" class="summary">
  <ul id="bars" class="bars"></ul>
  <ul id="stages" class="bars" aria-label="Assets failing their stage, per stage"></ul>
  <figure><figcaption>Score distribution</figcaption><svg id="hist" role="img" viewBox="0 0 300 110" width="300" height="110"></svg></figure>
${history ? html`  <figure><figcaption>Change since previous version</figcaption><svg id="moves" role="img" viewBox="0 0 300 110" width="300" height="110"></svg></figure>\n` : ''}</section>
<p id="count" role="status" aria-live="polite"></p>
<div class="scroll"><table id="portfolio"><thead><tr>
  <th scope="col" aria-sort="none"><button data-sort="title">Asset</button></th>
  <th scope="col" aria-sort="none"><button data-sort="channel">Channel</button></th>
  <th scope="col" aria-sort="none"><button data-sort="stage">Stage</button></th>
${history ? html`  <th scope="col" aria-sort="none"><button data-sort="auditedAt">Last audit</button></th>\n` : ''}  ${personas.map((p) => html`<th scope="col" class="num" aria-sort="none"><button data-sort="p:${p.id}">${p.name}</button></th>`)}
  <th scope="col" class="num" aria-sort="none"><button data-sort="findings">Findings</button></th>
</tr></thead><tbody id="rows"></tbody></table></div>
<button id="more" hidden>Show more</button>
<script type="application/json" id="data">${trusted(data)}</script>
${options.appendix}`;
  return page(title, body, { css: PORTFOLIO_CSS + (options.css ?? ''), script: PORTFOLIO_SCRIPT + (options.script ?? '') });
}

const PORTFOLIO_CSS = `.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0}.filters label{display:flex;flex-direction:column;font-size:14px}
.filters select,.filters input{font:inherit;padding:.2rem}.summary{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.bars{list-style:none;padding:0;margin:0;min-width:16rem}.bars li{margin:.2rem 0}.bars strong{font-variant-numeric:tabular-nums}
figure{margin:0}figcaption{font-size:14px;color:var(--muted)}.scroll{overflow-x:auto}
th button{all:unset;cursor:pointer;font-weight:600}th button:focus-visible{outline:3px solid var(--focus)}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.status{font-style:italic;color:var(--muted)}.filters label.check{flex-direction:row;gap:.3rem;align-items:center}
tr.group th{background:var(--line);text-align:left}.fit-fail{color:#a30000}#more{margin:.75rem 0;font:inherit;padding:.3rem .8rem}
@media (max-width:40rem){#portfolio,#portfolio tbody{display:block}
#portfolio thead tr{display:flex;flex-wrap:wrap;gap:.3rem .9rem;margin-bottom:.5rem}#portfolio thead th{border:0;background:none;padding:0}#portfolio thead tr::before{content:"Sort by";color:var(--muted)}
#portfolio tbody tr{display:flex;flex-wrap:wrap;border:1px solid var(--line);border-radius:4px;margin:0 0 .6rem;padding:.4rem}
#portfolio tbody th,#portfolio tbody td{border:0;padding:.15rem .3rem}#portfolio tbody th{flex:1 0 100%;background:none;order:-2}#portfolio tbody th .muted{font-weight:400}
#portfolio td.pscore,#portfolio td.status{order:-1;flex:1 1 6rem;text-align:left;font-size:1.15rem;font-weight:600}
#portfolio td[data-label]::before{content:attr(data-label);display:block;font-size:12px;font-weight:400;color:var(--muted)}
#portfolio td.channel,#portfolio td.stage,#portfolio td.audited,#portfolio td.findings{flex:1 1 auto;text-align:left;font-size:14px}}`;

// Plain browser JavaScript, no libraries: filter, sort, render rows in pages of 500, draw two small charts. Its
// escaper is the pages' own, its source written in (it is self-contained: regular expressions and strings only).
const PORTFOLIO_SCRIPT = `(() => {
const { rows, personas, history } = JSON.parse(document.getElementById('data').textContent);
const $ = (id) => document.getElementById(id);
const f = { persona: $('f-persona'), goal: $('f-goal'), channel: $('f-channel'), stage: $('f-stage'), fit: $('f-fit'), group: $('f-group'), min: $('f-min'), max: $('f-max'), q: $('f-q') };
const STAGE_ORDER = ${JSON.stringify(STAGES)};
const rankOf = (stage) => { const i = STAGE_ORDER.indexOf(stage); return i < 0 ? STAGE_ORDER.length : i; };
const PAGE = 500;
let sort = { key: 'score', dir: 1 };
let shown = PAGE;
const esc = ${escapeHtml.toString()};
const band = (s) => (s >= 80 ? 'good' : s >= 60 ? 'fair' : 'poor');
function score(r, personaId, goalId) {
  const ids = personaId ? [personaId] : personas.map((p) => p.id);
  const vals = ids.map((id) => (goalId ? r.goals[id] && r.goals[id][goalId] : r.scores[id])).filter((v) => typeof v === 'number');
  return vals.length ? Math.min(...vals) : null;
}
function filtered() {
  const p = f.persona.value, g = f.goal.value, c = f.channel.value, st = f.stage.value, fit = f.fit.value, q = f.q.value.trim().toLowerCase();
  const min = f.min.value === '' ? -1 : Number(f.min.value), max = f.max.value === '' ? 101 : Number(f.max.value);
  return rows.filter((r) => {
    if (c && r.channel !== c) return false;
    if (st && r.stage !== st) return false;
    if (fit && (r.fits === undefined || r.fits !== (fit === 'pass'))) return false;
    if (q && !(r.title + ' ' + r.path).toLowerCase().includes(q)) return false;
    const s = score(r, p, g);
    if (s === null) return min < 0 && max > 100;
    return s >= min && s <= max;
  });
}
function sortKey(r) {
  if (sort.key === 'score') return score(r, f.persona.value, f.goal.value) ?? 1000;
  if (sort.key.startsWith('p:')) return score(r, sort.key.slice(2), f.goal.value) ?? 1000;
  return r[sort.key] ?? '';
}
function render() {
  const list = filtered();
  const grouped = f.group.checked;
  const stageRank = (r) => rankOf(r.stage);
  list.sort((a, b) => { const x = sortKey(a), y = sortKey(b); return (grouped ? stageRank(a) - stageRank(b) : 0) || (x < y ? -1 : x > y ? 1 : 0) * sort.dir || (a.path < b.path ? -1 : 1); });
  const g = f.goal.value;
  const perStage = new Map();
  for (const r of list) { const k = r.stage || 'no stage'; const n = perStage.get(k) || { all: 0, failing: 0 }; n.all++; if (r.fits === false) n.failing++; perStage.set(k, n); }
  const cols = 4 + (history ? 1 : 0) + personas.length;
  let group = null;
  const header = (r) => { const k = r.stage || 'no stage'; if (!grouped || k === group) return ''; group = k; const n = perStage.get(k); return '<tr class="group"><th scope="rowgroup" colspan="' + cols + '">' + esc(k) + ': ' + n.all + ' asset(s), ' + n.failing + ' failing their stage</th></tr>'; };
  // data-label names each cell in the phone layout, where the header row is only a row of sort buttons.
  $('rows').innerHTML = list.slice(0, shown).map((r) => header(r) + '<tr><th scope="row"><a href="' + esc(r.href) + '">' + esc(r.title) + '</a><br><span class="muted">' + esc(r.path) + '</span></th><td class="channel" data-label="Channel">' + esc(r.channel) + '</td>' +
    '<td class="stage" data-label="Stage">' + (r.stage ? esc(r.stage) + (r.fits === false ? ' <span class="fit-fail">fails</span>' : r.fits ? ' <span class="muted">fits</span>' : '') : '–') + '</td>' + (history ? '<td class="audited" data-label="Last audit">' + esc(r.auditedAt || '') + '</td>' : '') +
    (r.status === 'audited' ? personas.map((p) => { const s = score(r, p.id, g); const prev = r.previous && r.previous[p.id]; const cell = '<td class="num pscore ' + (s === null ? '' : band(s)) + '" data-label="' + esc(p.name) + '">'; return s === null ? cell + '–</td>' : cell + s + (prev !== undefined && !g && prev !== s ? ' <span class="muted">(' + (s > prev ? '▲' : '▼') + Math.abs(Math.round((s - prev) * 10) / 10) + ')</span>' : '') + '</td>'; }).join('') : '<td class="status" colspan="' + personas.length + '">' + esc(r.status + ': ' + (r.reason || '')) + '</td>') +
    '<td class="num findings" data-label="Findings">' + r.findings + '</td></tr>').join('');
  $('more').hidden = list.length <= shown;
  $('count').textContent = list.length + ' of ' + rows.length + ' asset(s) shown' + (list.length > shown ? ' (first ' + shown + ' listed)' : '');
  $('stages').innerHTML = [...perStage].sort((a, b) => rankOf(a[0]) - rankOf(b[0])).map(([k, n]) => '<li><strong>' + n.failing + '</strong> of ' + n.all + ' ' + esc(k) + ' asset(s) fail their stage</li>').join('');
  $('bars').innerHTML = personas.map((p) => { const under = list.filter((r) => { const s = score(r, p.id, g); return s !== null && s < p.bar; }).length; return '<li><strong>' + under + '</strong> under ' + esc(p.name) + "'s bar of " + p.bar + '</li>'; }).join('');
  // Ten bins of ten points; the last holds 100 too. Ticks sit at bin edges, in bin widths from the left.
  chart($('hist'), bins(list.map((r) => score(r, f.persona.value, g)).filter((s) => s !== null), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.01]), [[0, '0'], [5, '50'], [10, '100']], 'assets by score (0 to 100, in bins of 10)');
  if (!history) return;
  const moves = list.filter((r) => r.previous).map((r) => { const now = score(r, f.persona.value, ''), before = (f.persona.value ? r.previous[f.persona.value] : Math.min(...Object.values(r.previous))); return now === null || before === undefined ? null : now - before; }).filter((d) => d !== null);
  chart($('moves'), bins(moves, [-1000, -10, -2, 2, 10, 1000]), [[0.5, 'worse'], [2.5, 'same'], [4.5, 'better']], 'assets by change since the previous version (worse, a little worse, same, a little better, better)');
}
function bins(values, edges) { const counts = edges.slice(1).map(() => 0); for (const v of values) { const i = edges.findIndex((e, k) => k < edges.length - 1 && v >= e && v < edges[k + 1]); if (i >= 0) counts[i]++; } return counts; }
// Bars with their count above them (none over an empty bin) and ticks along the bottom.
function chart(svg, counts, ticks, what) {
  const max = Math.max(1, ...counts), w = 300 / counts.length;
  svg.setAttribute('aria-label', what + ': ' + counts.join(', '));
  const top = (c) => 90 - 76 * c / max;
  svg.innerHTML = counts.map((c, i) => '<rect x="' + (i * w + 2) + '" y="' + top(c) + '" width="' + (w - 4) + '" height="' + (90 - top(c)) + '" fill="#4a6fa5"></rect>' +
      (c ? '<text class="count" x="' + (i * w + w / 2) + '" y="' + (top(c) - 2) + '" font-size="10" text-anchor="middle">' + c + '</text>' : '')).join('') +
    ticks.map(([at, l]) => '<text class="tick" x="' + at * w + '" y="105" font-size="10" text-anchor="' + (at === 0 ? 'start' : at === counts.length ? 'end' : 'middle') + '">' + esc(l) + '</text>').join('');
}
for (const el of Object.values(f)) el.addEventListener('input', () => { shown = PAGE; render(); });
$('more').addEventListener('click', () => { shown += PAGE; render(); });
for (const b of document.querySelectorAll('th button')) b.addEventListener('click', () => {
  const key = b.dataset.sort;
  sort = { key, dir: sort.key === key ? -sort.dir : 1 };
  for (const th of document.querySelectorAll('th')) th.setAttribute('aria-sort', 'none');
  b.parentElement.setAttribute('aria-sort', sort.dir === 1 ? 'ascending' : 'descending');
  render();
});
render();
})();`;
