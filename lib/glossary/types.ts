import type { z } from 'zod';
import type { glossarySchema, glossaryTermSchema } from './schema.ts';

/**
 * A team's glossary as the engine takes it: plain data, validated at the edge by `schema.ts`, whose schemas these
 * types are inferred from. The import is of types only: the engine, like the audit Lambda, does not load zod.
 */
export type GlossaryTerm = z.output<typeof glossaryTermSchema>;

/** `name` is what findings call the glossary; the loader sets it from the file's name when the file does not. */
export type Glossary = Omit<z.output<typeof glossarySchema>, '$schema'>;
