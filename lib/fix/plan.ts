import type { Finding, ProseBlock, Severity, Unit } from '../engine/types.ts';
import { looksLikeHtml } from '../engine/parse/macros-json.ts';
import type { Edit } from './apply.ts';

/** A finding's suggestion as an edit of the unit's source text. */
export interface PlannedFix {
  finding: Finding;
  edit: Edit;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The unit's safe suggestions (`suggestionSafe === true`, optionally only from `rules`) as non-overlapping edits of
 * its source, in source order. Where two overlap, the one that starts first is kept (at the same start the longer,
 * then the more severe, then by rule id, so the plan is deterministic); the other is looked at again on the next
 * pass, against the fixed text.
 */
export function planFixes(unit: Unit, findings: readonly Finding[], rules?: ReadonlySet<string>): PlannedFix[] {
  const wanted = findings
    .filter((f) => f.suggestionSafe === true && f.suggestion !== undefined && (!rules || rules.has(f.ruleId)))
    // Findings quote their source exactly; one that does not is stale, and pasting over it would garble the text.
    .filter((f) => unit.source.slice(f.offset, f.offset + f.length) === f.text)
    .map((finding) => ({ finding, edit: finding.suggestion ? swap(unit, finding, asSource(unit, finding.suggestion)) : cut(unit, finding) }))
    .sort((a, b) => a.edit.offset - b.edit.offset || b.edit.length - a.edit.length || SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.finding.ruleId.localeCompare(b.finding.ruleId));
  const kept: PlannedFix[] = [];
  let end = 0;
  for (const fix of wanted) {
    if (fix.edit.offset < end) continue;
    kept.push(fix);
    end = fix.edit.offset + fix.edit.length;
  }
  return kept;
}

/**
 * A suggestion is prose; in markup it is escaped, so that a house term with "&" or "<" (config terms.preferred)
 * stays text: HTML (a page, or a macro reply in HTML) gets entities, Markdown a backslash.
 */
function asSource(unit: Unit, prose: string): string {
  if (unit.format === 'html' || (unit.id !== '' && looksLikeHtml(unit.source))) return prose.replace(/[&<>]/g, (c) => HTML_ENTITIES[c] ?? c);
  if (unit.format === 'markdown') return prose.replace(/[\\`*_[\]<>]/g, '\\$&');
  return prose;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * The suggestion pasted over the finding's text, with the "a" or "an" just before it made to fit the new word
 * ("an initial review" → "a first review", "an SLA" → "a service level agreement (SLA)").
 */
function swap(unit: Unit, f: Finding, suggestion: string): Edit {
  const plain = { offset: f.offset, length: f.length, content: suggestion };
  const found = proseAt(unit.blocks, f.offset);
  const article = found && /(?<![\p{L}\p{N}/'’-])(an?)(\s+)$/iu.exec(found.block.text.slice(Math.max(0, found.index - 8), found.index));
  if (!found || !article) return plain;
  const [whole, old = ''] = article;
  const wanted = AN_SOUND.test(suggestion) ? 'an' : 'a';
  if (old.toLowerCase() === wanted) return plain;
  const from = found.block.map[found.index - whole.length] ?? -1;
  // Only where the article and the space after it are the same characters in the source as in the prose.
  if (unit.source.slice(from, f.offset) !== whole) return plain;
  const cased = old[0] === 'A' ? `A${wanted.slice(1)}` : wanted;
  return { offset: from, length: f.offset + f.length - from, content: `${cased}${whole.slice(old.length)}${suggestion}` };
}

/** A word that takes "an": a vowel sound first, by its spelling ("an hour", "a user", "a one-off"). */
const AN_SOUND = /^(?:[aeio](?!ne\b|nce\b)|u(?!s[aeiu]|ni|r[aeiou]|ti|ku)|hour|hon(?:est|ou?r)|heir)/i;

/**
 * Cutting a phrase ("please be aware that", "feel free to") takes the space after it too (with a comma: "…, please
 * note that, if…" → "…, if…"), or, before punctuation or at the end of the block, the space before it. Where the
 * prose around the phrase is not the same characters in the source (markup or an entity in between), the bare
 * phrase is cut. (The engine offers no cut that opens a sentence before a lower-case word, so no capital moves.)
 */
function cut(unit: Unit, f: Finding): Edit {
  const bare = { offset: f.offset, length: f.length, content: '' };
  const found = proseAt(unit.blocks, f.offset);
  if (!found) return bare;
  const { block, index: start } = found;
  const { text, map } = block;
  let s = start;
  let e = start + f.length;
  // Spaces and tabs only: taking a line break would join lines, which can change what Markdown makes of them.
  const after = /^,?[ \t]+(?=\S)/.exec(text.slice(e));
  if (after) e += after[0].length;
  else s -= /[ \t]*$/.exec(text.slice(0, s))?.[0].length ?? 0;
  const from = map[s] ?? -1;
  const to = (map[e - 1] ?? -2) + 1;
  return to - from === e - s && unit.source.slice(from, to) === text.slice(s, e) ? { offset: from, length: to - from, content: '' } : bare;
}

/** The block holding a source offset, and the index in its text of the character at that offset. */
function proseAt(blocks: readonly ProseBlock[], offset: number): { block: ProseBlock; index: number } | undefined {
  for (const block of blocks) {
    const { map, text } = block;
    if ((map[0] ?? Infinity) > offset || (map[text.length] ?? -Infinity) <= offset) continue;
    // The map rises through the block: binary search for the character at `offset`.
    let lo = 0;
    let hi = text.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((map[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    if (map[lo] === offset) return { block, index: lo };
  }
  return undefined;
}
