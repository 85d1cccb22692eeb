import type { Directive, Finding, Persona, Unit } from './types.ts';
import type { Candidate } from './rules/candidate.ts';
import { LineIndex } from './positions.ts';

/** Categories whose findings make an "uncommon word" finding on the same words redundant. */
const LEXICON_CATEGORIES = new Set(['jargon', 'acronym', 'wordiness', 'nominalisation', 'hedging', 'condescension', 'fear']);

/**
 * Candidates → findings: pinned to source offsets, filtered by the unit's
 * disable comments, applied per persona (a finding no persona cares about is
 * dropped), de-duplicated, and sorted by position.
 */
export function toFindings(unit: Unit, candidates: Candidate[], personas: readonly Persona[]): Finding[] {
  const lines = new LineIndex(unit.source);
  const lexical = lexicalByBlock(candidates);
  const byId = new Map<string, Finding>();
  for (const c of candidates) {
    const near = lexical.get(c.blockIndex) ?? [];
    if (c.category === 'uncommon-word' && near.some((l) => l.start < c.end && c.start < l.end)) continue;
    // A persona's unfamiliar term that a domain pack already explains is one finding, not two.
    if (c.ruleId === 'persona-term' && near.some((l) => l.ruleId === 'jargon' && l.start === c.start && l.end === c.end)) continue;
    // Across word lists the longest phrase wins: "in excess of" is wordy, its "excess" is not also jargon,
    // and "please be advised" is cut whole, not also called passive. It wins only for the personas it applies
    // to: one reader's unfamiliar "liability insurance" leaves "liability" flagged for the others.
    let longer: Candidate[] | undefined;
    if (LEXICON_CATEGORIES.has(c.category) || c.category === 'passive') {
      for (const l of near) if (l !== c && l.start <= c.start && c.end <= l.end && l.end - l.start > c.end - c.start) (longer ??= []).push(l);
    }
    const block = unit.blocks[c.blockIndex];
    if (!block || c.end <= c.start) continue;
    const offset = block.map[c.start] ?? 0;
    const end = (block.map[c.end - 1] ?? offset) + 1;
    if (isDisabled(unit.directives, offset, c.ruleId)) continue;
    const applies = personas.filter((p) => (c.applies?.(p) ?? true) && !longer?.some((l) => l.applies?.(p) ?? true)).map((p) => p.id);
    if (applies.length === 0) continue;
    const id = `${c.ruleId}@${offset}`;
    if (byId.has(id)) continue;
    const { line, column } = lines.at(offset);
    byId.set(id, {
      id,
      ruleId: c.ruleId,
      category: c.category,
      severity: c.severity,
      message: c.message,
      text: unit.source.slice(offset, end),
      line,
      column,
      offset,
      length: end - offset,
      ...(c.suggestion !== undefined ? { suggestion: c.suggestion } : {}),
      personas: applies,
    });
  }
  return [...byId.values()].sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
}

/** Word-list candidates grouped by block, so overlap checks look only at their neighbours. */
function lexicalByBlock(candidates: Candidate[]): Map<number, Candidate[]> {
  const byBlock = new Map<number, Candidate[]>();
  for (const c of candidates) {
    if (!LEXICON_CATEGORIES.has(c.category)) continue;
    const list = byBlock.get(c.blockIndex);
    if (list) list.push(c);
    else byBlock.set(c.blockIndex, [c]);
  }
  return byBlock;
}

/** A rule is off at `offset` when the last directive before it that names the rule (or all rules) disabled it. */
export function isDisabled(directives: readonly Directive[], offset: number, ruleId: string): boolean {
  let disabled = false;
  for (const d of directives) {
    if (d.offset > offset) break;
    if (d.rules.length === 0 || d.rules.includes(ruleId)) disabled = d.kind === 'disable';
  }
  return disabled;
}
