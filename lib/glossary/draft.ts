import { stringify } from 'yaml';
import type { Discovery, TermCandidate } from './discover.ts';
import type { Glossary, GlossaryTerm } from './types.ts';

/** What a drafted term's `plain` says until a person writes the explanation (`clarity terms check` warns on it). */
export const TODO_PLAIN = 'TODO: explain in plain words';

const uses = (c: TermCandidate): string => `${c.count} uses in ${c.documents} document(s), ${c.undefinedIn} without defining it`;

/** The candidates as a draft glossary: each one jargon, its explanation to write (an acronym's expansion where the content gives one). */
export function draftGlossary(discovery: Discovery, name = 'draft'): Glossary {
  return {
    version: 1,
    name,
    terms: discovery.candidates.map(
      (c): GlossaryTerm => ({
        term: c.term,
        status: 'jargon',
        plain: c.expansion ?? TODO_PLAIN,
        note: `${uses(c)}; score ${c.score}. ${c.examples.map((e) => `“${e}”`).join(' ')}`,
      }),
    ),
  };
}

export function renderDraftYaml(discovery: Discovery): string {
  return stringify(draftGlossary(discovery), { lineWidth: 0 });
}

/** The text table: rank, score, term, kind, uses, documents, how many use it undefined, and what is known already. */
export function renderDiscoveryText(d: Discovery, persona: string): string {
  const rows = d.candidates.map((c, i) => [String(i + 1), c.score.toFixed(1), c.expansion ? `${c.term} (${c.expansion})` : c.term, c.kind, String(c.count), String(c.documents), String(c.undefinedIn), c.defined ? 'yes' : '']);
  const head = ['#', 'score', 'term', 'kind', 'uses', 'docs', 'undefined in', 'defined'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] as string).length)));
  const line = (r: string[]): string => r.map((cell, k) => (k === 2 || k === 3 ? cell.padEnd(widths[k] as number) : cell.padStart(widths[k] as number))).join('  ').trimEnd();
  const known = d.known.length ? `Already known, left out (${d.known.length}): ${d.known.map((k) => `${k.term} (${k.source}, ${k.count})`).join(', ')}.\n` : '';
  return [
    `Candidate jargon for ${persona} in ${d.documents} document(s), ${d.words} words, best first (C-value × document spread):`,
    line(head),
    ...rows.map(line),
    '',
  ].join('\n') + known;
}

/** For review: a table with two example sentences per term. */
export function renderDiscoveryMarkdown(d: Discovery, persona: string): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `# Candidate jargon for ${persona}`,
    '',
    `${d.documents} document(s), ${d.words} words. Judge each: jargon to explain (add it with \`clarity terms add\`), a name, or everyday words.`,
    '',
    '| # | term | uses | docs | undefined in | examples |',
    '|---|---|---|---|---|---|',
    ...d.candidates.map((c, i) => `| ${i + 1} | ${cell(c.expansion ? `${c.term} (${c.expansion})` : c.term)} | ${c.count} | ${c.documents} | ${c.undefinedIn} | ${c.examples.map((e) => cell(e)).join('<br>')} |`),
    '',
    ...(d.known.length ? [`Already known, left out: ${d.known.map((k) => `${cell(k.term)} (${k.source})`).join(', ')}.`, ''] : []),
  ].join('\n');
}
