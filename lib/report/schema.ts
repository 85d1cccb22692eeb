import { z } from 'zod';
import { ASSET_FORMATS, CATEGORIES, CHANNELS, SEVERITIES, STAGES, STAGE_SOURCES, type AuditReport } from '../engine/types.ts';

/**
 * The published audit report: what `clarity audit --format json` prints and
 * what the pipeline stores. `schema/audit-report.v<n>.json` is generated from
 * this (npm run schema) for every version still published, and a test keeps
 * them in step. Version 2 added each unit's `stage`; version 1 is still
 * published for reports written before it.
 */
export { REPORT_SCHEMA_VERSION } from './schema-version.ts';
import { REPORT_SCHEMA_VERSION } from './schema-version.ts';

const position = {
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
};

const finding = z.object({
  id: z.string(),
  ruleId: z.string(),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  text: z.string().describe('exactly the matched source text: source.slice(offset, offset + length)'),
  ...position,
  suggestion: z.string().optional(),
  suggestionSafe: z.boolean().optional().describe('true when the suggestion can be applied without a person reading it'),
  reasons: z
    .array(z.object({ ruleId: z.string(), category: z.enum(CATEGORIES), severity: z.enum(SEVERITIES), message: z.string(), personas: z.array(z.string()) }))
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

const score = z.object({
  personaId: z.string(),
  overall: z.number().min(0).max(100),
  goals: z.array(goalScore),
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

const unitV1 = z.object({
  path: z.string(),
  unitId: z.string().describe('"" for a whole file, "macro:<n>" for one macro of an export'),
  title: z.string(),
  format: z.enum(ASSET_FORMATS),
  channel: z.enum(CHANNELS),
  origin: z.object({ line: z.number().int().min(1), column: z.number().int().min(1) }).optional(),
  metrics,
  hardestSentences: z.array(hardSentence).max(3),
  scores: z.array(score),
  findings: z.array(finding),
  recommendations: z.array(recommendation),
  source: z.string().optional().describe('the text positions refer to, when included (pages highlight findings in it)'),
});

const unit = unitV1.extend({ stage: stage.describe('the engagement stage the unit serves, and how that was decided') });

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
/** Version 1: reports without stages. */
export const auditReportSchemaV1 = reportOf(1, unitV1);

/** The versions whose JSON Schemas are published in schema/. */
export const PUBLISHED_REPORT_VERSIONS = [1, REPORT_SCHEMA_VERSION] as const;

export function auditReportJsonSchema(version: (typeof PUBLISHED_REPORT_VERSIONS)[number] = REPORT_SCHEMA_VERSION): Record<string, unknown> {
  return {
    $id: `urn:clarity:schema:audit-report:v${version}`,
    title: 'clarity audit report',
    ...z.toJSONSchema(version === 1 ? auditReportSchemaV1 : auditReportSchema, { target: 'draft-2020-12' }),
  };
}

// Compile-time proof that the engine's types and this schema describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const schemaMatchesTypes: Same<z.infer<typeof auditReportSchema>, AuditReport> = true;
