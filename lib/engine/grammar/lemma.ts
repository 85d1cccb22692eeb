/**
 * Word forms from compromise's inflection rules, without tagging a sentence: the forms a listed term takes in
 * running text ("fee" → "fees", "accrue" → "accrued") and the lemmas a word may come from ("incomes" → "income").
 * Context-free, so cheap (about 10 µs a word) and safe to run on every candidate word.
 */
import nlp from 'compromise/two';
import { memoise } from '../memo.ts';

interface Transforms {
  noun: { toPlural(w: string, model: unknown): string; toSingular(w: string, model: unknown): string };
  verb: { toInfinitive(w: string, model: unknown): string; conjugate(w: string, model: unknown): Record<string, string | undefined> };
}

const world = nlp.world() as unknown as { model: { one: { lexicon: Record<string, string | string[] | undefined> } }; methods: { two: { transform: Transforms } } };
const { noun, verb } = world.methods.two.transform;
const model = world.model;

/** Plural spellings of a noun: compromise's ("analysis" → "analyses") and, for Latin plurals it prefers, the regular one ("premiums"). */
export function plurals(word: string): string[] {
  const forms = new Set<string>();
  const irregular = noun.toPlural(word, model);
  if (irregular && irregular !== word) forms.add(irregular);
  if (/[^sxz]$/.test(word) && !/(ch|sh|[^aeiou]y)$/.test(word)) forms.add(`${word}s`);
  return [...forms];
}

/** The third-person, past and -ing forms of a verb ("settle" → "settles", "settled", "settling"). */
export function verbForms(word: string): string[] {
  const c = verb.conjugate(word, model);
  const forms = [c['PresentTense'], c['PastTense'], c['Gerund']].filter((f): f is string => !!f && f !== word && /^[a-z'-]+$/.test(f));
  return [...new Set(forms)];
}

/** The word and the lemmas it may be a form of: its singular as a noun and its infinitive as a verb. */
export const lemmas: (lower: string) => readonly string[] = memoise((lower) => {
  const found = new Set([lower]);
  const singular = noun.toSingular(lower, model);
  if (singular) found.add(singular);
  const infinitive = verb.toInfinitive(lower, model);
  if (infinitive) found.add(infinitive);
  return [...found];
});

/** Whether compromise's lexicon lists the bare word as a verb ("accrue", "refinance"), not a noun that can be one. */
export function isVerbInLexicon(word: string): boolean {
  const tag = model.one.lexicon[word];
  return tag === 'Infinitive' || (Array.isArray(tag) && tag.includes('Infinitive') && !tag.includes('Singular'));
}
