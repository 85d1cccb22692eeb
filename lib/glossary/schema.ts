// zod/mini, as the persona schema: the audit Lambda validates the glossaries it reads, and full zod would add
// ~440 KB to its bundle.
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { tokenize } from '../engine/segment/words.ts';

z.config(en());

/** The glossary format's version; a change that old files would not pass gets a new one. */
export const GLOSSARY_VERSION = 1;

/**
 * A term as clarity reads text: words separated by single spaces, each word what the engine tokenises as one
 * ("Login.gov", "e-mail", "two-factor"). Anything else could never match.
 */
function asWords(text: string): string {
  return tokenize(text, 0, text.length)
    .map((w) => text.slice(w.start, w.end))
    .join(' ');
}

const words = z.string().check(
  z.minLength(1),
  z.refine((s) => asWords(s) === s, {
    error: (issue) => `“${String(issue.input)}” is not words separated by single spaces (clarity would read it as “${asWords(String(issue.input))}”)`,
  }),
);

const personaId = z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, 'a persona id: lowercase letters, digits and dashes'));
/** Text that is more than blanks, kept without its outer blanks. */
const text = () => z.string().check(z.trim(), z.minLength(1));

export const glossaryTermSchema = z
  .strictObject({
    /** The term as the team writes it. */
    term: words,
    /**
     * - `preferred`: the team's word for the thing;
     * - `admitted`: allowed too;
     * - `deprecated`: not to be used; `use` is the preferred replacement, applied by `clarity fix`;
     * - `jargon`: the team's own jargon; `plain` explains it to a reader who does not know it.
     * A preferred or admitted term is never jargon: the built-in packs' jargon, acronym and uncommon-word findings
     * on its words are dropped.
     */
    status: z.enum(['preferred', 'admitted', 'deprecated', 'jargon']),
    /** Other spellings matched as this term ("e-mail" for "email"); word forms (plurals, verb forms) are matched without listing them. */
    variants: z.optional(z.array(words)),
    /** Matched only as written: a product name ("Lemonade", not "lemonade"). */
    caseSensitive: z.optional(z.boolean()),
    /** Deprecated terms: what to write instead. */
    use: z.optional(text()),
    /** Jargon: a plain explanation, short enough to put in brackets after the term. */
    plain: z.optional(text()),
    /** Jargon: the personas who know the term, for whom it is not flagged. */
    known: z.optional(z.array(personaId)),
    /** A note for the team (where the term comes from, who owns it); not shown to readers. */
    note: z.optional(z.string()),
  })
  .check(
    z.superRefine((t, ctx) => {
      const need = (field: 'use' | 'plain', status: string) => {
        if (t.status === status && t[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `a ${status} term needs “${field}”` });
        if (t.status !== status && t[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `only a ${status} term takes “${field}” (this one is ${t.status})` });
      };
      need('use', 'deprecated');
      need('plain', 'jargon');
      if (t.known !== undefined && t.status !== 'jargon') ctx.addIssue({ code: 'custom', path: ['known'], message: `only a jargon term takes “known” (this one is ${t.status})` });
    }),
  );

export const glossarySchema = z
  .strictObject({
    $schema: z.optional(z.string()),
    version: z.literal(GLOSSARY_VERSION),
    /** Named in findings ("jargon in the acme glossary"); defaults to the file's name. */
    name: z.optional(text()),
    terms: z.array(glossaryTermSchema),
  })
  .check(
    z.superRefine((g, ctx) => {
      const seen = new Map<string, number>();
      g.terms.forEach((t, i) => {
        for (const [j, spelling] of [t.term, ...(t.variants ?? [])].entries()) {
          const key = t.caseSensitive ? spelling : spelling.toLowerCase();
          const first = seen.get(key);
          if (first !== undefined && first !== i) ctx.addIssue({ code: 'custom', path: ['terms', i, ...(j === 0 ? ['term'] : ['variants', j - 1])], message: `“${spelling}” is already listed at terms.${first}` });
          else seen.set(key, i);
        }
      });
    }),
  );

/** The published JSON Schema (`npm run schema` writes it to schema/glossary.v1.json). */
export function glossaryJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(glossarySchema, { target: 'draft-2020-12', io: 'input' }) as unknown as { properties: { terms: { items: Record<string, unknown> } } };
  // A refinement has no JSON Schema form: which status needs which field is written out for editors' validation.
  schema.properties.terms.items['allOf'] = [
    { if: { properties: { status: { const: 'deprecated' } } }, then: { required: ['use'] }, else: { not: { required: ['use'] } } },
    { if: { properties: { status: { const: 'jargon' } } }, then: { required: ['plain'] }, else: { not: { anyOf: [{ required: ['plain'] }, { required: ['known'] }] } } },
  ];
  return { $id: 'urn:clarity:schema:glossary:v1', title: 'clarity glossary', ...schema };
}
