import { firstSorted } from './first-sorted.ts';
import type { Category, ExperienceGoal, Finding, GoalScore, Persona, ReadabilityMetrics, Score, Severity } from './types.ts';

export const SEVERITY_WEIGHT: Record<Severity, number> = { info: 1, warning: 2, error: 4 };

/** Short texts are judged as if this long, so one finding in a two-line macro does not sink it. */
const MIN_WORDS = 100;
/** Penalty per 100 words at which a goal's score falls to 100/e ≈ 37. */
const TAU = 18;
const TOP_CONTRIBUTORS = 3;

const CATEGORY_LABEL: Record<Category, string> = {
  jargon: 'jargon',
  acronym: 'undefined acronyms',
  'uncommon-word': 'uncommon words',
  wordiness: 'wordy phrasing',
  'sentence-length': 'long sentences',
  'sentence-grade': 'hard sentences',
  clauses: 'tangled clauses',
  'long-paragraph': 'long paragraphs',
  passive: 'passive voice',
  nominalisation: 'hidden verbs',
  hedging: 'hedging',
  condescension: 'condescending words',
  fear: 'fear words without reassurance',
};

/** What one finding costs one goal, before normalising by length: a sentence that breaks several rules costs each. */
export function penalty(goal: ExperienceGoal, f: Finding, personaId: string): number {
  let p = SEVERITY_WEIGHT[f.severity] * (goal.categoryWeights[f.category] ?? 0);
  for (const r of f.reasons ?? []) if (r.personas.includes(personaId)) p += SEVERITY_WEIGHT[r.severity] * (goal.categoryWeights[r.category] ?? 0);
  return p;
}

/** 0–100 from a total penalty over a text of `words` words: 100 when nothing is wrong, falling smoothly. */
export function goalScore(totalPenalty: number, words: number): number {
  const density = (totalPenalty * 100) / Math.max(words, MIN_WORDS);
  return round1(100 * Math.exp(-density / TAU));
}

export function weightedOverall(persona: Persona, goalScores: readonly number[]): number {
  const total = persona.goals.reduce((n, g) => n + g.weight, 0);
  return round1(persona.goals.reduce((n, g, i) => n + g.weight * (goalScores[i] ?? 0), 0) / total);
}

/**
 * What each finding that applies to a persona costs each of its goals, worked out once per unit and
 * read by both the score and the recommendations.
 */
export interface Ledger {
  persona: Persona;
  /** The unit's findings that apply to the persona, in report order. */
  findings: Finding[];
  /** `costs[i * goals + g]`: the penalty of finding `i` against goal `g`. */
  costs: Float64Array;
  /** Total penalty per goal. */
  totals: number[];
  /** Each applying finding's index in `findings`. */
  indexOf: Map<Finding, number>;
}

export function ledger(persona: Persona, findings: readonly Finding[]): Ledger {
  const mine = findings.filter((f) => f.personas.includes(persona.id));
  const goals = persona.goals.length;
  const costs = new Float64Array(mine.length * goals);
  const totals = new Array<number>(goals).fill(0);
  mine.forEach((f, i) => {
    persona.goals.forEach((goal, g) => {
      const p = penalty(goal, f, persona.id);
      costs[i * goals + g] = p;
      totals[g] = (totals[g] ?? 0) + p;
    });
  });
  return { persona, findings: mine, costs, totals, indexOf: new Map(mine.map((f, i) => [f, i])) };
}

/**
 * What the text's reading grade costs a goal, per grade and per 100 words, times the goal's weight for hard
 * sentences: the text as a whole reads hard for the reader, whichever sentences carry it.
 */
export const GRADE_GAP_COST = 1;

/**
 * Grades below the persona's target from which a text's grade starts to cost, at half rate until the target and
 * full rate above it. A reader who can manage grade 12 still reads grade 10 more easily than grade 11, so two
 * texts both under the target are told apart by their grade (on onestop this orders the administrator's
 * intermediate and advanced versions, which no finding tells apart).
 */
export const COMFORT_MARGIN = 4;

/** Grades the text reads above the persona's target: 0 when it does not, or when the text is too short to grade. */
export function gradeGap(persona: Persona, metrics: Pick<ReadabilityMetrics, 'consensusGrade' | 'confident'>): number {
  return metrics.confident ? Math.max(0, round1(metrics.consensusGrade - persona.targetGrade)) : 0;
}

/** The grade load the score charges: half a grade per grade from `COMFORT_MARGIN` under the target, plus the gap. */
export function gradeLoad(persona: Persona, metrics: Pick<ReadabilityMetrics, 'consensusGrade' | 'confident'>): number {
  if (!metrics.confident) return 0;
  const over = metrics.consensusGrade - persona.targetGrade;
  return round1((Math.max(0, over + COMFORT_MARGIN) + Math.max(0, over)) / 2);
}

/** A persona's score: one per experience goal, each explained by the findings that cost it most, and the weighted overall. */
export function scorePersona({ persona, findings, costs, totals }: Ledger, metrics: Pick<ReadabilityMetrics, 'words' | 'consensusGrade' | 'confident'>): Score {
  const { words } = metrics;
  const n = persona.goals.length;
  const gap = gradeGap(persona, metrics);
  const load = gradeLoad(persona, metrics);
  const grade = round1(metrics.consensusGrade);
  const reading =
    gap > 0 ? `Reads at about grade ${grade}, above this reader's ${persona.targetGrade}.` : `Reads at about grade ${grade}, near this reader's ${persona.targetGrade}: easier still reads faster.`;
  const goals: GoalScore[] = persona.goals.map((goal, g) => {
    const paying = findings.flatMap((f, i) => {
      const p = costs[i * n + g] ?? 0;
      return p > 0 ? [{ f, p }] : [];
    });
    const level = (load * GRADE_GAP_COST * (goal.categoryWeights['sentence-grade'] ?? 0) * Math.max(words, MIN_WORDS)) / 100;
    const total = (totals[g] ?? 0) + level;
    const score = goalScore(total, words);
    // A finding's points depend only on its penalty, and a unit's findings share a handful of penalties.
    const pointsFor = new Map<number, number>();
    const points = (p: number): number => {
      let v = pointsFor.get(p);
      if (v === undefined) pointsFor.set(p, (v = round1(goalScore(total - p, words) - score)));
      return v;
    };
    const contributors = firstSorted(paying, TOP_CONTRIBUTORS, (a, b) => points(b.p) - points(a.p) || a.f.id.localeCompare(b.f.id)).map(({ f, p }) => ({ findingId: f.id, points: points(p) }));
    const reason = level === 0 ? reasonFor(goal, paying) : paying.length === 0 ? reading : `${reading} ${reasonFor(goal, paying)}`;
    return { goalId: goal.id, label: goal.label, score, reason, contributors };
  });
  return { personaId: persona.id, overall: weightedOverall(persona, goals.map((g) => g.score)), goals };
}

function reasonFor(goal: ExperienceGoal, costs: { f: Finding; p: number }[]): string {
  if (costs.length === 0) return `Nothing here gets in the way of feeling ${goal.label.toLowerCase()}.`;
  const byCategory = new Map<Category, { n: number; p: number }>();
  for (const { f, p } of costs) {
    const c = byCategory.get(f.category) ?? { n: 0, p: 0 };
    byCategory.set(f.category, { n: c.n + 1, p: c.p + p });
  }
  const top = [...byCategory.entries()].sort((a, b) => b[1].p - a[1].p || a[0].localeCompare(b[0])).slice(0, 2);
  return `Held back most by ${top.map(([c, { n }]) => `${CATEGORY_LABEL[c]} (${n})`).join(' and ')}.`;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * The worst (lowest) of some overall scores: a unit's across its personas, an asset's across its units, a record's
 * across personas. "Worst first" sorts on it; 100, a clean score, when there are none.
 */
export function worstOf(scores: Iterable<number>): number {
  let worst = 100;
  for (const s of scores) if (s < worst) worst = s;
  return worst;
}
