import type { z } from 'zod';
import type * as report from '../report/schema.ts';
import type * as zm from 'zod/mini';
import type * as persona from './persona/schema.ts';

/**
 * The audit engine's domain model. Plain data only: every stage of the
 * pipeline (parse → segments → metrics → findings → scores → recommendations)
 * reads and returns these shapes, so any adapter or renderer can use them.
 */

import type { BODY_MAP, BodyMap } from './parse/body-map.ts';

/** A position in a unit's source text. `line` and `column` are 1-based, `offset` 0-based (UTF-16 code units). */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** The formats clarity reads: the one list the type and the report schema derive from (as for the shapes below). */
export const ASSET_FORMATS = ['markdown', 'html', 'text', 'docx', 'macros-json', 'macros-csv'] as const;
export type AssetFormat = (typeof ASSET_FORMATS)[number];

/** What a content team hands over: a file's bytes and where they came from. */
export interface Asset {
  path: string;
  bytes: Uint8Array;
  /** Optional channel hint (sales script, support macro, web page). */
  channel?: Channel;
  /** The stage the asset's metadata declares (S3 `x-amz-meta-clarity-stage`), as written: the engine checks it. */
  stage?: string;
}

export const CHANNELS = ['sales-script', 'support-macro', 'web-page', 'help-article', 'document'] as const;
export type Channel = (typeof CHANNELS)[number];

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
  /** For a macro, each offset of `source` as an offset in its export, kept from the parse. */
  bodyMap?: BodyMap;
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

export const CATEGORIES = [
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
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

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

// A persona, inferred from the schema it is validated with at the edge (zod/mini, which the audit Lambda loads anyway).
export type ExperienceGoal = zm.output<typeof persona.experienceGoalSchema>;
export type Persona = zm.output<typeof persona.personaSchema>;

// The report's shapes, inferred from its zod schemas (lib/report/schema.ts): one definition, published as JSON
// Schema. The import is of types only, so the engine does not load zod.
export type StageDecision = z.output<typeof report.stageDecisionSchema>;
export type StageFit = z.output<typeof report.stageFitSchema>;
export type UnitStage = z.output<typeof report.unitStageSchema>;
export type StageFitScore = z.output<typeof report.stageFitScoreSchema>;
export type Finding = z.output<typeof report.findingSchema>;
export type FindingReason = z.output<typeof report.findingReasonSchema>;
export type Contribution = z.output<typeof report.contributionSchema>;
export type GoalScore = z.output<typeof report.goalScoreSchema>;
export type Score = z.output<typeof report.scoreSchema>;
export type Recommendation = z.output<typeof report.recommendationSchema>;
export type ReadabilityMetrics = z.output<typeof report.readabilityMetricsSchema>;
export type HardSentence = z.output<typeof report.hardSentenceSchema>;
/** A unit's report; a macro's body map rides along in memory only (see BODY_MAP), never in JSON. */
export type UnitReport = z.output<typeof report.unitReportSchema> & { [BODY_MAP]?: BodyMap };
export type Skipped = z.output<typeof report.skippedSchema>;
export type AuditReport = Omit<z.output<typeof report.auditReportSchema>, 'units'> & { units: UnitReport[] };

/** Errors are values: a stable code and a message a person can act on. */
export interface ClarityError {
  code: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ClarityError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string): Result<T> => ({ ok: false, error: { code, message } });
