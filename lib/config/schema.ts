import { z } from 'zod';
import { RULES } from '../engine/rules/registry.ts';
import { STAGES } from '../engine/types.ts';
import { nearest } from '../engine/persona/field-issues.ts';

const stage = z.enum(STAGES, {
  error: (issue) => {
    const near = typeof issue.input === 'string' ? nearest(issue.input, STAGES) : undefined;
    return `${JSON.stringify(issue.input)} is not a stage; use one of ${STAGES.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`;
  },
});

/** `clarity.config.json`, version 1. Every field is optional. */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    /** New personas (complete), or overrides of a built-in one by id (only the fields given change). */
    personas: z.array(z.record(z.string(), z.unknown())).default([]),
    /** Personas to audit against when --persona is not given (default: all). */
    defaultPersonas: z.array(z.string().min(1)).min(1, 'give at least one persona id, or leave defaultPersonas out to audit against every persona').optional(),
    thresholds: z
      .object({
        minScore: z.number().min(0).max(100).optional(),
        personas: z.record(z.string(), z.number().min(0).max(100)).default({}),
      })
      .strict()
      .default({ personas: {} }),
    ignore: z.array(z.string()).default([]),
    terms: z
      .object({
        preferred: z.array(z.object({ use: z.string().min(1), instead: z.array(z.string().min(1)).min(1) }).strict()).default([]),
        forbidden: z.array(z.object({ term: z.string().min(1), message: z.string().min(1) }).strict()).default([]),
      })
      .strict()
      .default({ preferred: [], forbidden: [] }),
    maxBytes: z.number().int().positive().optional(),
    /**
     * Team glossaries, layered in order over the built-in packs: inline, or a JSON or YAML file (relative to the
     * config file). Each is checked against lib/glossary/schema.ts when the config is loaded.
     */
    glossaries: z.array(z.union([z.string().min(1), z.record(z.string(), z.unknown())], { error: 'a glossary is an object, or the path of a JSON or YAML file' })).default([]),
    /**
     * The engagement stage of the files a glob matches (relative to the config file's folder; the first glob that
     * matches wins): `{ "sales/**": "entice" }`. S3 metadata, a stages/<stage>/ folder and front matter come first.
     */
    stages: z.record(z.string().min(1), stage, { error: (issue) => (issue.code === 'invalid_key' ? 'a stages glob cannot be empty' : undefined) }).default({}),
    /** Rules turned on or off over their defaults, by id: `{ "hedging": "on" }`. */
    rules: z.partialRecord(z.enum(Object.keys(RULES) as [string, ...string[]]), z.enum(['on', 'off'])).default({}),
  })
  .strict();

export type ClarityConfig = z.output<typeof configSchema>;
