/**
 * Jargon discovery: candidate glossary terms mined from a team's own content. Pure: it reads parsed units and the
 * built-in word data, never files.
 *
 * Candidates are single words and noun phrases of up to four words (compromise's parts of speech, read through
 * the engine's tagger, so phrases line up with the words the rules match), plus acronyms. A candidate must hold
 * a word the reader would not know: rarer in spoken English (SUBTLEX-US, lib/engine/rules/frequency.ts) than the
 * persona's vocabulary, by its most common lemma, and not among the persona's known terms. Candidates are ranked
 * by C-value (Frantzi, Ananiadou & Mima 2000), which counts a phrase's uses less those inside the longer
 * candidates that contain it, so "enrollment period" is not credited with every "special enrollment period".
 * docs/glossary.md says why C-value and not log-likelihood, and how well it does on real content.
 */
import type { Persona, ProseBlock, Sentence, Unit, Word } from '../engine/types.ts';
import { segment } from '../engine/segment/segment.ts';
import { isCapitalised } from '../engine/segment/words.ts';
import { tagSentence, type Tagged } from '../engine/grammar/tagger.ts';
import { lemmas, plurals } from '../engine/grammar/lemma.ts';
import { frequencyRank } from '../engine/rules/frequency.ts';
import { isCommonWritten } from '../engine/data/written.ts';
import { explainedAt } from '../engine/rules/explained.ts';
import { knows } from '../engine/rules/candidate.ts';
import { acronyms, domainPacks, everydayAcronyms, nominalSuffixes } from '../engine/lexicon/index.ts';

export interface DiscoverOptions {
  /** The reader the terms must be unfamiliar to (their vocabulary and known terms). */
  persona: Persona;
  /** How many candidates to return, best first. @default 30 */
  top?: number;
  /** Fewer uses than this and a term is no candidate. @default 3 */
  minCount?: number;
  /** Terms to leave out as already known (a team's own glossaries), lowercase. */
  exclude?: ReadonlySet<string>;
}

export interface TermCandidate {
  /** As the content most often writes it. */
  term: string;
  kind: 'term' | 'acronym';
  /** Uses, documents using it, and documents using it without defining it anywhere. */
  count: number;
  documents: number;
  undefinedIn: number;
  /** The content defines it somewhere ("X means…", "X (…)", an acronym's expansion beside it). */
  defined: boolean;
  /** An acronym's expansion as the content spells it out. */
  expansion?: string;
  /** The termhood score candidates are ranked by (C-value). */
  score: number;
  /** Up to two sentences using it, from different documents where there are; one that defines it first. */
  examples: string[];
}

export interface KnownTerm {
  term: string;
  count: number;
  /** The built-in pack (or `glossary`, or `acronyms`) that already lists it. */
  source: string;
}

export interface Discovery {
  documents: number;
  words: number;
  candidates: TermCandidate[];
  /** Candidates left out because a pack, the acronym list or a team glossary already has them, most used first. */
  known: KnownTerm[];
}

/** Longest noun phrase counted, in words. */
const MAX_WORDS = 4;
/** Below this rank a word is a closed-class word ("the", "your", "up"): never part of a term. */
const CLOSED_CLASS_RANK = 150;
const EXAMPLES = 2;
const EXAMPLE_LENGTH = 240;
const ACRONYM = /^[A-Z][A-Z0-9&]*[A-Z][A-Z0-9&]*$/;
const EVERYDAY_ACRONYMS = new Set(everydayAcronyms);
const ROMAN = /^[ivxl]+$/;
const SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'to', 'in', 'on', 'a', 'an', '&', 'or', 'with']);

interface Tally {
  kind: TermCandidate['kind'];
  words: number;
  count: number;
  surfaces: Map<string, number>;
  /** Per document: whether it defines the term. */
  documents: Map<string, boolean>;
  expansion?: string;
  examples: { document: string; text: string; defines: boolean }[];
}

export function discover(units: readonly Unit[], options: DiscoverOptions): Discovery {
  const { persona } = options;
  const tallies = new Map<string, Tally>();
  const rare = rarity(persona);
  let words = 0;
  const documents = new Set<string>();
  for (const unit of units) {
    const document = unit.id ? `${unit.path}#${unit.id}` : unit.path;
    documents.add(document);
    for (const paragraph of segment(unit)) {
      const block = unit.blocks[paragraph.blockIndex] as ProseBlock;
      for (const sentence of paragraph.sentences) {
        words += sentence.words.length;
        const seen = (key: string, kind: Tally['kind'], from: number, to: number, defined: boolean, expansion?: string): void => {
          const tally: Tally = tallies.get(key) ?? { kind, words: to - from, count: 0, surfaces: new Map(), documents: new Map(), examples: [] };
          tallies.set(key, tally);
          tally.count++;
          const surface = block.text.slice((sentence.words[from] as Word).start, (sentence.words[to - 1] as Word).end).replace(/['’]s$/, '');
          tally.surfaces.set(surface, (tally.surfaces.get(surface) ?? 0) + 1);
          tally.documents.set(document, (tally.documents.get(document) ?? false) || defined);
          if (expansion && !tally.expansion) tally.expansion = expansion;
          // The first sentence that defines the term leads its examples: the draft's explanation starts there.
          if (defined && !tally.examples.some((e) => e.defines)) tally.examples = [{ document, text: example(block, sentence), defines: true }, ...tally.examples].slice(0, EXAMPLES);
          else if (tally.examples.length < EXAMPLES && !tally.examples.some((e) => e.document === document)) tally.examples.push({ document, text: example(block, sentence), defines: false });
        };
        const explained = (from: number, to: number): boolean => explainedAt({ words: sentence.words, from, to, blockText: block.text, blockKind: block.kind });
        for (const a of acronymsIn(block, sentence)) seen(a.acronym, 'acronym', a.at, a.at + 1, a.expansion !== undefined || explained(a.at, a.at + 1), a.expansion);
        const tags = tagSentence(block.text, sentence, 'parts');
        for (const [from, to] of nounPhrases(block.text, sentence.words, tags)) {
          // English noun phrases end in their head: the phrase's tails are the nested terms ("premium tax credit",
          // "tax credit"), its other parts are not ("premium tax"). A rare noun counts on its own wherever it stands.
          // A phrase cut short by the tagger ("yearly dollar" of "yearly dollar limits on…", "limits" read as a verb)
          // is no term: its tails are not counted.
          const cut = cutShort(block.text, sentence.words, tags, to) || verbAtEnd(block.text, sentence.words, to);
          const organisation = organisationNamed(block.text, sentence.words, tags, from, to);
          for (let s = Math.max(from, to - MAX_WORDS); !cut && s < to - 1; s++) {
            const span = sentence.words.slice(s, to);
            // A tail that starts inside a capitalised name is insideName's; one that is a whole organisation's name is no term.
            const aName = span.every((_, k) => organisation.has(s + k));
            if (isModifier(tags[s]) && isNoun(tags[to - 1]) && span.some((w) => rare(w.lower)) && !insideName(block.text, sentence.words, s) && !aName) seen(keyOf(span, tags[to - 1] as Tagged), 'term', s, to, explained(s, to));
          }
          const named = new Set([...organisation, ...inKnownTerm(sentence.words, from, to)]);
          for (let i = from; i < to; i++) {
            const w = sentence.words[i] as Word;
            if (!named.has(i) && isNoun(tags[i]) && rare(w.lower) && !lemmas(w.lower).some(isCommonWritten)) seen(keyOf([w], tags[i] as Tagged), 'term', i, i + 1, explained(i, i + 1));
          }
        }
      }
    }
  }
  return rank(tallies, { documents: documents.size, words }, options, rare);
}

/**
 * The word after a phrase is a plural noun the tagger read as a verb, right beside it: "limits" in "yearly dollar
 * limits on coverage", "services" in "Preventive health services for adults". A verb with an object ("the
 * consignment note carries the waybill") is followed by it; a noun read as one, by a preposition or nothing.
 */
function cutShort(text: string, words: readonly Word[], tags: readonly Tagged[], to: number): boolean {
  const next = words[to];
  const t = tags[to];
  if (!next || !t?.tags.has('PresentTense') || !next.lower.endsWith('s') || /\S/.test(text.slice((words[to - 1] as Word).end, next.start))) return false;
  const after = words[to + 1];
  if (after && !PREPOSITIONS.has(after.lower) && !/[.,;:!?)]/.test(text.slice(next.end, after.start))) return false;
  return lemmas(next.lower).some((l) => l !== next.lower && plurals(l).includes(next.lower));
}

/**
 * The phrase's last word is a verb the tagger read as a plural noun: a determiner follows it, as an object does
 * ("the Usage Tier encompasses the cookies"), and a plural noun is not followed by one.
 */
function verbAtEnd(text: string, words: readonly Word[], to: number): boolean {
  const last = words[to - 1] as Word;
  const next = words[to];
  return next !== undefined && last.lower.endsWith('s') && OBJECT_DETERMINERS.has(next.lower) && !/\S/.test(text.slice(last.end, next.start));
}

const OBJECT_DETERMINERS = new Set(['the', 'a', 'an', 'your', 'our', 'their', 'its', 'this', 'these', 'those', 'any', 'all', 'each', 'every']);

const PREPOSITIONS = new Set(['of', 'on', 'for', 'in', 'to', 'with', 'at', 'by', 'from', 'under', 'about', 'above', 'below', 'and', 'or']);

/**
 * A piece of an address, no vocabulary: a domain's part (".gov", "name@agency.gov") or a phone number spelled in
 * letters ("1-800-HHS-TIPS").
 */
const inAddress = (text: string, w: Word): boolean => /[.@]$/.test(text.slice(Math.max(0, w.start - 1), w.start)) || /\d{3}-/.test(w.lower) || isCode(text.slice(w.start, w.end));

/** A document's or form's number ("M-19-17", "W-2") or a brand written in camel case ("iOS", "eBay"): a name, no vocabulary. */
const isCode = (word: string): boolean => /\d+-\d+/.test(word) || /^\p{Lu}+-\d+$/u.test(word) || /^\p{Ll}+\p{Lu}/u.test(word);


/**
 * A phrase starting inside a longer capitalised name is a piece of it: "Reconciliation Act" of "Education
 * Reconciliation Act", "Education Reconciliation Act" of "Health Care and Education Reconciliation Act".
 */
function insideName(text: string, words: readonly Word[], s: number): boolean {
  if (!isCapitalised(text, words[s])) return false;
  const before = words[s - 1];
  return isCapitalised(text, before) || (NAME_JOINS.has(before?.lower ?? '') && isCapitalised(text, words[s - 2]));
}

const NAME_JOINS = new Set(['and', 'of', '&']);

/**
 * A capitalised phrase with a word the tagger knows as an organisation is the name of a product, a law or a body
 * ("Google Authenticator", "Affordable Care Act"): a reader follows a name without a gloss. A single word is kept:
 * "Medicaid" is tagged an organisation too, and which programme pays for what is jargon to this reader.
 */
const isOrganisationName = (text: string, span: readonly Word[], tags: readonly (Tagged | undefined)[]): boolean =>
  span.every((w) => isCapitalised(text, w)) && tags.some((t, i) => t?.tags.has('Organization') && !isAcronymWord(text, span[i]));

/** The words of a noun-phrase run that belong to an organisation's name in it: "Google" of "Google Authenticator". */
function organisationNamed(text: string, words: readonly Word[], tags: readonly (Tagged | undefined)[], from: number, to: number): Set<number> {
  const named = new Set<number>();
  for (let s = from; s < to; ) {
    let e = s;
    while (e < to && isCapitalised(text, words[e])) e++;
    if (e - s >= 2 && isOrganisationName(text, words.slice(s, e), tags.slice(s, e))) for (let i = s; i < e; i++) named.add(i);
    s = Math.max(e, s + 1);
  }
  return named;
}

/**
 * The words of a noun-phrase run that belong to a term a pack already explains, wherever it stands in the run:
 * "multi-factor" of "multi-factor authentication method" is a use of the pack's "multi-factor authentication", not a
 * word of its own.
 */
function inKnownTerm(words: readonly Word[], from: number, to: number): number[] {
  const covered: number[] = [];
  for (let s = from; s < to - 1; s++) {
    for (let e = s + 2; e <= Math.min(to, s + MAX_WORDS); e++) {
      if (KNOWN.has(words.slice(s, e).map((w) => w.lower).join(' '))) for (let i = s; i < e; i++) covered.push(i);
    }
  }
  return covered;
}

const isAcronymWord = (text: string, w: Word | undefined): boolean => w !== undefined && /^\p{Lu}{2,}/u.test(text.slice(w.start, w.end));

/** Terms of a pack, with the plural of their last word, and the acronyms clarity already expands, by source. */
const KNOWN: ReadonlyMap<string, string> = new Map([
  ...domainPacks.flatMap((p) =>
    p.terms.flatMap((t) => {
      const at = t.term.lastIndexOf(' ') + 1;
      return [t.term, ...plurals(t.term.slice(at)).map((f) => t.term.slice(0, at) + f)].map((f) => [f, p.id] as const);
    }),
  ),
  ...acronyms.map((a) => [a.acronym, 'acronyms'] as const),
]);

function rank(tallies: Map<string, Tally>, totals: { documents: number; words: number }, options: DiscoverOptions, rare: (lower: string) => boolean): Discovery {
  const minCount = options.minCount ?? 3;
  const known: KnownTerm[] = [];
  const terms = [...tallies].filter(([, t]) => t.count >= minCount);
  const scored: TermCandidate[] = [];
  const containers = nesting(terms.filter(([, t]) => t.kind === 'term').map(([k]) => k));
  for (const [key, t] of terms) {
    const term = mostUsed(t.surfaces);
    const source = KNOWN.get(key) ?? (options.exclude?.has(key) || options.exclude?.has(term.toLowerCase()) ? 'glossary' : undefined) ?? knownInside(key, rare);
    if (source) {
      known.push({ term, count: t.count, source });
      continue;
    }
    const longer = (containers.get(key) ?? []).map((k) => tallies.get(k)?.count ?? 0);
    const independent = longer.length ? t.count - longer.reduce((a, b) => a + b, 0) / longer.length : t.count;
    // A term met mostly inside longer ones ("multi-factor" of "multi-factor authentication") is not a term of its own,
    // and a single word used on one page of many is that page's subject more often than the team's jargon.
    if (independent < minCount || (t.kind === 'term' && t.words === 1 && totals.documents > 1 && t.documents.size < 2)) continue;
    // C-value, with unigrams (log2 of length + 1), weighted by how many documents use the term: a team's jargon
    // runs through its content, one page's subject does not.
    const score = Math.log2(t.words + 1) * independent * Math.log2(1 + t.documents.size);
    if (score <= 0) continue;
    const definedIn = [...t.documents.values()].filter(Boolean).length;
    scored.push({
      term,
      kind: t.kind,
      count: t.count,
      documents: t.documents.size,
      undefinedIn: t.documents.size - definedIn,
      defined: definedIn > 0,
      ...(t.expansion ? { expansion: t.expansion } : {}),
      score: Math.round(score * 100) / 100,
      examples: t.examples.map((e) => e.text),
    });
  }
  scored.sort((a, b) => b.score - a.score || b.documents - a.documents || a.term.localeCompare(b.term));
  known.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
  return { ...totals, candidates: withoutRepeats(scored, rare).slice(0, options.top ?? 30), known };
}

/**
 * A phrase whose unfamiliar words all belong to a better-ranked candidate repeats it: a reader told "Medicaid" or
 * "yearly limits" follows "Medicaid program" and "yearly dollar limit", as knownInside reasons for pack terms. One
 * glossary entry covers them.
 */
function withoutRepeats(scored: readonly TermCandidate[], rare: (lower: string) => boolean): TermCandidate[] {
  const kept: TermCandidate[] = [];
  const met = new Set<string>();
  const wordsOf = (term: string): string[] => term.toLowerCase().split(/\s+/).flatMap((w) => lemmas(w));
  for (const c of scored) {
    const unfamiliar = c.kind === 'term' ? c.term.toLowerCase().split(/\s+/).filter(rare) : [];
    const repeats = unfamiliar.length > 0 && c.term.includes(' ') && unfamiliar.every((w) => lemmas(w).some((l) => met.has(l)));
    if (!repeats) kept.push(c);
    for (const w of wordsOf(c.term)) if (c.kind === 'term' && (rare(w) || !c.term.includes(' '))) met.add(w);
  }
  return kept;
}

/**
 * The pack that knows a phrase's unfamiliar words: a known term inside it holds them all ("free preventive care"
 * holds "preventive care"; "authentication method" holds "authentication"), so a reader told the known term
 * understands the phrase.
 */
function knownInside(key: string, rare: (lower: string) => boolean): string | undefined {
  const parts = key.split(' ');
  const unfamiliar = parts.flatMap((p, i) => (rare(p) ? [i] : []));
  for (let s = 0; s < parts.length; s++) {
    for (let e = s + 1; e <= parts.length; e++) {
      if (e - s === parts.length || unfamiliar.some((i) => i < s || i >= e)) continue;
      const inner = parts.slice(s, e);
      const forms = e === parts.length ? [inner.join(' ')] : lemmas(inner[inner.length - 1] as string).map((l) => [...inner.slice(0, -1), l].join(' '));
      const source = forms.map((f) => KNOWN.get(f)).find(Boolean);
      if (source) return source;
    }
  }
  return undefined;
}

/** For each multiword candidate key, the longer candidate keys that contain it as whole words. */
function nesting(keys: readonly string[]): Map<string, string[]> {
  const set = new Set(keys);
  const containers = new Map<string, string[]>();
  for (const key of keys) {
    const parts = key.split(' ');
    for (let s = 0; s < parts.length; s++) {
      for (let e = s + 1; e <= parts.length; e++) {
        if (e - s === parts.length) continue;
        const inner = parts.slice(s, e).join(' ');
        // An inner phrase's last word is keyed by its lemma only at the phrase's end: "claim" in "claims adjuster".
        for (const k of e === parts.length ? [inner] : [inner, ...lemmas(parts[e - 1] as string).map((l) => [...parts.slice(s, e - 1), l].join(' '))]) {
          if (k !== key && set.has(k)) containers.set(k, [...new Set([...(containers.get(k) ?? []), key])]);
        }
      }
    }
  }
  return containers;
}

/** Whether a word is rare for the persona: rarer than their vocabulary by its most common lemma, and not a term they know. */
function rarity(persona: Persona): (lower: string) => boolean {
  const cache = new Map<string, boolean>();
  return (lower) => {
    let r = cache.get(lower);
    if (r === undefined) {
      // A compound is as common as its rarest part ("job-based", "full-time"); a word with a full stop in it is an
      // abbreviation or an address ("U.S.", "HealthCare.gov"), no vocabulary.
      const rankOf = (word: string): number => Math.min(frequencyRank(word), ...lemmas(word).map(frequencyRank));
      const rank = Math.max(...lower.split('-').map(rankOf));
      // A noun made from an everyday word is as familiar as that word: "verification", "deletion", "compliance".
      const derived = bases(lower).some((b) => rankOf(b) <= persona.vocabulary);
      // Roman numerals ("ii", "iv") number clauses.
      r = /\p{L}/u.test(lower) && !lower.includes('.') && !ROMAN.test(lower) && rank > persona.vocabulary && !derived && !knows(persona, lower);
      cache.set(lower, r);
    }
    return r;
  };
}

/**
 * The words a noun may be made from by one of the lexicon's nominal suffixes or "-er", with the usual spelling
 * changes: "verification" → "verify", "deletion" → "delete", "compliance" → "comply", "eligibility" → "eligible",
 * "scammers" → "scam", "usability" → "use".
 */
function bases(lower: string): string[] {
  const word = lemmas(lower).find((l) => l !== lower && !l.endsWith('s')) ?? lower;
  const found: string[] = [];
  for (const suffix of [...nominalSuffixes, 'er']) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    const cut = word.slice(0, -suffix.length);
    // "-ation": "verifica-tion" is "verific-ation".
    for (const stem of suffix === 'tion' && cut.endsWith('a') ? [cut, cut.slice(0, -1)] : [cut]) {
      found.push(stem, `${stem}e`);
      if (stem.endsWith('i')) found.push(`${stem.slice(0, -1)}y`);
      if (stem.endsWith('ic')) found.push(`${stem.slice(0, -2)}y`);
      if (stem.endsWith('il')) found.push(`${stem.slice(0, -2)}le`);
      if (suffix === 'tion' || suffix === 'sion') found.push(`${stem}te`, `${stem}de`);
      if (/([^aeiou])\1$/.test(stem)) found.push(stem.slice(0, -1));
    }
  }
  // "-ability" is "-able" made a noun, and "-able" a verb made an adjective: "usability" → "usable" → "use".
  const verbs = found.filter((b) => b.endsWith('able')).flatMap((b) => [b.slice(0, -4), `${b.slice(0, -4)}e`]);
  return [...found, ...verbs].filter((b) => b.length >= 3);
}

const isNoun = (t: Tagged | undefined): boolean => (t?.tags.has('Noun') ?? false) && !t?.tags.has('Pronoun') && !t?.tags.has('Value') && !t?.tags.has('Date');
const isModifier = (t: Tagged | undefined): boolean => isNoun(t) || ((t?.tags.has('Adjective') ?? false) && !t?.tags.has('Value'));

/** The runs of nouns and adjectives in a sentence, with nothing but spaces between their words. */
function nounPhrases(text: string, words: readonly Word[], tags: readonly Tagged[]): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= words.length; i++) {
    const w = words[i];
    const joined = w !== undefined && start >= 0 && !/\S/.test(text.slice((words[i - 1] as Word).end, w.start));
    // An acronym is a candidate of its own, never a word of a phrase.
    const member = w !== undefined && isModifier(tags[i]) && frequencyRank(w.lower) >= CLOSED_CLASS_RANK && /\p{L}/u.test(w.lower) && !PREPOSITIONS.has(w.lower) && !isAcronym(text.slice(w.start, w.end)) && !inAddress(text, w);
    if (start >= 0 && !(member && joined)) {
      runs.push([start, i]);
      start = -1;
    }
    if (member && start < 0) start = i;
  }
  return runs;
}

/** The phrase lowercased, its last word by its lemma ("premiums" → "premium") and without a possessive ("GitHub's"). */
function keyOf(span: readonly Word[], last: Tagged): string {
  const lower = span.map((w) => w.lower);
  const head = (lower[lower.length - 1] as string).replace(/'s$/, '');
  const lemma = last.tags.has('Plural') && /^[a-z]/.test(last.lemma) ? last.lemma : head;
  return [...lower.slice(0, -1), lemma].join(' ');
}

function mostUsed(surfaces: Map<string, number>): string {
  let best = '';
  let most = -1;
  // Lower case first among equals: a term capitalised at the start of sentences is still a lower-case term.
  for (const [s, n] of [...surfaces].sort(([a], [b]) => (a < b ? 1 : -1))) if (n > most) [best, most] = [s, n];
  return best.replace(/\s+/g, ' ');
}

function example(block: ProseBlock, sentence: Sentence): string {
  const text = block.text.slice(sentence.start, sentence.end).replace(/\s+/g, ' ').trim();
  return text.length > EXAMPLE_LENGTH ? `${text.slice(0, EXAMPLE_LENGTH - 1)}…` : text;
}

/** The sentence's acronyms, each with its expansion where the sentence spells it out beside it. */
function acronymsIn(block: ProseBlock, sentence: Sentence): { acronym: string; at: number; expansion?: string }[] {
  const found: { acronym: string; at: number; expansion?: string }[] = [];
  const { words } = sentence;
  for (const [at, w] of words.entries()) {
    const acronym = isAcronym(block.text.slice(w.start, w.end));
    if (!acronym || EVERYDAY_ACRONYMS.has(acronym) || shouted(acronym)) continue;
    const expansion = expansionBeside(block.text, words, at, acronym);
    found.push({ acronym, at, ...(expansion ? { expansion } : {}) });
  }
  return found;
}

/** The acronym a word is, without a plural's "s" ("HSAs" → "HSA"), or undefined. */
function isAcronym(raw: string): string | undefined {
  const bare = raw.replace(/['’]s$/, '');
  const acronym = bare.endsWith('s') ? bare.slice(0, -1) : bare;
  return acronym.length <= 8 && ACRONYM.test(acronym) ? acronym : undefined;
}

/** A word in capitals ("IMPORTANT", "OR"), not an acronym: a common word, the shorter the commoner. */
function shouted(acronym: string): boolean {
  const rank = frequencyRank(acronym.toLowerCase());
  return acronym.length >= 4 ? rank < 20000 : rank < 2000;
}

/**
 * "Federal Poverty Level (FPL)" or "FPL (Federal Poverty Level)": the words whose initials spell the acronym's
 * letters, small words ("of", "and") allowed between them, right before its bracket or inside the one after it.
 */
function expansionBeside(text: string, words: readonly Word[], at: number, acronym: string): string | undefined {
  const w = words[at] as Word;
  const letters = acronym.replace(/[^A-Z]/g, '').toLowerCase();
  const span = (from: number, to: number): string => text.slice((words[from] as Word).start, (words[to - 1] as Word).end);
  if (/\(\s*$/.test(text.slice(Math.max(0, w.start - 3), w.start))) {
    for (let from = at - 1; from >= Math.max(0, at - letters.length * 2); from--) if (spells(words.slice(from, at), letters)) return span(from, at);
  }
  if (/^\s*\(/.test(text.slice(w.end, w.end + 3))) {
    const close = text.indexOf(')', w.end);
    let to = at + 1;
    while (to < words.length && (words[to] as Word).start < close) to++;
    for (let end = to; end > at + 1; end--) if (spells(words.slice(at + 1, end), letters)) return span(at + 1, end);
  }
  return undefined;
}

/**
 * Whether the words' initials spell the letters, in order: every word gives its initial (each part of a hyphenated
 * one may), except a small word ("of", "and"), which may give its initial or none ("POD": "proof of delivery").
 */
function spells(span: readonly Word[], letters: string): boolean {
  const go = (i: number, k: number): boolean => {
    if (i === span.length) return k === letters.length;
    const word = span[i] as Word;
    if (SMALL_WORDS.has(word.lower) && go(i + 1, k)) return true;
    const parts = word.lower.split('-').map((p) => p[0] ?? '');
    const all = parts.join('');
    return (letters.startsWith(all, k) && go(i + 1, k + all.length)) || (parts.length > 1 && letters[k] === parts[0] && go(i + 1, k + 1));
  };
  return span.length > 0 && !SMALL_WORDS.has((span[0] as Word).lower) && go(0, 0);
}
