import { sentenceGrade } from '../metrics/readability.ts';
import { GRADE_MIN_WORDS } from '../metrics/hardest.ts';
import type { ProseBlock, Sentence, Word } from '../types.ts';
import type { Rule } from './candidate.ts';
import { tagSentence, type Tagged } from '../grammar/tagger.ts';
import { isSpaceCode } from '../segment/chars.ts';

/** Words past which a sentence is long for any reader. */
const VERY_LONG = 40;
/** A grade this far above the persona's target is worth a rewrite. */
const GRADE_SLACK = 2;
const CLAUSE_MARKS = 4;
// Under this length a sentence holding four clauses is rare, and the first-time consumer's 20-word limit already
// flags it; the tagger, which counts the clauses, costs about 15 µs a word.
const CLAUSE_MIN_WORDS = 22;

const SUBORDINATORS = new Set(['which', 'whereas', 'although', 'though', 'because', 'unless', 'whereby', 'whilst', 'while', 'whether', 'wherein']);

/** Sentences longer than the persona's limit, with a split at a conjunction where one fits. */
export const sentenceLengthRule: Rule = {
  id: 'sentence-length',
  run(ctx, emit) {
    for (const { sentence, block } of ctx.sentences) {
      const n = sentence.words.length;
      if (n <= ctx.limits.maxSentenceLength) continue;
      const text = block.text.slice(sentence.start, sentence.end);
      const split = grammaticalSplit(block, sentence, text);
      emit({
        ruleId: 'sentence-length',
        category: 'sentence-length',
        severity: n > VERY_LONG ? 'error' : 'warning',
        message: `This sentence has ${n} words; split it so each sentence carries one idea.`,
        blockIndex: sentence.blockIndex,
        start: sentence.start,
        end: sentence.end,
        ...(split ? { suggestion: split } : {}),
        applies: (p) => n > p.maxSentenceLength,
      });
    }
  },
};

/** Below this many words a sentence's grade says more about one long word than about the sentence. */
const GRADE_RULE_MIN_WORDS = 12;

/**
 * Sentences whose Flesch–Kincaid grade is well above the persona's reading level. Names, numbers and the page's
 * repeated words count as one syllable: "Servicemember" on a VA page, or "Marketplace" in every sentence of a
 * Marketplace article, are not what makes a sentence hard.
 */
export const sentenceGradeRule: Rule = {
  id: 'sentence-grade',
  run(ctx, emit) {
    const uses = new Map<string, number>();
    for (const { sentence } of ctx.sentences) for (const w of sentence.words) uses.set(w.lower, (uses.get(w.lower) ?? 0) + 1);
    for (const { sentence, block } of ctx.sentences) {
      if (sentence.words.length < Math.max(GRADE_MIN_WORDS, GRADE_RULE_MIN_WORDS)) continue;
      const grade = sentenceGrade(sentence, (w, i) => isName(block.text, w, i) || /\d/.test(w.lower) || (uses.get(w.lower) ?? 0) >= REPEATED);
      if (grade <= ctx.limits.targetGrade + GRADE_SLACK) continue;
      emit({
        ruleId: 'sentence-grade',
        category: 'sentence-grade',
        severity: 'info',
        message: `This sentence reads at about grade ${Math.round(grade)}: use shorter, everyday words.`,
        blockIndex: sentence.blockIndex,
        start: sentence.start,
        end: sentence.end,
        applies: (p) => grade > p.targetGrade + GRADE_SLACK,
      });
    }
  },
};

/** A word the unit uses this often is its topic, which the reader has met by then. */
const REPEATED = 4;

/** A capitalised word after a sentence's first is a name; so is a word in capitals. */
function isName(text: string, w: Word, i: number): boolean {
  const c = text.charCodeAt(w.start);
  return (i > 0 && c >= 65 && c <= 90) || (w.end - w.start > 1 && text.slice(w.start, w.end) === text.slice(w.start, w.end).toUpperCase() && /[A-Z]/.test(text.slice(w.start, w.end)));
}

/** Sentences that chain many clauses: commas, semicolons and subordinators that each start a clause of its own. */
export const clausesRule: Rule = {
  id: 'clauses',
  run(ctx, emit) {
    for (const { sentence, block } of ctx.sentences) {
      if (sentence.words.length < CLAUSE_MIN_WORDS) continue;
      const text = block.text.slice(sentence.start, sentence.end);
      const marks = (text.match(/[,;:]/g)?.length ?? 0) + sentence.words.filter((w) => SUBORDINATORS.has(w.lower)).length;
      if (marks < CLAUSE_MARKS) continue;
      // Commas in a list of nouns are no clauses: a clause needs a verb and a subject of its own.
      const clauses = clauseCount(tagSentence(block.text, sentence, 'parts'), sentence.words);
      if (clauses < CLAUSE_MARKS) continue;
      emit({
        ruleId: 'clauses',
        category: 'clauses',
        severity: 'info',
        message: `This sentence strings together ${clauses} clauses; give the main point its own short sentence.`,
        blockIndex: sentence.blockIndex,
        start: sentence.start,
        end: sentence.end,
      });
    }
  },
};

/** Words that open a clause as its subject: a relative pronoun or a question word before the verb. */
const CLAUSE_SUBJECTS = new Set(['which', 'that', 'who', 'whom', 'whose', 'what']);
const NOUN_PHRASE = ['Noun', 'Adjective', 'Determiner', 'Value'];

/**
 * Finite verb groups that have a subject of their own: a pronoun or relative pronoun right before the group
 * (adverbs and "not" passed over), or a noun phrase that is not the object of an earlier verb or preposition. The
 * noun phrase is followed back through a list ("use our copyrights, trademarks … patents"): where the list hangs
 * off a verb, it is that verb's object, however the tagger reads "patents" or "share". "We may modify, suspend, or
 * terminate your account" is one clause with three verbs. The sentence's first group counts, as an imperative's
 * has no subject.
 */
function clauseCount(tags: readonly Tagged[], words: readonly Word[]): number {
  const has = (i: number, tag: string) => hasTag(tags, i, tag);
  const word = (i: number) => words[i]?.lower ?? '';
  return finiteVerbStarts(tags, words).filter((start, k) => {
    if (k === 0) return true;
    let i = start - 1;
    while (i >= 0 && (has(i, 'Adverb') || has(i, 'Negative')) && !CLAUSE_SUBJECTS.has(word(i))) i--;
    if (CLAUSE_SUBJECTS.has(word(i)) || (has(i, 'Pronoun') && !has(i, 'Possessive'))) return true;
    if (!has(i, 'Noun') || has(i, 'Conjunction')) return false;
    while (i > 0 && (NOUN_PHRASE.some((t) => has(i - 1, t)) || LIST_JOINS.has(word(i - 1))) && !has(i - 1, 'Verb') && !has(i - 1, 'Preposition')) i--;
    return !(has(i - 1, 'Verb') || has(i - 1, 'Preposition'));
  }).length;
}

const LIST_JOINS = new Set(['and', 'or', 'nor']);

const hasTag = (tags: readonly Tagged[], i: number, tag: string): boolean => tags[i]?.tags.has(tag) ?? false;

/** Word `i` follows the word before it with no comma, bracket or the like between them. */
const joinedToPrevious = (text: string, words: readonly Word[], i: number): boolean => !INNER_PUNCTUATION.test(text.slice((words[i - 1] as Word).end, (words[i] as Word).start));

/**
 * The first word of each run of verbs that carries a tense ("we will call", "is reviewed"), each the core of one
 * clause, in order. Not counted: verbs after "to", gerunds, and participles after a noun ("the countries listed"),
 * which belong to another clause.
 */
function finiteVerbStarts(tags: readonly Tagged[], words: readonly Word[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]?.tags;
    if (!t?.has('Verb') || tags[i - 1]?.tags.has('Verb')) continue;
    const previous = words[i - 1]?.lower;
    if (previous === 'to' || t.has('Gerund')) continue;
    if (t.has('PastTense') && !t.has('Auxiliary') && tags[i - 1]?.tags.has('Noun') && !tags[i - 1]?.tags.has('Pronoun')) continue;
    starts.push(i);
  }
  return starts;
}

// Only joins that usually separate two whole clauses: ", and" (not a bare "and", which mostly joins a list).
const JOINS: RegExp[] = [/;\s+/g, /,\s+and\s+/g, /,\s+(but|so|yet)\s+/gi];

/** Where a split would go in a sentence's text: the join from `at` to `end`, keeping `keep` ("but ") after it. */
interface SplitPoint {
  at: number;
  end: number;
  keep: string;
}

/**
 * The conjunction nearest the middle of a long sentence that leaves at least five words on each side, where
 * `fits` agrees: "A, and B" → "A. B". `fits` is given the index of the first word after the join's start and
 * after its end.
 */
function splitPoint(sentence: Sentence, text: string, fits: (head: number, tail: number) => boolean): SplitPoint | undefined {
  const n = sentence.words.length;
  let best: (SplitPoint & { score: number }) | undefined;
  for (const pattern of JOINS) {
    for (const m of text.matchAll(pattern)) {
      const at = m.index ?? 0;
      const head = firstWordFrom(sentence, sentence.start + at);
      const tail = firstWordFrom(sentence, sentence.start + at + m[0].length);
      if (head < 5 || n - tail < 5) continue;
      const score = Math.abs(head - (n - tail));
      if ((!best || score < best.score) && fits(head, tail)) best = { at, end: at + m[0].length, keep: m[1] ? `${m[1]} ` : '', score };
    }
  }
  return best;
}

/** The index of the sentence's first word that starts at or after `offset` (binary search: words are in order). */
function firstWordFrom(sentence: Sentence, offset: number): number {
  let lo = 0;
  let hi = sentence.words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sentence.words[mid] as Word).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function applySplit(text: string, { at, end, keep }: SplitPoint): string {
  // Trimmed by a backward scan: /[,;:\s]+$/ retries from every character of a long run of spaces (quadratic).
  let cut = at;
  while (cut > 0 && (isSpaceCode(text.charCodeAt(cut - 1)) || ',;:'.includes(text[cut - 1] as string))) cut--;
  const head = text.slice(0, cut);
  const tail = keep + text.slice(end);
  return `${head}. ${tail.charAt(0).toUpperCase()}${tail.slice(1)}`;
}

/** Words that can open a clause as its subject. */
const SUBJECT_TAGS = ['Pronoun', 'Determiner', 'Noun', 'ProperNoun'];
/** Words a subject's noun phrase may hold. */
const SUBJECT_PHRASE_TAGS = [...SUBJECT_TAGS, 'Adjective', 'Value'];

/**
 * A split the reader gets two whole sentences from: each side has a finite verb, and the second opens with its
 * subject. "Chrome, Firefox, and Safari rely on…" (no verb before the join) and "which to trust, fetch, and
 * execute" (no subject after it) are lists, not two clauses.
 */
function grammaticalSplit(block: ProseBlock, sentence: Sentence, text: string): string | undefined {
  let tags: readonly Tagged[] | undefined;
  let verbStarts: ReadonlySet<number> = new Set();
  let head: HeadFacts | undefined;
  const point = splitPoint(sentence, text, (at, tail) => {
    if (!tags) {
      tags = tagSentence(block.text, sentence, 'parts');
      const verbs = finiteVerbStarts(tags, sentence.words);
      verbStarts = new Set(verbs);
      head = headFacts(block.text, sentence.words, verbs);
    }
    return mainClauseBefore(head as HeadFacts, at) && opensClause(block.text, sentence.words, tags, verbStarts, tail);
  });
  return point && applySplit(text, point);
}

/** Words that open a sentence with a condition or a time, whose main clause comes after their comma. */
const OPENING_SUBORDINATORS = new Set(['if', 'when', 'unless', 'although', 'though', 'while', 'whilst', 'because', 'since', 'once', 'after', 'before', 'until', 'whereas', 'where', 'as']);

/** Subordinators that are never prepositions ("before the end", "after 30 days" are not conditions). */
const CONDITIONS = new Set(['if', 'unless', 'although', 'though', 'while', 'whilst', 'because', 'whereas', 'when']);

/** What a split's first part needs, read once per sentence so each candidate join costs O(1). */
interface HeadFacts {
  /** The first finite verb group, and whether it follows its subject without punctuation between. */
  first: number;
  firstJoined: boolean;
  /** The first condition word after that verb ("if", "unless"…), else Infinity. */
  condition: number;
  /** When the sentence opens with a subordinator: the first finite verb after its first comma, else Infinity. */
  mainVerb: number;
}

function headFacts(text: string, words: readonly Word[], verbs: readonly number[]): HeadFacts {
  const first = verbs[0] ?? Infinity;
  let condition = Infinity;
  for (let i = first + 1; i < words.length && condition === Infinity; i++) if (CONDITIONS.has(words[i]?.lower ?? '')) condition = i;
  let mainVerb = -1;
  if (OPENING_SUBORDINATORS.has(words[0]?.lower ?? '')) {
    let comma = -1;
    for (let i = 1; i < words.length && comma < 0; i++) if (text.slice((words[i - 1] as Word).end, (words[i] as Word).start).includes(',')) comma = i;
    mainVerb = comma < 0 ? Infinity : (verbs.find((v) => v >= comma) ?? Infinity);
  }
  return { first, firstJoined: first > 0 && first < words.length && joinedToPrevious(text, words, first), condition, mainVerb };
}

/**
 * Whether the words before the join `head` make a sentence: a finite verb with its subject ("The online
 * reservation, order, purchase, and payment services…" is a list of nouns, whatever the tagger makes of
 * "order"); no condition opened after that verb ("…coverage if you qualify for a waiver, and you meet…" would be cut
 * in two); and, in a sentence that opens with a condition ("If a payment is not settled, due to …, and you do not
 * cancel, we may suspend…"), its main clause after the condition's comma, else the condition is left a fragment.
 */
function mainClauseBefore(h: HeadFacts, head: number): boolean {
  if (!(h.first < head) || (h.first > 0 && !h.firstJoined) || h.condition < head) return false;
  return h.mainVerb < head;
}

/** Words of a subject before its verb: "An Iranian university may…", "Your new card will…". */
const SUBJECT_WORDS = 6;
const INNER_PUNCTUATION = /[,;:()[\]]/;
/** A tail that opens with these continues the head ("…, and that Valve does not…", "a device that meets…"). */
const RELATIVE_OPENERS = new Set(['that', 'which', 'who', 'whom', 'whose', 'where']);

/**
 * Whether the words from `tail` read as a clause of their own: a short subject (a noun phrase or a pronoun, no
 * punctuation, relative pronoun or bare determiner in it), perhaps an adverb, then a finite verb. "…, and websites, as
 * well as materials…" (a list item), "…, and actions arising from…" (no finite verb), "…, and that Valve does not…"
 * (a second complement of the head's verb) and "…; (c) Hotpads" are not; "…, and you will not be charged again" is.
 */
function opensClause(text: string, words: readonly Word[], tags: readonly Tagged[], verbStarts: ReadonlySet<number>, tail: number): boolean {
  const has = (i: number, tag: string) => hasTag(tags, i, tag);
  const joined = (i: number) => joinedToPrevious(text, words, i);
  const relative = (i: number) => RELATIVE_OPENERS.has(words[i]?.lower ?? '');
  if (!SUBJECT_TAGS.some((t) => has(tail, t)) || has(tail, 'Verb') || relative(tail)) return false;
  let i = tail;
  let noun = false;
  for (; i < words.length && i - tail < SUBJECT_WORDS && (i === tail || joined(i)) && !has(i, 'Verb') && !relative(i) && SUBJECT_PHRASE_TAGS.some((t) => has(i, t)); i++) {
    noun ||= (has(i, 'Noun') || has(i, 'Pronoun')) && !has(i, 'Determiner');
  }
  if (!noun) return false;
  while (i < words.length && joined(i) && (has(i, 'Adverb') || has(i, 'Negative')) && !has(i, 'Verb')) i++;
  return i < words.length && joined(i) && verbStarts.has(i);
}
