// zod/mini: the persona schema runs in the audit Lambda, where full zod would add 440 KB to the bundle.
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { CATEGORIES, STAGES, fail, ok, type Persona, type Result } from '../types.ts';
import { describeIssues } from './field-issues.ts';

// Messages a person can act on ("Too big: expected number to be <=20"), not zod/mini's bare "Invalid input".
z.config(en());

/** Words this common are known to every persona. */
export const MIN_VOCABULARY = 1000;

const category = z.enum(CATEGORIES);
const id = z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'));
const range = (min: number, max: number) => z.number().check(z.minimum(min), z.maximum(max));

// Strict: a misspelt field (`maxSentenceLenght`) is an error that names it, not a field silently ignored.
export const experienceGoalSchema = z.strictObject({
  id,
  label: z.string().check(z.minLength(1)),
  /** Relative weight of this goal in the persona's overall score. */
  weight: z.number().check(z.positive()),
  /** How much a finding of each category hurts this goal (missing = 0). */
  categoryWeights: z.partialRecord(category, z.number().check(z.minimum(0))),
});

export const personaSchema = z.strictObject({
  id,
  name: z.string().check(z.minLength(1)),
  description: z.string(),
  /** The US school grade the persona reads comfortably. */
  targetGrade: range(1, 20),
  /** Longest sentence, in words, before it feels tangled. */
  maxSentenceLength: z.int().check(z.minimum(5), z.maximum(100)),
  /** The persona knows roughly this many of the most frequent English words. */
  vocabulary: z.int().check(z.minimum(MIN_VOCABULARY), z.maximum(80000)),
  /** Terms the persona knows: never flagged as jargon. */
  knownTerms: z.array(z.string()),
  /** Terms the persona does not know: always flagged. */
  unfamiliarTerms: z.array(z.string()),
  /** Domain packs whose vocabulary is everyday for this persona. */
  knownPacks: z.array(z.string()),
  goals: z.array(experienceGoalSchema).check(z.minLength(1)),
  /** How much a stage-fit finding costs this reader, per stage (missing = 1, 0 = not at all). */
  stageWeights: z.optional(z.partialRecord(z.enum(STAGES), range(0, 5))),
});

/** Validates persona data at the edge; the error names every missing or wrong field. */
export function parsePersona(data: unknown, where: string): Result<Persona> {
  const parsed = personaSchema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const problems = describeIssues(parsed.error.issues, personaSchema, '(persona)').join('; ');
  const id = typeof data === 'object' && data !== null && 'id' in data ? ` "${String((data as { id: unknown }).id)}"` : '';
  return fail('invalid-persona', `persona${id} in ${where} is not valid: ${problems}`);
}
