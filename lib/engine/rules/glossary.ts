import type { Glossary } from '../../glossary/types.ts';
import { mergeGlossaries, type MergedTerm } from '../../glossary/merge.ts';
import type { Persona, Word } from '../types.ts';
import { insideBrackets, knows, type Rule } from './candidate.ts';
import { phraseRule, type PhraseMatch } from './phrase-rule.ts';
import { explainedAt } from './explained.ts';
import { plurals } from '../grammar/lemma.ts';
import { termForms } from './wording.ts';
import { frequencyRank } from './frequency.ts';

/** One spelling of a team term (the term or a variant), matched by its word forms too. */
interface Spelling {
  term: MergedTerm;
  spelling: string;
}

/**
 * A team's glossaries as three rules: `glossary-jargon` (the team's own jargon, at its first use in a document
 * that does not explain it), `glossary-deprecated` (every use, with the preferred term as a safe swap) and
 * `glossary-term`, which makes no finding of its own: it marks every use of every team term, so that findings.ts
 * drops the built-in jargon, acronym and uncommon-word findings on those words (the team's word on its own terms
 * wins over the packs').
 */
export function glossaryRules(glossaries: readonly Glossary[]): Rule[] {
  const merged = mergeGlossaries(glossaries);
  if (merged.length === 0) return [];
  const spellings = (status?: MergedTerm['entry']['status']): Spelling[] =>
    merged.filter((t) => status === undefined || t.entry.status === status).flatMap((term) => term.spellings.map((spelling) => ({ term, spelling })));
  const common = {
    phrase: (s: Spelling) => s.spelling,
    forms: (s: Spelling) => formsOf(s.spelling, s.term.entry.caseSensitive === true),
    // A team lists its own names: a term inside a capitalised name is still the term.
    names: 'match' as const,
    accept: (m: PhraseMatch, s: Spelling) => !s.term.entry.caseSensitive || writtenAs(m.text, s.spelling),
  };
  return [
    phraseRule<Spelling>({
      ...common,
      id: 'glossary-term',
      category: 'jargon',
      entries: spellings(),
      severity: () => 'info',
      message: (s, text) => `“${text}” is a ${s.term.entry.status} term in the ${s.term.glossary} glossary.`,
      applies: () => never,
    }),
    phraseRule<MergedTerm>({
      ...common,
      id: 'glossary-jargon',
      category: 'jargon',
      // One entry per term, so its first use in any spelling is the one reported.
      entries: merged.filter((t) => t.entry.status === 'jargon'),
      phrase: (t) => t.spellings[0] as string,
      forms: (t) => t.spellings.flatMap((s, i) => [...(i > 0 ? [s] : []), ...formsOf(s, t.entry.caseSensitive === true)]),
      accept: (m, t) => !t.entry.caseSensitive || t.spellings.some((s) => writtenAs(m.text, s)),
      severity: () => 'warning',
      message: (t, text) => `“${text}” is jargon in the ${t.glossary} glossary: explain it the first time (${t.entry.plain}).`,
      replacement: gloss,
      perDocument: { explained: explainedAt },
      applies: (t) => (p: Persona) => !(t.entry.known ?? []).includes(p.id) && !knows(p, t.entry.term),
    }),
    phraseRule<Spelling>({
      ...common,
      id: 'glossary-deprecated',
      category: 'wordiness',
      entries: spellings('deprecated'),
      severity: () => 'warning',
      message: (s, text) => `“${text}” is deprecated in the ${s.term.glossary} glossary: use “${s.term.entry.use}”.`,
      replacement: (s, m, inflected) => swap(s, m, inflected),
    }),
  ];
}

const never = (): boolean => false;
/** Below this rank a word is a closed-class word ("in", "up", "the"). */
const CLOSED_CLASS_RANK = 150;

/** The other forms a term takes: the plural of its last word, and a verb's forms; a name only its possessive. */
function formsOf(spelling: string, caseSensitive: boolean): string[] {
  return caseSensitive ? [`${spelling}'s`] : termForms(spelling.toLowerCase(), undefined);
}

/** A case-sensitive name as written, or its possessive: "Acme Shield", "Acme Shield’s". */
function writtenAs(text: string, spelling: string): boolean {
  const t = text.replace(/’/g, "'");
  return t === spelling || t === `${spelling}'s`;
}

/**
 * The preferred term over a deprecated one; over a plural, the preferred term's plural ("logons" → "sign-ins"). A
 * verb form gets no swap: which word of the preferred term to inflect is the writer's call.
 */
function swap(s: Spelling, m: PhraseMatch, inflected: boolean): string | undefined {
  const use = s.term.entry.use as string;
  if (!inflected) return use;
  if (!plurals(s.spelling.toLowerCase().split(' ').pop() as string).some((p) => m.text.toLowerCase().endsWith(p))) return undefined;
  const at = use.lastIndexOf(' ') + 1;
  // "sign in" is no noun to pluralise word by word ("sign ins").
  if (frequencyRank(use.slice(at).toLowerCase()) < CLOSED_CLASS_RANK) return undefined;
  const plural = plurals(use.slice(at))[0];
  return plural === undefined ? undefined : use.slice(0, at) + plural;
}

/** The term with its plain explanation in brackets, for a person to review: not in a heading, nor inside or before brackets. */
function gloss(t: MergedTerm, m: PhraseMatch): string | undefined {
  const end = (m.words[m.to - 1] as Word).end;
  if (m.blockKind === 'heading' || /^\s*\(/.test(m.blockText.slice(end)) || insideBrackets(m.blockText, (m.words[0] as Word).start, (m.words[m.from] as Word).start)) return undefined;
  return `${m.text} (${t.entry.plain})`;
}
