/**
 * A team's glossary as the engine takes it: plain data, validated at the edge by `schema.ts` (the engine, like the
 * audit Lambda, does not load zod).
 */
export interface GlossaryTerm {
  term: string;
  status: 'preferred' | 'admitted' | 'deprecated' | 'jargon';
  variants?: string[] | undefined;
  caseSensitive?: boolean | undefined;
  use?: string | undefined;
  plain?: string | undefined;
  known?: string[] | undefined;
  note?: string | undefined;
}

export interface Glossary {
  version: 1;
  /** Named in findings; the loader sets it from the file's name when the file does not. */
  name?: string | undefined;
  terms: GlossaryTerm[];
}
