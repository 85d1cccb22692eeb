import { z } from 'zod';
import { CATEGORIES, fail, ok, type Category, type Persona, type Result } from '../types.ts';

/** Words this common are known to every persona. */
export const MIN_VOCABULARY = 1000;

const category = z.enum(CATEGORIES as [Category, ...Category[]]);

export const experienceGoalSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  label: z.string().min(1),
  weight: z.number().positive(),
  categoryWeights: z.partialRecord(category, z.number().min(0)),
});

export const personaSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  name: z.string().min(1),
  description: z.string(),
  targetGrade: z.number().min(1).max(20),
  maxSentenceLength: z.number().int().min(5).max(100),
  vocabulary: z.number().int().min(MIN_VOCABULARY).max(80000),
  knownTerms: z.array(z.string()),
  unfamiliarTerms: z.array(z.string()),
  knownPacks: z.array(z.string()),
  goals: z.array(experienceGoalSchema).min(1),
});

export type PersonaInput = z.input<typeof personaSchema>;

/** Validates persona data at the edge; the error names every missing or wrong field. */
export function parsePersona(data: unknown, where: string): Result<Persona> {
  const parsed = personaSchema.safeParse(data);
  if (parsed.success) return ok(parsed.data as Persona);
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(persona)'}: ${i.message}`).join('; ');
  const id = typeof data === 'object' && data !== null && 'id' in data ? ` "${String((data as { id: unknown }).id)}"` : '';
  return fail('invalid-persona', `persona${id} in ${where} is not valid: ${problems}`);
}
