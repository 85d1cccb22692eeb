import type { BlockKind, Category, Persona, Severity, Word } from '../types.ts';
import { tagAround, tagSentence, type TagDepth, type Tagged } from '../grammar/tagger.ts';
import type { Rule, RuleContext } from './candidate.ts';
import { matchCase } from './candidate.ts';
import { PhraseMatcher } from './phrase-matcher.ts';
import { wordsText, type SentenceVisit } from './walk.ts';
import { frequencyRank } from './frequency.ts';
import { tokenize } from '../segment/words.ts';

/**
 * The one generic check most wording rules are made of (Vale's "substitution"
 * and "existence" types): a list of phrases, each with its message and, where
 * one exists, its replacement. New wording is new data, not new code.
 */
export interface PhraseRuleSpec<T> {
  id: string;
  category: Category;
  entries: readonly T[];
  phrase: (entry: T) => string;
  severity: (entry: T) => Severity;
  message: (entry: T, text: string) => string;
  /**
   * The rewrite, where one reads right in this sentence; `inflected` when the text matched one of `forms`, which a
   * swap written for the listed form may not fit.
   */
  replacement?: (entry: T, match: PhraseMatch, inflected: boolean) => string | undefined;
  /** false where the entry's rewrite needs a person's choice, whatever the rule's policy (see RuleInfo.suggestions). */
  safe?: (entry: T) => boolean;
  /** Other forms of the phrase to match too ("fee" → "fees"), from `grammar/lemma.ts`. */
  forms?: (entry: T) => readonly string[];
  /**
   * Judge the document, not the occurrence: each entry is reported at its first use only, and not at all in a
   * unit that explains it (`explained` decides, from the words around a match).
   */
  perDocument?: { explained: (match: PhraseMatch) => boolean };
  applies?: (entry: T) => ((persona: Persona) => boolean) | undefined;
  /** Which of a unit's sentences to look in (all by default), decided once per unit. */
  where?: (ctx: RuleContext) => (visit: SentenceVisit) => boolean;
  /**
   * Whether a match inside a capitalised name counts: "Consumer Assistance Program" and "Sexually Transmitted
   * Infections" are names, not wording to change (`skip`, the default); a house style's forbidden term counts
   * anywhere (`match`).
   */
  names?: 'skip' | 'match';
  /** Extra context test, e.g. "May" mid-sentence is the month, "may not" a prohibition: neither is a hedge. */
  accept?: (match: PhraseMatch, entry: T) => boolean;
}

/** A matched phrase in its sentence, for a rule's context test. */
export interface PhraseMatch {
  text: string;
  atSentenceStart: boolean;
  previous: string | undefined;
  next: string | undefined;
  /** The matched words are `words[from]` to `words[to - 1]` of the sentence. */
  from: number;
  to: number;
  words: readonly Word[];
  /** The text of the sentence's block, which word offsets index, and what kind of block it is. */
  blockText: string;
  blockKind: BlockKind;
  /** Part of speech and lemma of each of the sentence's words, tagged on first call only (see TagDepth). */
  grammar: (depth?: TagDepth) => readonly Tagged[];
  /** Parts of speech of words `from`..`to - 1` only, read with a few words around them: cheaper in a long sentence. */
  partsAround: (from: number, to: number) => readonly Tagged[];
}

interface Form<T> {
  entry: T;
  inflected: boolean;
}

export function phraseRule<T>(spec: PhraseRuleSpec<T>): Rule {
  const forms = spec.entries.flatMap((entry) => [
    { phrase: spec.phrase(entry), data: { entry, inflected: false } },
    ...(spec.forms?.(entry) ?? []).map((phrase) => ({ phrase, data: { entry, inflected: true } })),
  ]);
  const matcher = new PhraseMatcher<Form<T>>(forms);
  // Forms the matcher does not see as a use but a reader does: "a repository's README" (the possessive),
  // "third-party components" (a two-word term hyphenated into a modifier) and "non-service-connected" (the tail of a
  // hyphenated word). Met there, a term is no first use later.
  const joined = new Map<string, T[]>();
  for (const f of forms) {
    const words = f.phrase.toLowerCase().split(' ');
    if (words.length === 2) joined.set(words.join('-'), [...(joined.get(words.join('-')) ?? []), f.data.entry]);
  }
  const markMetForms = (words: readonly Word[], firstUse: Map<T, () => void>): void => {
    for (const w of words) {
      const possessive = /['’]s$/.test(w.lower) ? matcher.oneWord(w.lower.slice(0, -2)).map((d) => d.entry) : undefined;
      // The tail of a hyphenated word: "non-service-connected" has met "service-connected".
      const dash = w.lower.indexOf('-');
      const tail = dash > 0 ? matcher.oneWord(w.lower.slice(dash + 1)).map((d) => d.entry) : undefined;
      for (const entry of [...(possessive ?? []), ...(tail ?? []), ...(joined.get(w.lower) ?? [])]) if (!firstUse.has(entry)) firstUse.set(entry, met);
    }
  };
  const candidate = (m: PhraseMatch, { entry, inflected }: Form<T>, blockIndex: number) => {
    const replacement = spec.replacement?.(entry, m, inflected);
    const applies = spec.applies?.(entry);
    return {
      ruleId: spec.id,
      category: spec.category,
      severity: spec.severity(entry),
      message: spec.message(entry, m.text),
      blockIndex,
      start: (m.words[m.from] as Word).start,
      end: (m.words[m.to - 1] as Word).end,
      ...(replacement !== undefined ? { suggestion: matchCase(m.text, replacement, amidCapitals(m)), ...(spec.safe?.(entry) === false ? { suggestionSafe: false } : {}) } : {}),
      ...(applies ? { applies } : {}),
    };
  };
  return {
    id: spec.id,
    run(ctx, emit) {
      const included = spec.where?.(ctx);
      // Per document, an entry's first accepted use is held back until the whole unit is read for an explanation.
      const firstUse = new Map<T, () => void>();
      const explained = new Set<T>();
      // A page whose title names the term is about it ("How to set up an authentication application", "Can I get
      // Aid and Attendance or Housebound benefits?"): the page as a whole explains it.
      if (spec.perDocument) for (const hit of matcher.matches(tokenize(ctx.unit.title, 0, ctx.unit.title.length))) explained.add(hit.data.entry);
      for (const visit of ctx.sentences) {
        if (included && !included(visit)) continue;
        const { sentence, block } = visit;
        if (spec.perDocument) markMetForms(sentence.words, firstUse);
        for (const hit of matcher.matches(sentence.words)) {
          const m: PhraseMatch = {
            text: wordsText(block, sentence, hit.from, hit.to),
            atSentenceStart: hit.from === 0,
            previous: sentence.words[hit.from - 1]?.lower,
            next: sentence.words[hit.to]?.lower,
            from: hit.from,
            to: hit.to,
            words: sentence.words,
            blockText: block.text,
            blockKind: block.kind,
            grammar: (depth) => tagSentence(block.text, sentence, depth),
            partsAround: aroundOnce(block.text, sentence.words),
          };
          const { entry } = hit.data;
          if (!contiguous(block.text, sentence.words, hit.from, hit.to)) continue;
          // A gloss explains the term wherever it stands, even inside a name that is not flagged ("Geolocation
          // Information: …" glosses the "geolocation" used further on).
          if (spec.perDocument?.explained(m)) explained.add(entry);
          if ((spec.names !== 'match' && inName(m)) || (spec.accept && !spec.accept(m, entry))) continue;
          if (!spec.perDocument) {
            emit(candidate(m, hit.data, sentence.blockIndex));
            continue;
          }
          if (!firstUse.has(entry)) firstUse.set(entry, () => emit(candidate(m, hit.data, sentence.blockIndex)));
          // The reader has met the words of a longer term: after "Limitation of liability", "liability" is no first use.
          for (let k = hit.from; k < hit.to && hit.to - hit.from > 1; k++) for (const inner of matcher.oneWord((sentence.words[k] as Word).lower)) if (!firstUse.has(inner.entry)) firstUse.set(inner.entry, met);
        }
      }
      for (const [entry, report] of firstUse) if (!explained.has(entry)) report();
    },
  };
}

/** Whether every word beside a match is in capitals ("ANY PORTION IS"; not "the CAPTCHA API"). */
function amidCapitals(m: PhraseMatch): boolean {
  const around = [m.words[m.from - 1], m.words[m.to]].filter((w): w is Word => w !== undefined).map((w) => m.blockText.slice(w.start, w.end));
  return around.length > 0 && around.every((w) => /\p{L}\p{L}/u.test(w) && w === w.toUpperCase());
}

/** A first use that is no finding: the entry's word was met inside a longer term. */
const met = (): void => {};

/**
 * `partsAround` for one match: a rule's accept test and its rewrite often ask about the same words ("the word after
 * the noun"), which are tagged once.
 */
function aroundOnce(text: string, words: readonly Word[]): (from: number, to: number) => readonly Tagged[] {
  let asked: Map<string, readonly Tagged[]> | undefined;
  return (from, to) => {
    const key = `${from}:${to}`;
    asked ??= new Map();
    let tags = asked.get(key);
    if (!tags) asked.set(key, (tags = tagAround(text, words, from, to, 'parts')));
    return tags;
  };
}

const isTitleCase = (text: string, w: Word | undefined): boolean => w !== undefined && /^\p{Lu}\p{Ll}/u.test(text.slice(w.start, w.end));
/** Below this rank a capitalised sentence opener ("The", "Your") is just the first word, not part of a name. */
const FUNCTION_WORD_RANK = 1000;

/**
 * A one-word match that is part of a longer name: a capitalised word beside it ("the Consumer Assistance Program",
 * "Sexually Transmitted Infections", "DeFi Yield"). A match that is the whole name ("Housebound"), or a phrase of
 * its own inside one ("Standard Medicare Deduction"), is still the term it is. Headings are written in title
 * case, so they say nothing about names.
 */
function inName(m: PhraseMatch): boolean {
  if (m.to - m.from > 1 || m.blockKind === 'heading' || !isTitleCase(m.blockText, m.words[m.from])) return false;
  const before = m.words[m.from - 1];
  const opener = m.from - 1 === 0 && before !== undefined && frequencyRank(before.lower) < FUNCTION_WORD_RANK;
  // "the U.S. Securities and Exchange Commission", "the Department of Veterans Affairs": joined by "and"/"of" to
  // the next capitalised word of the name, or after an abbreviation in capitals.
  // Not the sentence's first word: a run-in label ("Arbitration and Class Action Waiver: …") is title case.
  const joinedName = m.from > 0 && NAME_JOINS.has(m.words[m.to]?.lower ?? '') && isTitleCase(m.blockText, m.words[m.to + 1]);
  const abbreviation = before !== undefined && /^(?:\p{Lu}\.)+$/u.test(m.blockText.slice(before.start, before.end + 1).trimEnd());
  return (isTitleCase(m.blockText, before) && !opener) || isTitleCase(m.blockText, m.words[m.to]) || joinedName || abbreviation;
}

const NAME_JOINS = new Set(['and', 'of', '&']);

/**
 * Words of a phrase are next to each other: "your data, subject to" is not "data subject". A list phrase may keep
 * its commas: "right, title or interest".
 */
function contiguous(text: string, words: readonly Word[], from: number, to: number): boolean {
  const list = words.slice(from, to).some((w) => w.lower === 'or' || w.lower === 'and');
  for (let k = from; k < to - 1; k++) {
    const gap = text.slice((words[k] as Word).end, (words[k + 1] as Word).start);
    if (/\S/.test(list ? gap.replace(/^,/, '') : gap)) return false;
  }
  return true;
}

/** "use" or "use, apply" → readable alternatives for a message. */
export function quoteList(words: readonly string[]): string {
  return words.map((w) => `“${w}”`).join(' or ');
}
