/**
 * The audit engine's domain model. Plain data only: every stage of the
 * pipeline (parse → segments → metrics → findings → scores → recommendations)
 * reads and returns these shapes, so any adapter or renderer can use them.
 */

/** A position in a unit's source text. `line` and `column` are 1-based, `offset` 0-based (UTF-16 code units). */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export type AssetFormat = 'markdown' | 'html' | 'text' | 'docx' | 'macros-json' | 'macros-csv';

/** What a content team hands over: a file's bytes and where they came from. */
export interface Asset {
  path: string;
  bytes: Uint8Array;
  /** Optional channel hint (sales script, support macro, web page). */
  channel?: Channel;
  /** The stage the asset's metadata declares (S3 `x-amz-meta-clarity-stage`), as written: the engine checks it. */
  stage?: string;
}

export type Channel = 'sales-script' | 'support-macro' | 'web-page' | 'help-article' | 'document';

/** An `<!-- clarity-disable [rules] -->` / `clarity-enable` comment found by a parser. */
export interface Directive {
  offset: number;
  kind: 'disable' | 'enable';
  /** Rule ids the directive names; empty means every rule. */
  rules: string[];
}

export type BlockKind = 'paragraph' | 'heading' | 'list-item' | 'table-cell' | 'quote';

/**
 * A run of prose as the reader sees it (markup removed), with a map from each
 * character back to its offset in the unit's source text.
 */
export interface ProseBlock {
  kind: BlockKind;
  text: string;
  /** `map[i]` is the source offset of `text[i]`; `map[text.length]` is the source offset just past the block. */
  map: Int32Array;
}

/** One audited unit: a whole file, or one macro of a macro export. */
export interface Unit {
  /** Source path of the file the unit came from. */
  path: string;
  /** Stable id inside the file: `""` for whole files, `macro:<n>` for macros. */
  id: string;
  title: string;
  format: AssetFormat;
  channel: Channel;
  /** The text positions refer to: the file itself, or a macro's body. */
  source: string;
  /** Where `source` starts inside the file, for embedded units (macros). */
  origin?: { line: number; column: number };
  blocks: ProseBlock[];
  directives: Directive[];
  /** The asset's metadata stage (Asset.stage), unchecked. */
  metadataStage?: string;
}

/** A word token inside a sentence. Offsets are into the block's `text`. */
export interface Word {
  start: number;
  end: number;
  /** Lowercased token text. */
  lower: string;
  syllables: number;
}

/** A sentence: the smallest passage a finding or recommendation talks about. */
export interface Sentence {
  blockIndex: number;
  /** Offsets into the block text. */
  start: number;
  end: number;
  words: Word[];
}

export interface Paragraph {
  blockIndex: number;
  sentences: Sentence[];
}

export type Category =
  | 'jargon'
  | 'acronym'
  | 'uncommon-word'
  | 'wordiness'
  | 'sentence-length'
  | 'sentence-grade'
  | 'clauses'
  | 'long-paragraph'
  | 'passive'
  | 'nominalisation'
  | 'hedging'
  | 'condescension'
  | 'fear'
  | 'stage-fit';

export const CATEGORIES: readonly Category[] = [
  'jargon',
  'acronym',
  'uncommon-word',
  'wordiness',
  'sentence-length',
  'sentence-grade',
  'clauses',
  'long-paragraph',
  'passive',
  'nominalisation',
  'hedging',
  'condescension',
  'fear',
  'stage-fit',
];

export type Severity = 'info' | 'warning' | 'error';

/**
 * The engagement stages an asset serves (issue 12). Customers move between them in no fixed order: informed (who you
 * are, what is new), enticed (what is in it for them), activated (they act), reciprocating (a two-way relationship),
 * advocating (they tell others). The one list the report and config schemas derive from.
 */
export const STAGES = ['inform', 'entice', 'activate', 'reciprocate', 'advocate'] as const;
export type Stage = (typeof STAGES)[number];

/** Where a unit's stage came from, in the order they are tried: the first four are declared by a person. */
export const STAGE_SOURCES = ['metadata', 'key-prefix', 'front-matter', 'config', 'channel-default', 'inferred'] as const;
export type StageSource = (typeof STAGE_SOURCES)[number];

export interface StageDecision {
  stage: Stage;
  source: StageSource;
  /** 1 for a declared stage; under 1 for a channel default or an inference (under 0.5 is shown as low confidence). */
  confidence: number;
  /** Why, for a person: the declaration, or the cues in the text that decided it. */
  cues: string[];
}

/** Whether a unit does its stage's job: it passes when no stage-fit check of its stage found anything missing. */
export interface StageFit {
  pass: boolean;
  /** Stage-fit findings on the unit. */
  findings: number;
  /** The stage-fit rules those findings come from, in report order. */
  rules: string[];
}

/** A unit's stage as its report carries it: the decision, and how well the unit fits that stage. */
export interface UnitStage extends StageDecision {
  fit: StageFit;
}

/** One thing that makes the text harder for a reader, pinned to the exact source text. */
export interface Finding {
  /** Stable within a unit: `<ruleId>@<offset>`. */
  id: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  /** Exactly `source.slice(offset, offset + length)`. */
  text: string;
  line: number;
  column: number;
  offset: number;
  length: number;
  /** The replacement text where the rule can make one. */
  suggestion?: string;
  /**
   * With a suggestion: true when pasting it over `text` keeps the sentence grammatical and its meaning, so a tool
   * may apply it unattended; false when a person should read it first.
   */
  suggestionSafe?: boolean;
  /** The other sentence-level rules this sentence breaks, folded into this one finding (see findings.ts). */
  reasons?: FindingReason[];
  /** Ids of the personas this finding applies to. */
  personas: string[];
}

export interface FindingReason {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  /** The personas (of the finding's own) this reason applies to. */
  personas: string[];
}

export interface ExperienceGoal {
  id: string;
  label: string;
  /** Relative weight of this goal in the persona's overall score. */
  weight: number;
  /** How much a finding of each category hurts this goal (missing = 0). */
  categoryWeights: Partial<Record<Category, number>>;
}

export interface Persona {
  id: string;
  name: string;
  description: string;
  /** The US school grade the persona reads comfortably. */
  targetGrade: number;
  /** Longest sentence, in words, before it feels tangled. */
  maxSentenceLength: number;
  /** Terms the persona knows: never flagged as jargon. */
  knownTerms: string[];
  /** Terms the persona does not know: always flagged. */
  unfamiliarTerms: string[];
  /** The persona knows roughly this many of the most frequent English words. */
  vocabulary: number;
  /** Domain packs whose vocabulary is everyday for this persona. */
  knownPacks: string[];
  goals: ExperienceGoal[];
  /**
   * How much a stage-fit finding costs this reader, per stage (missing = 1; 0 = this reader does not mind): a
   * first-time consumer needs a clear next step more than an administrator does.
   */
  stageWeights?: Partial<Record<Stage, number>>;
}

export interface Contribution {
  findingId: string;
  /** Score points this finding costs the goal. */
  points: number;
}

export interface GoalScore {
  goalId: string;
  label: string;
  score: number;
  /** One-line reason a person can read. */
  reason: string;
  contributors: Contribution[];
}

/**
 * The stage-fit part of a persona's score: what the unit's stage-fit findings cost this reader (times the persona's
 * weight for the stage), explained like a goal. The goals whose `categoryWeights` count `stage-fit` are the ones it
 * serves, and the ones its findings cost.
 */
export interface StageFitScore {
  stage: Stage;
  /** The persona's weight for this stage. */
  weight: number;
  /** False when the stage was only inferred: the part is shown but costs no goal. */
  counted: boolean;
  score: number;
  reason: string;
  /** The goals it serves (ids). */
  goals: string[];
  contributors: Contribution[];
}

export interface Score {
  personaId: string;
  overall: number;
  goals: GoalScore[];
  stageFit: StageFitScore;
}

export interface Recommendation {
  findingIds: string[];
  personaId: string;
  /** Points the persona's overall score would gain. */
  gain: number;
  text: string;
  line: number;
  column: number;
  offset: number;
  length: number;
  why: string;
  replacement?: string;
}

export interface ReadabilityMetrics {
  words: number;
  sentences: number;
  syllables: number;
  fleschReadingEase: number;
  fleschKincaidGrade: number;
  smogIndex: number;
  colemanLiauIndex: number;
  automatedReadabilityIndex: number;
  daleChallScore: number;
  gunningFog: number;
  consensusGrade: number;
  /** False for short texts where the grades are not dependable (under 100 words). */
  confident: boolean;
  /** False under 30 sentences, the sample SMOG was built on. */
  smogConfident: boolean;
}

/** A sentence and its Flesch–Kincaid grade: reports point at the hardest ones. */
export interface HardSentence {
  text: string;
  line: number;
  column: number;
  offset: number;
  length: number;
  grade: number;
  words: number;
}

export interface UnitReport {
  path: string;
  unitId: string;
  title: string;
  format: AssetFormat;
  channel: Channel;
  origin?: { line: number; column: number };
  /** The engagement stage the unit serves, how that was decided, and how well the unit fits it. */
  stage: UnitStage;
  metrics: ReadabilityMetrics;
  /** The three sentences with the highest grade (of at least 8 words), hardest first. */
  hardestSentences: HardSentence[];
  scores: Score[];
  findings: Finding[];
  recommendations: Recommendation[];
  /** The unit's text (what positions refer to), when the audit was asked to include it: pages highlight findings in it. */
  source?: string;
}

export interface Skipped {
  path: string;
  code: string;
  reason: string;
}

export interface AuditReport {
  schemaVersion: 3;
  tool: { name: 'clarity'; version: string };
  personas: { id: string; name: string }[];
  units: UnitReport[];
  skipped: Skipped[];
}

/** Errors are values: a stable code and a message a person can act on. */
export interface ClarityError {
  code: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ClarityError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string): Result<T> => ({ ok: false, error: { code, message } });
