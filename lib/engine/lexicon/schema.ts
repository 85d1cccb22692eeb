/**
 * Schemas for the lexicon data the clarity rules run on.
 *
 * Every matchable phrase is lowercase, trimmed and single-spaced: words are
 * runs of a-z / 0-9 with apostrophes or hyphens allowed only *inside* a word
 * ("don't", "two-factor"). The engine lowercases and tokenises text, so the
 * phrase "in the event that" matches the tokens in, the, event, that.
 */
import { z } from 'zod';

/** One word: letters/digits, apostrophes and hyphens only between letters/digits. */
const WORD = "[a-z0-9]+(?:['-][a-z0-9]+)*";

/** Lowercase, trimmed, single-spaced phrase with no punctuation outside words. */
export const PHRASE_PATTERN = new RegExp(`^${WORD}(?: ${WORD})*$`);

export const phraseSchema = z
  .string()
  .regex(PHRASE_PATTERN, 'phrase must be lowercase words separated by single spaces');

/** A suggested rewrite shown to the writer: trimmed, single-spaced, non-empty (case is kept, e.g. "I"). */
export const replacementSchema = z
  .string()
  .min(1)
  .refine((s) => s === s.trim() && !/\s{2,}/.test(s) && !/[\t\n\r]/.test(s), {
    message: 'replacement must be trimmed and single-spaced',
  });

const replaceListSchema = z.array(replacementSchema);

export const substitutionEntrySchema = z
  .strictObject({
    phrase: phraseSchema,
    replace: replaceListSchema,
    /** true when the phrase can simply be deleted. */
    omit: z.boolean().optional(),
    /** optional one-line reason shown with the finding. */
    why: z.string().min(1).optional(),
    /** true when which replacement fits depends on the meaning, so a person should choose: never applied unattended. */
    review: z.boolean().optional(),
  })
  .refine((e) => e.replace.length > 0 || e.omit === true, {
    message: 'replace may be empty only when omit is true',
    path: ['replace'],
  });
export type SubstitutionEntry = z.infer<typeof substitutionEntrySchema>;

export const domainPackIds = [
  'insurance-finance',
  'health-benefits',
  'banking-payments',
  'telecom-utilities',
  'privacy-data',
  'legal',
  'software-it',
  'corporate-buzzwords',
] as const;
export const domainPackIdSchema = z.enum(domainPackIds);
export type DomainPackId = z.infer<typeof domainPackIdSchema>;

export const domainTermSchema = z.strictObject({
  term: phraseSchema,
  /** plain-English explanation a customer understands (short sentence fragment). */
  plain: z.string().min(1),
  /** optional simpler wording to use instead: the same part of speech and number as the term, so it can be pasted over it. */
  replace: z.array(replacementSchema).min(1).optional(),
  /**
   * For a word with an everyday sense too ("yield" the verb, "premium" the adjective): the part of speech of its
   * jargon sense. The term is flagged only where the tagger reads it so.
   */
  as: z.enum(['noun', 'verb', 'adjective']).optional(),
  /** Words that, right after the term, show its everyday sense: "exclusion of warranties" is no insurance exclusion. */
  notBefore: z.array(z.string().min(1)).min(1).optional(),
  /**
   * false for a term whose senses one gloss cannot cover ("jurisdiction": a court's power, or a place with its own
   * laws): the message still explains it, but no gloss is pasted into a sentence it may misread.
   */
  gloss: z.literal(false).optional(),
});
export type DomainTerm = z.infer<typeof domainTermSchema>;

export const domainPackSchema = z.strictObject({
  id: domainPackIdSchema,
  label: z.string().min(1),
  terms: z.array(domainTermSchema).min(1),
});
export type DomainPack = z.infer<typeof domainPackSchema>;

export const toneEntrySchema = z.strictObject({
  phrase: phraseSchema,
  why: z.string().min(1),
  /** confident/respectful rewrite; leave the field out (never []) when deleting is the fix. */
  replace: z.array(replacementSchema).min(1).optional(),
});
export type ToneEntry = z.infer<typeof toneEntrySchema>;

export const acronymEntrySchema = z.strictObject({
  /** as written, uppercase letters/digits, at least one letter (e.g. "SLA", "2FA"). */
  acronym: z.string().regex(/^[A-Z0-9]*[A-Z][A-Z0-9]*$/, 'acronym must be uppercase letters/digits'),
  expansion: z.string().min(1),
  /** domain packs where the acronym is everyday vocabulary; [] for general. */
  packs: z.array(domainPackIdSchema),
});
export type AcronymEntry = z.infer<typeof acronymEntrySchema>;
