import { z } from 'zod';
import { ASSET_FORMATS, CATEGORIES, CHANNELS, SEVERITIES, STAGES, STAGE_SOURCES, type Category } from '../engine/types.ts';

/**
 * The published audit report: what `clarity audit --format json` prints and
 * what the pipeline stores. `schema/audit-report.v<n>.json` is generated from
 * this (npm run schema) for every version still published, and a test keeps
 * them in step. Version 2 added each unit's `stage`; version 3 its stage fit
 * (`stage.fit`), each score's `stageFit` part and the `stage-fit` category.
 * Versions 1 and 2 are still published for reports written before. The engine's report types
 * (lib/engine/types.ts) are inferred from the current version's schemas.
 */
export { REPORT_SCHEMA_VERSION } from './schema-version.ts';
import { REPORT_SCHEMA_VERSION } from './schema-version.ts';

const position = {
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
};

type Categories = readonly [Category, ...Category[]];

/** Versions 1 and 2 had no stage-fit findings: their published schemas keep the categories they had. */
const categoriesBefore3 = CATEGORIES.filter((c) => c !== 'stage-fit') as unknown as Categories;

const findingReasonOf = (categories: Categories) =>
  z.object({
    ruleId: z.string(),
    category: z.enum(categories),
    severity: z.enum(SEVERITIES),
    message: z.string(),
    /** The personas (of the finding's own) this reason applies to. */
    personas: z.array(z.string()),
  });

/** One thing that makes the text harder for a reader, pinned to the exact source text. */
const findingOf = (categories: Categories) =>
  z.object({
    /** Stable within a unit: `<ruleId>@<offset>`. */
    id: z.string(),
    ruleId: z.string(),
    category: z.enum(categories),
    severity: z.enum(SEVERITIES),
    message: z.string(),
    /** Exactly `source.slice(offset, offset + length)`. */
    text: z.string().describe('exactly the matched source text: source.slice(offset, offset + length)'),
    ...position,
    /** The replacement text where the rule can make one. */
    suggestion: z.string().optional(),
    /**
     * With a suggestion: true when pasting it over `text` keeps the sentence grammatical and its meaning, so a tool
     * may apply it unattended; false when a person should read it first.
     */
    suggestionSafe: z.boolean().optional().describe('true when the suggestion can be applied without a person reading it'),
    /** The other sentence-level rules this sentence breaks, folded into this one finding (see findings.ts). */
    reasons: z.array(findingReasonOf(categories)).optional().describe('other sentence-level rules the same sentence breaks, folded into this finding'),
    /** Ids of the personas this finding applies to. */
    personas: z.array(z.string()),
  });

export const findingReasonSchema = findingReasonOf(CATEGORIES as Categories);
export const findingSchema = findingOf(CATEGORIES as Categories);

export const contributionSchema = z.object({
  findingId: z.string(),
  /** Score points this finding costs the goal. */
  points: z.number(),
});

export const goalScoreSchema = z.object({
  goalId: z.string(),
  label: z.string(),
  score: z.number().min(0).max(100),
  /** One-line reason a person can read. */
  reason: z.string(),
  contributors: z.array(contributionSchema),
});

const scoreV2 = z.object({
  personaId: z.string(),
  overall: z.number().min(0).max(100),
  goals: z.array(goalScoreSchema),
});

/**
 * The stage-fit part of a persona's score: what the unit's stage-fit findings cost this reader (times the persona's
 * weight for the stage), explained like a goal. The goals whose `categoryWeights` count `stage-fit` are the ones it
 * serves, and the ones its findings cost.
 */
export const stageFitScoreSchema = z
  .object({
    stage: z.enum(STAGES),
    weight: z.number().min(0).describe("the persona's weight for this stage (1 unless its stageWeights say otherwise)"),
    counted: z.boolean().describe('false when the stage was only inferred from the text: the part is shown but costs no goal'),
    score: z.number().min(0).max(100),
    reason: z.string(),
    goals: z.array(z.string()).describe('the goals it serves: those whose categoryWeights count stage-fit'),
    contributors: z.array(contributionSchema),
  })
  .describe("the stage-fit part of the persona's score: what the unit's stage-fit findings cost this reader");

export const scoreSchema = scoreV2.extend({ stageFit: stageFitScoreSchema });

export const recommendationSchema = z.object({
  findingIds: z.array(z.string()),
  personaId: z.string(),
  /** Points the persona's overall score would gain. */
  gain: z.number(),
  text: z.string(),
  ...position,
  why: z.string(),
  replacement: z.string().optional(),
});

export const readabilityMetricsSchema = z.object({
  words: z.number().int().min(0),
  sentences: z.number().int().min(0),
  syllables: z.number().int().min(0),
  fleschReadingEase: z.number(),
  fleschKincaidGrade: z.number(),
  smogIndex: z.number(),
  colemanLiauIndex: z.number(),
  automatedReadabilityIndex: z.number(),
  daleChallScore: z.number(),
  gunningFog: z.number(),
  consensusGrade: z.number(),
  /** False for short texts where the grades are not dependable (under 100 words). */
  confident: z.boolean().describe('false under 100 words: the grades are not dependable'),
  /** False under 30 sentences, the sample SMOG was built on. */
  smogConfident: z.boolean().describe('false under 30 sentences, the sample SMOG was built on'),
});

/** A sentence and its Flesch–Kincaid grade: reports point at the hardest ones. */
export const hardSentenceSchema = z.object({
  text: z.string(),
  ...position,
  grade: z.number(),
  words: z.number().int().min(0),
});

export const stageDecisionSchema = z.object({
  stage: z.enum(STAGES),
  source: z.enum(STAGE_SOURCES).describe('metadata, key-prefix, front-matter and config are declared; channel-default and inferred are not'),
  /** 1 for a declared stage; under 1 for a channel default or an inference (under 0.5 is shown as low confidence). */
  confidence: z.number().min(0).max(1).describe('1 when declared; under 0.5 is a guess to check'),
  /** Why, for a person: the declaration, or the cues in the text that decided it. */
  cues: z.array(z.string()).describe('why: the declaration, or the cues in the text that decided it'),
});

/** Whether a unit does its stage's job: it passes when no stage-fit check of its stage found anything missing. */
export const stageFitSchema = z
  .object({
    pass: z.boolean().describe('true when no stage-fit check of its stage found anything missing'),
    findings: z.number().int().min(0).describe('stage-fit findings on the unit'),
    rules: z.array(z.string()).describe('the stage-fit rules those findings come from'),
  })
  .describe("how well the unit does its stage's job");

/** A unit's stage as its report carries it: the decision, and how well the unit fits that stage. */
export const unitStageSchema = stageDecisionSchema
  .extend({ fit: stageFitSchema })
  .describe('the engagement stage the unit serves, how that was decided, and how well the unit fits it');

const unitOf = <S extends z.ZodType>(categories: Categories, scores: S) =>
  z.object({
    path: z.string(),
    unitId: z.string().describe('"" for a whole file, "macro:<n>" for one macro of an export'),
    title: z.string(),
    format: z.enum(ASSET_FORMATS),
    channel: z.enum(CHANNELS),
    origin: z.object({ line: z.number().int().min(1), column: z.number().int().min(1) }).optional(),
    metrics: readabilityMetricsSchema,
    /** The three sentences with the highest grade (of at least 8 words), hardest first. */
    hardestSentences: z.array(hardSentenceSchema).max(3),
    scores: z.array(scores),
    findings: z.array(findingOf(categories)),
    recommendations: z.array(recommendationSchema),
    /** The unit's text (what positions refer to), when the audit was asked to include it: pages highlight findings in it. */
    source: z.string().optional().describe('the text positions refer to, when included (pages highlight findings in it)'),
  });

const unitV1 = unitOf(categoriesBefore3, scoreV2);
const unitV2 = unitV1.extend({ stage: stageDecisionSchema.describe('the engagement stage the unit serves, and how that was decided') });
export const unitReportSchema = unitOf(CATEGORIES as Categories, scoreSchema).extend({ stage: unitStageSchema });

export const skippedSchema = z.object({ path: z.string(), code: z.string(), reason: z.string() });

function reportOf<V extends number, U extends z.ZodType>(version: V, units: U) {
  return z.object({
    schemaVersion: z.literal(version),
    tool: z.object({ name: z.literal('clarity'), version: z.string() }),
    personas: z.array(z.object({ id: z.string(), name: z.string() })),
    units: z.array(units),
    skipped: z.array(skippedSchema),
  });
}

/** The current version, which clarity writes. */
export const auditReportSchema = reportOf(REPORT_SCHEMA_VERSION, unitReportSchema);
/** Version 2: stages without their fit. */
export const auditReportSchemaV2 = reportOf(2, unitV2);
/** Version 1: reports without stages. */
export const auditReportSchemaV1 = reportOf(1, unitV1);

const BY_VERSION = { 1: auditReportSchemaV1, 2: auditReportSchemaV2, [REPORT_SCHEMA_VERSION]: auditReportSchema } as const;

/** The versions whose JSON Schemas are published in schema/. */
export const PUBLISHED_REPORT_VERSIONS = [1, 2, REPORT_SCHEMA_VERSION] as const;

export function auditReportJsonSchema(version: (typeof PUBLISHED_REPORT_VERSIONS)[number] = REPORT_SCHEMA_VERSION): Record<string, unknown> {
  return {
    $id: `urn:clarity:schema:audit-report:v${version}`,
    title: 'clarity audit report',
    ...z.toJSONSchema(BY_VERSION[version], { target: 'draft-2020-12' }),
  };
}
