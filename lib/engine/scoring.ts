import { firstSorted } from './first-sorted.ts';
import type { Category, ExperienceGoal, Finding, GoalScore, Persona, ReadabilityMetrics, Score, Severity, Stage, StageFitScore } from './types.ts';
import { RULES } from './rules/registry.ts';

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
  'stage-fit': "gaps in its stage's job",
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
  /** The unit's stage, what its stage-fit findings cost this persona (its weight for the stage), and whether they count. */
  stage: Stage;
  stageWeight: number;
  stageCounted: boolean;
}

/** What the ledger needs of the unit besides its findings. */
export interface LedgerUnit {
  stage: Stage;
  words: number;
  /**
   * Whether the stage-fit findings cost the goals: yes when a person declared the stage or its channel implies it;
   * no when it was only inferred from the text, since a score should not fall for missing a job nobody gave the
   * text (its stage-fit part is still worked out and shown).
   */
  counted: boolean;
}

/** A persona's weight for a stage: how much that stage's gaps cost this reader. */
export function stageWeight(persona: Persona, stage: Stage): number {
  return persona.stageWeights?.[stage] ?? 1;
}

export function ledger(persona: Persona, findings: readonly Finding[], unit: LedgerUnit): Ledger {
  const mine = findings.filter((f) => f.personas.includes(persona.id));
  const goals = persona.goals.length;
  const costs = new Float64Array(mine.length * goals);
  const totals = new Array<number>(goals).fill(0);
  const weight = stageWeight(persona, unit.stage);
  // A stage-fit finding judges the whole unit (something missing), not a passage: it costs the same in a long text
  // as in a short one, where every other finding costs per 100 words.
  const wholeUnit = unit.counted ? (weight * Math.max(unit.words, MIN_WORDS)) / MIN_WORDS : 0;
  mine.forEach((f, i) => {
    persona.goals.forEach((goal, g) => {
      const p = penalty(goal, f, persona.id) * (f.category === 'stage-fit' ? wholeUnit : 1);
      costs[i * goals + g] = p;
      totals[g] = (totals[g] ?? 0) + p;
    });
  });
  return { persona, findings: mine, costs, totals, indexOf: new Map(mine.map((f, i) => [f, i])), stage: unit.stage, stageWeight: weight, stageCounted: unit.counted };
}

/**
 * What the text's reading grade costs a goal, per grade and per 100 words, times the goal's weight for hard
 * sentences: the text as a whole reads hard for the reader, whichever sentences carry it. 1.25 since passives after
 * a bare "is" left the default rules (2026-12-08): with fewer findings carrying a text's difficulty, its measured
 * grade weighs a quarter more (OneStopEnglish triples in order, per built-in persona: 0.958 / 0.952 / 0.952 at 1,
 * 0.963 / 0.968 / 0.958 at 1.25, 0.968 / 0.963 / 0.958 at 1.5, 0.968 / 0.963 / 0.952 at 2).
 */
export const GRADE_GAP_COST = 1.25;

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
export function scorePersona({ persona, findings, costs, totals, stage, stageWeight: weight, stageCounted }: Ledger, metrics: Pick<ReadabilityMetrics, 'words' | 'consensusGrade' | 'confident'>): Score {
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
  return { personaId: persona.id, overall: weightedOverall(persona, goals.map((g) => g.score)), goals, stageFit: stageFitScore(persona, stage, weight, stageCounted, findings) };
}

/**
 * The stage-fit part: what the unit's stage-fit findings would cost a goal that weights them 1, times the
 * persona's weight for the stage, explained by the gaps that cost most. The goals it serves are those whose
 * `categoryWeights` count `stage-fit` (by default in control and assured); the overall score feels it through them,
 * when the stage was declared or is the channel's default (see LedgerUnit.counted).
 */
function stageFitScore(persona: Persona, stage: Stage, weight: number, counted: boolean, findings: readonly Finding[]): StageFitScore {
  const gaps = findings.filter((f) => f.category === 'stage-fit').map((f) => ({ f, p: SEVERITY_WEIGHT[f.severity] * weight }));
  const total = gaps.reduce((n, g) => n + g.p, 0);
  const score = goalScore(total, MIN_WORDS);
  const contributors = firstSorted(gaps, TOP_CONTRIBUTORS, (a, b) => b.p - a.p || a.f.id.localeCompare(b.f.id)).map(({ f, p }) => ({ findingId: f.id, points: round1(goalScore(total - p, MIN_WORDS) - score) }));
  const served = persona.goals.filter((g) => (g.categoryWeights['stage-fit'] ?? 0) > 0);
  const costs = !counted
    ? ' Its stage was inferred from the text, so it counts towards no goal: declare the stage to count it.'
    : served.length > 0
      ? ` It counts towards ${served.map((g) => g.label.toLowerCase()).join(' and ')}.`
      : ' No goal of this persona counts it.';
  const weighted = weight === 1 ? '' : ` (weighted ${weight} for this reader)`;
  const reason =
    gaps.length === 0
      ? `Does the job of its stage (${stage}): no stage-fit check found anything missing.${costs}`
      : `Falls short of its stage (${stage})${weighted}: ${[...new Set(gaps.map(({ f }) => (RULES[f.ruleId]?.short ?? f.ruleId).toLowerCase()))].join('; ')}.${costs}`;
  return { stage, weight, counted, score, reason, goals: served.map((g) => g.id), contributors };
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
