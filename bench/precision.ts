/**
 * Precision as an editor measures it, as pure functions (test/precision.test.ts): findings judged by hand are
 * matched to what the engine finds today, and each rule's precision is counted over the judged findings it still
 * makes. A judged finding the engine no longer makes is "withdrawn": a withdrawn FP is a fix, a withdrawn TP lost
 * recall. Findings nobody has judged yet are counted, never guessed.
 */

export type Verdict = 'TP' | 'FP' | 'DEBATABLE';

/** One finding judged by hand (the editor's set in ../shared/corpus/labels and the project's own in bench/labels). */
export interface Label {
  file: string;
  ruleId: string;
  text: string;
  line: number;
  column: number;
  suggestion: string | null;
  verdict: Verdict;
  suggestion_ok: boolean | null;
  note?: string;
  /** The sentence the finding sat in, as judged. */
  sentence?: string;
  /** The project's own labels: `holdout` ones are never read while tuning rules. */
  split?: 'dev' | 'holdout';
}

/** A problem a reader found that no finding covered. */
export interface Miss {
  file: string;
  text: string;
  line: number;
  kind: string;
  /** 'dev' for misses written on development documents; the rest are on held-back ones. */
  split?: 'dev' | 'holdout';
}

/** A finding as the engine makes it today, at its place in the file. */
export interface Found {
  file: string;
  ruleId: string;
  text: string;
  line: number;
  column: number;
  length: number;
  suggestion?: string;
  personas: readonly string[];
  /** What the finding says, for whoever judges it next. */
  message?: string;
}

/** A sentence split judged by hand: does pasting it give two whole sentences with the same meaning? */
export interface SplitLabel {
  file: string;
  line: number;
  column: number;
  suggestion: string;
  grammatical: boolean;
  note?: string;
}

/**
 * Judged splits the engine still offers word for word, and how many of them read right; a split that changed or
 * is no longer offered is not counted (`changed`, `withdrawn`).
 */
export function splitTally(labels: readonly SplitLabel[], found: readonly Found[]): { grammatical: number; judged: number; changed: number; withdrawn: number } {
  const today = new Map(found.map((f) => [findingKey(f), f]));
  const t = { grammatical: 0, judged: 0, changed: 0, withdrawn: 0 };
  for (const l of labels) {
    const f = today.get(findingKey({ ...l, ruleId: 'sentence-length' }));
    if (f?.suggestion === undefined) t.withdrawn++;
    else if (f.suggestion !== l.suggestion) t.changed++;
    else {
      t.judged++;
      if (l.grammatical) t.grammatical++;
    }
  }
  return t;
}

export interface RuleTally {
  TP: number;
  FP: number;
  DEBATABLE: number;
  /** Judged findings the engine no longer makes, by their verdict. */
  withdrawn: Record<Verdict, number>;
  /** Findings today's engine makes on the judged documents that no label covers. */
  unjudged: number;
  /** Suggestions judged when applied, over findings whose suggestion is the one that was judged. */
  suggestionsOk: number;
  suggestionsJudged: number;
  /** Findings whose suggestion changed since it was judged (or that gained one). */
  suggestionsUnjudged: number;
}

/** A judged finding and today's finding are the same finding when they agree on file, rule and position. */
export const findingKey = (f: { file: string; ruleId: string; line: number; column: number }): string => `${f.file}\u0000${f.ruleId}\u0000${f.line}\u0000${f.column}`;

function emptyTally(): RuleTally {
  return { TP: 0, FP: 0, DEBATABLE: 0, withdrawn: { TP: 0, FP: 0, DEBATABLE: 0 }, unjudged: 0, suggestionsOk: 0, suggestionsJudged: 0, suggestionsUnjudged: 0 };
}

/** Per rule: judged findings matched to today's findings by file, rule and position (and text, as a check). */
export function tally(labels: readonly Label[], found: readonly Found[]): Map<string, RuleTally> {
  const byRule = new Map<string, RuleTally>();
  const of = (ruleId: string): RuleTally => {
    let t = byRule.get(ruleId);
    if (!t) byRule.set(ruleId, (t = emptyTally()));
    return t;
  };
  const today = new Map(found.map((f) => [findingKey(f), f]));
  const labelled = new Set<string>();
  for (const label of labels) {
    const k = findingKey(label);
    labelled.add(k);
    const t = of(label.ruleId);
    const now = today.get(k);
    if (!now || now.text !== label.text) {
      t.withdrawn[label.verdict]++;
      continue;
    }
    t[label.verdict]++;
    if ((now.suggestion ?? null) !== label.suggestion) {
      if (now.suggestion !== undefined) t.suggestionsUnjudged++;
    } else if (label.suggestion_ok !== null) {
      t.suggestionsJudged++;
      if (label.suggestion_ok) t.suggestionsOk++;
    }
  }
  for (const f of found) if (!labelled.has(findingKey(f))) of(f.ruleId).unjudged++;
  return byRule;
}

/** TP / (TP + FP); DEBATABLE findings are left out, as the editor's summary does. `undefined` with nothing judged. */
export function precision(t: Pick<RuleTally, 'TP' | 'FP'>): number | undefined {
  const n = t.TP + t.FP;
  return n === 0 ? undefined : t.TP / n;
}

/** The 95% Wilson score interval of a proportion `k / n`. */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.96;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function sum(tallies: Iterable<RuleTally>): RuleTally {
  const total = emptyTally();
  for (const t of tallies) {
    total.TP += t.TP;
    total.FP += t.FP;
    total.DEBATABLE += t.DEBATABLE;
    for (const v of ['TP', 'FP', 'DEBATABLE'] as const) total.withdrawn[v] += t.withdrawn[v];
    total.unjudged += t.unjudged;
    total.suggestionsOk += t.suggestionsOk;
    total.suggestionsJudged += t.suggestionsJudged;
    total.suggestionsUnjudged += t.suggestionsUnjudged;
  }
  return total;
}

/** Rules whose findings judge a whole sentence or paragraph: they cover a missed long sentence, not a missed word. */
const PASSAGE_RULES = new Set(['sentence-length', 'sentence-grade', 'clauses', 'long-paragraph']);

/**
 * Whether today's findings for `persona` cover a missed problem: a finding on the miss's line whose span overlaps
 * the missed text. `lineText` is that line of the file. Word-level misses are covered by word-level findings only.
 */
export function covers(miss: Miss, lineText: string, found: readonly Found[], persona: string): boolean {
  const at = lineText.toLowerCase().indexOf(miss.text.toLowerCase());
  const from = at < 0 ? 0 : at + 1;
  const to = at < 0 ? lineText.length + 1 : from + miss.text.length;
  const passage = miss.kind === 'long-sentence';
  return found.some(
    (f) =>
      f.file === miss.file &&
      f.line === miss.line &&
      f.personas.includes(persona) &&
      PASSAGE_RULES.has(f.ruleId) === passage &&
      f.column < to &&
      from < f.column + f.length,
  );
}
