import { CATEGORIES, type Category } from '../../engine/types.ts';
import { html, trusted, type Html } from './html.ts';


/** Background colours per finding category: light tints, all ≥ 7:1 against the #1a1a1a text. */
export const CATEGORY_COLOUR: Record<Category, string> = {
  jargon: '#ffe0b2',
  acronym: '#ffecb3',
  'uncommon-word': '#fff9c4',
  wordiness: '#e1f5fe',
  'sentence-length': '#e8eaf6',
  'sentence-grade': '#ede7f6',
  clauses: '#f3e5f5',
  'long-paragraph': '#eceff1',
  passive: '#e0f2f1',
  nominalisation: '#e0f7fa',
  hedging: '#fce4ec',
  condescension: '#ffcdd2',
  fear: '#f8bbd0',
  'stage-fit': '#b2dfdb',
};

/** A class per category (`c-jargon`…) that sets the colour `.cat` chips and highlights paint with. */
export const CATEGORY_CSS = CATEGORIES.map((c) => `.c-${c}{--c:${CATEGORY_COLOUR[c]}}`).join('');

export function scoreBand(score: number): 'good' | 'fair' | 'poor' {
  return score >= 80 ? 'good' : score >= 60 ? 'fair' : 'poor';
}

const BASE_CSS = `:root{--fg:#1a1a1a;--muted:#555;--line:#c8c8c8;--good:#d7f5dd;--fair:#fff1c2;--poor:#ffd6d6;--focus:#1a56db}
*{box-sizing:border-box}body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:#fff;margin:0}
main{max-width:80rem;margin:auto;padding:1rem}h1{font-size:1.6rem;margin:.2rem 0 .6rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem}
a{color:#0645ad}:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f4f6}.num{text-align:right;font-variant-numeric:tabular-nums}
.good{background:var(--good)}.fair{background:var(--fair)}.poor{background:var(--poor)}
.muted{color:var(--muted)}.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
ins{background:var(--good);text-decoration:none}del{background:var(--poor)}
@media (max-width:48rem){body{font-size:15px}main{padding:.5rem}th,td{padding:.25rem}}`;

/** A whole self-contained page: no scripts or styles from anywhere else, so it works from file:// and behind the API alike. */
export function page(title: string, body: Html, options: { css?: string; script?: string } = {}): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trusted(BASE_CSS + (options.css ?? ''))}</style></head>
<body><main>
${body}
</main>${options.script ? html`<script>${trusted(options.script)}</script>` : ''}</body></html>
`.markup;
}
