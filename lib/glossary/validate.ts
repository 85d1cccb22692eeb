import { describeIssues } from '../engine/persona/field-issues.ts';
import { fail, ok, type Result } from '../engine/types.ts';
import { glossarySchema } from './schema.ts';
import type { Glossary } from './types.ts';

// Apart from the file reading in load.ts (YAML, fs): the audit Lambda validates the glossaries it reads with this.

/** Validates glossary data; a glossary without a name takes `fallbackName` (the file's name). */
export function parseGlossary(data: unknown, where: string, fallbackName: string): Result<Glossary> {
  const parsed = glossarySchema.safeParse(data);
  if (!parsed.success) return fail('invalid-glossary', `${where}: ${describeIssues(parsed.error.issues, glossarySchema, '(root)').join('; ')}`);
  const { $schema: _, ...glossary } = parsed.data;
  return ok({ ...glossary, name: glossary.name ?? fallbackName });
}
