import type { Directive, Finding, Persona, Unit } from './types.ts';
import type { Candidate } from './rules/candidate.ts';
import { LineIndex } from './positions.ts';
import { ruleInfo } from './rules/registry.ts';

const overlapOf = (c: Candidate) => ruleInfo(c.ruleId, c.category, c.severity).overlap;
/** The built-in verdicts that words are unfamiliar, which a team's glossary term overrules on its words. */
const OVERRULED_BY_TEAM_TERMS = new Set(['jargon', 'acronym', 'uncommon-word']);

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
    const near = lexical.get(c.blockIndex)?.overlapping(c.start, c.end) ?? [];
    const overlap = overlapOf(c);
    if (overlap === 'yields-to-word-lists' && near.length > 0) continue;
    if (OVERRULED_BY_TEAM_TERMS.has(c.ruleId) && near.some((l) => overlapOf(l) === 'team-term' && l.start <= c.start && c.end <= l.end)) continue;
    // A persona's unfamiliar term that a domain pack already explains is one finding, not two.
    if (c.ruleId === 'persona-term' && near.some((l) => l.ruleId === 'jargon' && l.start === c.start && l.end === c.end)) continue;
    // Across word lists the longest phrase wins: "in excess of" is wordy, its "excess" is not also jargon,
    // and "please be advised" is cut whole, not also called passive. It wins only for the personas it applies
    // to: one reader's unfamiliar "liability insurance" leaves "liability" flagged for the others.
    let longer: Candidate[] | undefined;
    if (overlap === 'longest-wins' || overlap === 'yields-to-longer') {
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
    const text = unit.source.slice(offset, end);
    // A suggestion is written from the prose; where the source holds markup inside the span (a link, emphasis),
    // pasting it would drop that markup.
    const suggestion = c.suggestion !== undefined && text === block.text.slice(c.start, c.end) ? c.suggestion : undefined;
    const policy = ruleInfo(c.ruleId, c.category, c.severity).suggestions;
    byId.set(id, {
      id,
      ruleId: c.ruleId,
      category: c.category,
      severity: c.severity,
      message: c.message,
      text,
      line,
      column,
      offset,
      length: end - offset,
      ...(suggestion !== undefined ? { suggestion, suggestionSafe: policy === 'safe' && c.suggestionSafe !== false } : {}),
      personas: applies,
    });
  }
  return oneSentenceFindingEach([...byId.values()]).sort((a, b) => a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
}

/** Rules that judge a whole sentence, most telling first: a sentence too long says more than one too hard to grade. */
const SENTENCE_RULES = ['sentence-length', 'clauses', 'sentence-grade'];
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
const rank = (f: Finding): number => {
  const i = SENTENCE_RULES.indexOf(f.ruleId);
  return i < 0 ? SENTENCE_RULES.length : i;
};

/**
 * One sentence-level finding per sentence and persona: for each persona the worst (by severity, then
 * SENTENCE_RULES order) stands, with the others' messages as its reasons; a finding worst for no one is dropped.
 */
function oneSentenceFindingEach(findings: Finding[]): Finding[] {
  const bySentence = new Map<string, Finding[]>();
  for (const f of findings) {
    if (ruleInfo(f.ruleId, f.category, f.severity).overlap !== 'one-per-sentence') continue;
    const key = `${f.offset}:${f.length}`;
    bySentence.set(key, [...(bySentence.get(key) ?? []), f]);
  }
  const replaced = new Map<Finding, Finding | undefined>();
  for (const group of bySentence.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || rank(a) - rank(b));
    const claimed = new Set<string>();
    for (const f of group) {
      const personas = f.personas.filter((p) => !claimed.has(p));
      for (const p of personas) claimed.add(p);
      const others = group.filter((o) => o !== f && o.personas.some((p) => personas.includes(p)));
      const reasons = others.map(({ ruleId, category, severity, message, personas: theirs }) => ({ ruleId, category, severity, message, personas: theirs.filter((p) => personas.includes(p)) }));
      replaced.set(f, personas.length === 0 ? undefined : { ...f, personas, ...(reasons.length > 0 ? { message: `${f.message} Also: ${reasons.map((o) => lowerFirst(o.message)).join(' ')}`, reasons } : {}) });
    }
  }
  return findings.flatMap((f) => {
    if (!replaced.has(f)) return [f];
    const r = replaced.get(f);
    return r ? [r] : [];
  });
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** Word-list candidates grouped by block, so overlap checks look only at their neighbours. */
function lexicalByBlock(candidates: Candidate[]): Map<number, LexicalIndex> {
  const byBlock = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const overlap = overlapOf(c);
    if (overlap !== 'longest-wins' && overlap !== 'team-term') continue;
    const list = byBlock.get(c.blockIndex);
    if (list) list.push(c);
    else byBlock.set(c.blockIndex, [c]);
  }
  return new Map([...byBlock].map(([block, list]) => [block, new LexicalIndex(list)]));
}

/**
 * A block's word-list matches sorted by start, so the ones overlapping a span are found by binary search: a block
 * of one long paragraph holds tens of thousands of matches, and scanning them all for each candidate was quadratic.
 */
class LexicalIndex {
  private readonly sorted: Candidate[];
  private readonly longest: number;
  constructor(list: Candidate[]) {
    this.sorted = list.sort((a, b) => a.start - b.start);
    this.longest = list.reduce((n, c) => Math.max(n, c.end - c.start), 0);
  }
  /** The matches with `l.start < end && start < l.end`. */
  overlapping(start: number, end: number): Candidate[] {
    // No match longer than `longest` starts before start - longest and still reaches past start.
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid] as Candidate).start <= start - this.longest) lo = mid + 1;
      else hi = mid;
    }
    const out: Candidate[] = [];
    for (let i = lo; i < this.sorted.length && (this.sorted[i] as Candidate).start < end; i++) if (start < (this.sorted[i] as Candidate).end) out.push(this.sorted[i] as Candidate);
    return out;
  }
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
