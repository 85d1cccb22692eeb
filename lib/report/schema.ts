import { z } from 'zod';
import { CATEGORIES, STAGES, STAGE_SOURCES, type AuditReport, type Category } from '../engine/types.ts';

/**
 * The published audit report: what `clarity audit --format json` prints and
 * what the pipeline stores. `schema/audit-report.v<n>.json` is generated from
 * this (npm run schema) for every version still published, and a test keeps
 * them in step. Version 2 added each unit's `stage`; version 3 its stage fit
 * (`stage.fit`), each score's `stageFit` part and the `stage-fit` category.
 * Versions 1 and 2 are still published for reports written before.
 */
export { REPORT_SCHEMA_VERSION } from './schema-version.ts';
import { REPORT_SCHEMA_VERSION } from './schema-version.ts';

const position = {
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
};

/** Versions 1 and 2 had no stage-fit findings: their published schemas keep the categories they had. */
const categoriesBefore3 = CATEGORIES.filter((c) => c !== 'stage-fit') as [Category, ...Category[]];

const findingOf = (categories: readonly [Category, ...Category[]]) => z.object({
  id: z.string(),
  ruleId: z.string(),
  category: z.enum(categories),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  text: z.string().describe('exactly the matched source text: source.slice(offset, offset + length)'),
  ...position,
  suggestion: z.string().optional(),
  suggestionSafe: z.boolean().optional().describe('true when the suggestion can be applied without a person reading it'),
  reasons: z
    .array(z.object({ ruleId: z.string(), category: z.enum(categories), severity: z.enum(['info', 'warning', 'error']), message: z.string(), personas: z.array(z.string()) }))
    .optional()
    .describe('other sentence-level rules the same sentence breaks, folded into this finding'),
  personas: z.array(z.string()),
});

const goalScore = z.object({
  goalId: z.string(),
  label: z.string(),
  score: z.number().min(0).max(100),
  reason: z.string(),
  contributors: z.array(z.object({ findingId: z.string(), points: z.number() })),
});

const scoreV2 = z.object({
  personaId: z.string(),
  overall: z.number().min(0).max(100),
  goals: z.array(goalScore),
});

const score = scoreV2.extend({
  stageFit: z
    .object({
      stage: z.enum(STAGES),
      weight: z.number().min(0).describe("the persona's weight for this stage (1 unless its stageWeights say otherwise)"),
      counted: z.boolean().describe('false when the stage was only inferred from the text: the part is shown but costs no goal'),
      score: z.number().min(0).max(100),
      reason: z.string(),
      goals: z.array(z.string()).describe('the goals it serves: those whose categoryWeights count stage-fit'),
      contributors: z.array(z.object({ findingId: z.string(), points: z.number() })),
    })
    .describe("the stage-fit part of the persona's score: what the unit's stage-fit findings cost this reader"),
});

const recommendation = z.object({
  findingIds: z.array(z.string()),
  personaId: z.string(),
  gain: z.number(),
  text: z.string(),
  ...position,
  why: z.string(),
  replacement: z.string().optional(),
});

const metrics = z.object({
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
  confident: z.boolean().describe('false under 100 words: the grades are not dependable'),
  smogConfident: z.boolean().describe('false under 30 sentences, the sample SMOG was built on'),
});

const hardSentence = z.object({
  text: z.string(),
  ...position,
  grade: z.number(),
  words: z.number().int().min(0),
});

const stage = z.object({
  stage: z.enum(STAGES),
  source: z.enum(STAGE_SOURCES).describe('metadata, key-prefix, front-matter and config are declared; channel-default and inferred are not'),
  confidence: z.number().min(0).max(1).describe('1 when declared; under 0.5 is a guess to check'),
  cues: z.array(z.string()).describe('why: the declaration, or the cues in the text that decided it'),
});

const unitOf = <S extends z.ZodType>(categories: readonly [Category, ...Category[]], scores: S) => z.object({
  path: z.string(),
  unitId: z.string().describe('"" for a whole file, "macro:<n>" for one macro of an export'),
  title: z.string(),
  format: z.enum(['markdown', 'html', 'text', 'docx', 'macros-json', 'macros-csv']),
  channel: z.enum(['sales-script', 'support-macro', 'web-page', 'help-article', 'document']),
  origin: z.object({ line: z.number().int().min(1), column: z.number().int().min(1) }).optional(),
  metrics,
  hardestSentences: z.array(hardSentence).max(3),
  scores: z.array(scores),
  findings: z.array(findingOf(categories)),
  recommendations: z.array(recommendation),
  source: z.string().optional().describe('the text positions refer to, when included (pages highlight findings in it)'),
});

const unitV1 = unitOf(categoriesBefore3, scoreV2);
const unitV2 = unitV1.extend({ stage: stage.describe('the engagement stage the unit serves, and how that was decided') });
const unit = unitOf(CATEGORIES as [Category, ...Category[]], score).extend({
  stage: stage
    .extend({
      fit: z
        .object({
          pass: z.boolean().describe('true when no stage-fit check of its stage found anything missing'),
          findings: z.number().int().min(0).describe('stage-fit findings on the unit'),
          rules: z.array(z.string()).describe('the stage-fit rules those findings come from'),
        })
        .describe('how well the unit does its stage\'s job'),
    })
    .describe('the engagement stage the unit serves, how that was decided, and how well the unit fits it'),
});

function reportOf<V extends number, U extends z.ZodType>(version: V, units: U) {
  return z.object({
    schemaVersion: z.literal(version),
    tool: z.object({ name: z.literal('clarity'), version: z.string() }),
    personas: z.array(z.object({ id: z.string(), name: z.string() })),
    units: z.array(units),
    skipped: z.array(z.object({ path: z.string(), code: z.string(), reason: z.string() })),
  });
}

/** The current version, which clarity writes. */
export const auditReportSchema = reportOf(REPORT_SCHEMA_VERSION, unit);
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

// Compile-time proof that the engine's types and this schema describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const schemaMatchesTypes: Same<z.infer<typeof auditReportSchema>, AuditReport> = true;
