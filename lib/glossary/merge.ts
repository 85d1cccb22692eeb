import type { Glossary, GlossaryTerm } from './types.ts';

/** One term of the merged glossaries, with the glossary it comes from and the spellings it still owns. */
export interface MergedTerm {
  entry: GlossaryTerm;
  glossary: string;
  /** The term and its variants, less any a later glossary lists again. */
  spellings: string[];
}

/** A glossary with no name of its own, in findings and listings. */
export const UNNAMED = 'team';

const key = (t: GlossaryTerm, spelling: string): string => (t.caseSensitive ? spelling : spelling.toLowerCase());

/**
 * The glossaries layered in order: a spelling a later glossary lists again is that glossary's (a team's glossary
 * over the company's), and a term left with no spelling is dropped.
 */
export function mergeGlossaries(glossaries: readonly Glossary[]): MergedTerm[] {
  const owner = new Map<string, MergedTerm>();
  const merged: MergedTerm[] = [];
  for (const g of glossaries) {
    for (const entry of g.terms) {
      const term: MergedTerm = { entry, glossary: g.name ?? UNNAMED, spellings: [entry.term, ...(entry.variants ?? [])] };
      for (const spelling of term.spellings) {
        const earlier = owner.get(key(entry, spelling));
        if (earlier) earlier.spellings = earlier.spellings.filter((s) => key(earlier.entry, s) !== key(entry, spelling));
        owner.set(key(entry, spelling), term);
      }
      merged.push(term);
    }
  }
  return merged.filter((t) => t.spellings.length > 0);
}
