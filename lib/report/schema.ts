import { z } from 'zod';
import { CATEGORIES, type AuditReport, type Category } from '../engine/types.ts';

/**
 * The published audit report, version 1: what `clarity audit --format json`
 * prints and what the pipeline stores. `schema/audit-report.v1.json` is
 * generated from this (npm run schema) and a test keeps the two in step.
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
  category: z.enum(CATEGORIES as [Category, ...Category[]]),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  text: z.string().describe('exactly the matched source text: source.slice(offset, offset + length)'),
  ...position,
  suggestion: z.string().optional(),
  suggestionSafe: z.boolean().optional().describe('true when the suggestion can be applied without a person reading it'),
  reasons: z
    .array(z.object({ ruleId: z.string(), category: z.enum(CATEGORIES as [Category, ...Category[]]), severity: z.enum(['info', 'warning', 'error']), message: z.string(), personas: z.array(z.string()) }))
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

const unit = z.object({
  path: z.string(),
  unitId: z.string().describe('"" for a whole file, "macro:<n>" for one macro of an export'),
  title: z.string(),
  format: z.enum(['markdown', 'html', 'text', 'docx', 'macros-json', 'macros-csv']),
  channel: z.enum(['sales-script', 'support-macro', 'web-page', 'help-article', 'document']),
  origin: z.object({ line: z.number().int().min(1), column: z.number().int().min(1) }).optional(),
  metrics,
  hardestSentences: z.array(hardSentence).max(3),
  scores: z.array(score),
  findings: z.array(finding),
  recommendations: z.array(recommendation),
  source: z.string().optional().describe('the text positions refer to, when included (pages highlight findings in it)'),
});

export const auditReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('clarity'), version: z.string() }),
  personas: z.array(z.object({ id: z.string(), name: z.string() })),
  units: z.array(unit),
  skipped: z.array(z.object({ path: z.string(), code: z.string(), reason: z.string() })),
});

export function auditReportJsonSchema(): Record<string, unknown> {
  return {
    $id: 'urn:clarity:schema:audit-report:v1',
    title: 'clarity audit report',
    ...z.toJSONSchema(auditReportSchema, { target: 'draft-2020-12' }),
  };
}

// Compile-time proof that the engine's types and this schema describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const schemaMatchesTypes: Same<z.infer<typeof auditReportSchema>, AuditReport> = true;
