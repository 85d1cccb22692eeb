import type { DomainPack, DomainTerm, SubstitutionEntry, ToneEntry } from '../lexicon/schema.ts';
import { plainWords, nominalisations, domainPacks, hedging, condescension } from '../lexicon/index.ts';
import type { Persona, Word } from '../types.ts';
import { insideBrackets, knows, type Rule } from './candidate.ts';
import { phraseRule, quoteList, type PhraseMatch } from './phrase-rule.ts';
import type { Tagged } from '../grammar/tagger.ts';
import { isVerbInLexicon, plurals, verbForms } from '../grammar/lemma.ts';
import { explainedAt } from './explained.ts';
import { frequencyRank } from './frequency.ts';
import { isSpaceCode } from '../segment/chars.ts';

/** Wordy or formal wording with a plain swap: "utilize" → "use", "in the event that" → "if". */
export const plainWordsRule: Rule = phraseRule<SubstitutionEntry>({
  id: 'plain-words',
  category: 'wordiness',
  entries: plainWords,
  phrase: (e) => e.phrase,
  severity: (e) => (e.omit ? 'info' : 'warning'),
  message: (e, text) =>
    e.omit && e.replace.length === 0
      ? `Cut “${text}”: it adds words, not meaning.`
      : `Say ${quoteList(e.replace)} instead of “${text}”${e.why ? `: ${e.why}` : '.'}`,
  replacement: (e, m) => (swapReadsRight(e, m) ? (e.replace[0] ?? (e.omit ? '' : undefined)) : undefined),
  safe: (e) => e.review !== true,
  accept: plainSwapFits,
});

const AUXILIARIES = new Set(['do', 'does', 'did', "don't", "doesn't", "didn't", 'will', 'would', 'may', 'might', 'must', 'should', 'shall', 'to']);

/**
 * Whether pasting the swap keeps the sentence grammatical, where the swap takes other words than the original:
 * "make sure" needs a clause after it ("ensure that you…", "ensure your card is safe", not "ensure accuracy"), and
 * "share" needs "with", and "can" cannot follow another auxiliary ("we do not even have the ability to" → "do not even can"). The finding
 * stands either way; only the paste is withheld.
 */
function swapReadsRight(e: SubstitutionEntry, m: PhraseMatch): boolean {
  if (e.replace[0]?.startsWith('mak') && /^ensur/i.test(m.text)) {
    if (m.next === 'that') return true;
    const end = Math.min(m.words.length, m.to + 6);
    return m.partsAround(m.to, end).some((t, k) => t.tags.has('Verb') && !/[,.;:!?]/.test(m.blockText.slice((m.words[m.to] as Word).start, (m.words[m.to + k] as Word).start)));
  }
  // "Share" takes "with": "disclose your data to partners" and "to whom we disclose" do not survive the swap.
  if (e.replace[0]?.startsWith('shar')) {
    const around = m.words.slice(Math.max(0, m.from - 2), m.to + 6).map((w) => w.lower);
    return !around.includes('to') && !around.includes('whom');
  }
  // "products obtained in the software" is a participle after its noun: "got" reads right only as a past tense
  // ("we obtained consent").
  if (/^obtained$/i.test(m.text)) return SUBJECTS.has(m.previous ?? '');
  // "a sufficient remedy" → "a enough remedy": "enough" takes no article.
  if (e.replace[0] === 'enough' && ARTICLES.has(m.previous ?? '')) return false;
  // A mass noun swapped for a count noun needs an article: "result in termination of" is not "result in end
  // of", "accept reimbursement from" not "accept refund from"; "your termination of the contract" is not "your
  // end of the contract".
  if (MASS_TO_COUNT.has(e.phrase) && !COUNT_DETERMINERS.has(m.previous ?? '')) return false;
  // A phrasal verb cannot stand before its noun as the participle did: "an established treaty" is not "a set up
  // treaty", nor "an expedited appeal" "a sped up appeal".
  if (PHRASAL.test(e.replace[0] ?? '') && m.to < m.words.length && !/\S/.test(m.blockText.slice((m.words[m.to - 1] as Word).end, (m.words[m.to] as Word).start))) {
    const t = m.partsAround(m.to, m.to + 1)[0]?.tags;
    if (t?.has('Noun') && !t.has('Pronoun')) return false;
  }
  // Cutting a sentence's opening ("Please note that businesses…") leaves it starting in lower case.
  if (e.omit && e.replace.length === 0 && m.atSentenceStart) {
    const next = m.words[m.to];
    return next === undefined || !/^\p{Ll}/u.test(m.blockText.slice(next.start, next.start + 1));
  }
  if (MODAL_SWAPS.has(e.replace[0] ?? '')) {
    let i = m.from - 1;
    while (i >= 0 && (m.words[i]?.lower === 'not' || m.words[i]?.lower.endsWith('ly') || m.words[i]?.lower === 'even')) i--;
    return !AUXILIARIES.has(m.words[i]?.lower ?? '');
  }
  return true;
}

const MODAL_SWAPS = new Set(['can', 'must', 'could']);
const ARTICLES = new Set(['a', 'an']);
const COUNT_DETERMINERS = new Set(['the', 'any', 'such', 'this', 'that', 'each']);
const MASS_TO_COUNT = new Set(['termination', 'reimbursement']);
const PHRASAL = / (?:up|out|off|down|back|in|on|over)$/;

/**
 * Where the formal word carries a sense its swap loses: "required by law", "where required", "if required" and
 * a form's "(required)" state a legal or form rule ("needed by law" says less), "requires that all payments be
 * made" takes a subjunctive "needs" cannot; "act accordingly" means "properly", and only a sentence-opening
 * "Accordingly," means "so".
 */
function plainSwapFits({ text, next, previous, atSentenceStart, words, from, blockText, partsAround }: PhraseMatch): boolean {
  if (/^requir/i.test(text)) {
    let k = (words[from] as Word).start;
    while (k > 0 && isSpaceCode(blockText.charCodeAt(k - 1))) k--;
    const bracketed = blockText[k - 1] === '(';
    return !(next === 'by' || next === 'that' || previous === 'where' || previous === 'if' || previous === 'when' || previous === 'as' || bracketed);
  }
  // "a bellwether proceeding", "any legal proceeding": the noun (a case in court), not the verb "going ahead".
  if (/^proceeding$/i.test(text) && from > 0) {
    const before = partsAround(from - 1, from)[0];
    if (DETERMINERS.has(previous ?? '') || before?.tags.has('Adjective') || (before?.tags.has('Noun') && !before.tags.has('Pronoun'))) return false;
  }
  return !/^accordingly$/i.test(text) || atSentenceStart;
}

const SUBJECTS = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'it', 'who']);

const DETERMINERS = new Set(['a', 'an', 'the', 'any', 'each', 'every', 'this', 'that', 'such', 'no', 'one', 'another', 'our', 'your', 'their', 'its']);

/** Hidden verbs: "make a decision" → "decide". */
export const nominalisationRule: Rule = phraseRule<SubstitutionEntry>({
  id: 'nominalisation',
  category: 'nominalisation',
  entries: nominalisations,
  phrase: (e) => e.phrase,
  severity: () => 'warning',
  message: (e, text) => `“${text}” hides the verb in a noun; say ${quoteList(e.replace)}.`,
  replacement: (e, m) => (e.replace[0] !== undefined && verbTakesWhatFollows(m, e.replace[0]) ? e.replace[0] : undefined),
  accept: nounStandsAlone,
});

/** A relative pronoun a few words on ("a decision about you which…"). */
const RELATIVES = new Set(['which', 'who', 'whom', 'whose']);
/** A clause right after the noun: "action we deem necessary", "a decision that affects you". */
const CLAUSE_OPENERS = new Set(['that', 'we', 'you', 'they', 'i']);

/**
 * The noun ends its phrase, so the verb can take its place: not "provide payment information" (a compound), "an
 * application and background check" (coordinated), "action we deem necessary" or "a decision about you which…"
 * (a relative clause hangs on the noun), or "changes (like ramps) to a home". "To pay information" or "to act we
 * deem necessary" would be the result.
 */
function nounStandsAlone(m: PhraseMatch): boolean {
  const last = m.words[m.to - 1] as Word;
  const after = m.words[m.to];
  if (!after) return true;
  const gap = m.blockText.slice(last.end, after.start);
  if (/[,.;:!?]/.test(gap)) return true;
  if (/[([—–]/.test(gap) || after.lower === 'and' || after.lower === 'or') return false;
  if (CLAUSE_OPENERS.has(after.lower) || m.words.slice(m.to, m.to + 3).some((w) => RELATIVES.has(w.lower))) return false;
  const t = m.partsAround(m.to, m.to + 1)[0]?.tags;
  return !(t?.has('Noun') && !t.has('Pronoun'));
}

/**
 * A "to" or a verb right after the noun belongs to the noun ("make payments to other users", "make a determination
 * rejecting your complaint"): the bare verb would need other words ("pay other users", "reject"), so no paste is
 * offered. "Make a decision by Friday" → "decide by Friday" keeps it.
 */
function verbTakesWhatFollows(m: PhraseMatch, verb: string): boolean {
  const next = m.words[m.to];
  if (!next || /[,.;:!?]/.test(m.blockText.slice((m.words[m.to - 1] as Word).end, next.start))) return !TRANSITIVE.has(verb);
  const t = m.partsAround(m.to, m.to + 1)[0]?.tags;
  // "provide a refund of upgrade fees" is not "refund of upgrade fees".
  if (t?.has('Verb') || next.lower === 'to' || next.lower === 'of') return false;
  // "give permission for you to" is not "allow for you to".
  if (next.lower === 'for' && PERMIT.has(verb)) return false;
  // A verb that needs its object right after it: "make changes on your behalf" is not "change on your behalf".
  return !TRANSITIVE.has(verb) || ((t?.has('Noun') || t?.has('Determiner') || t?.has('Pronoun')) ?? false);
}

const PERMIT = new Set(['allow', 'let']);
const TRANSITIVE = new Set(['change', 'ask']);

interface PackTerm extends DomainTerm {
  pack: DomainPack;
}

/**
 * Domain jargon, unless the persona's everyday vocabulary includes the pack: at its first use in a document, in
 * any inflection, and not in a document that explains it. A word with an everyday sense too counts only in the
 * part of speech of its jargon sense ("the yield" is jargon, "yield to" is not).
 */
export const jargonRule: Rule = phraseRule<PackTerm>({
  id: 'jargon',
  category: 'jargon',
  entries: domainPacks.flatMap((pack) => pack.terms.map((t) => ({ ...t, pack }))),
  phrase: (e) => e.term,
  forms: (e) => termForms(e.term, e.as),
  severity: (e) => (e.pack.id === 'corporate-buzzwords' ? 'info' : 'warning'),
  message: (e, text) =>
    `“${text}” is ${sentenceCase(e.pack.label)} jargon: ${e.replace?.length ? `say ${quoteList(e.replace)}, or ` : ''}explain it (${e.plain}).`,
  replacement: jargonRewrite,
  accept: inPackSense,
  perDocument: { explained: explainedAt },
  applies: (e) => (p: Persona) => !p.knownPacks.includes(e.pack.id) && !knows(p, e.term),
});

/**
 * A swap where it fits, else the term with its explanation in brackets. Neither where the term modifies a noun
 * ("in-network provider": no swap or gloss fits inside the compound), in a heading, inside a name in capitals, or
 * where brackets already follow. A swap is written for the listed form; an inflected use keeps its own words and
 * gains the gloss.
 */
function jargonRewrite(e: PackTerm, m: PhraseMatch, inflected: boolean): string | undefined {
  const after = m.blockText.slice((m.words[m.to - 1] as Word).end);
  if (m.blockKind === 'heading' || /^\s*\(/.test(after)) return undefined;
  // Only a word right beside the term, and no everyday function word, can make it part of a compound: the tagger
  // is asked only then.
  const next = beside(m, m.to - 1, m.to);
  const previous = beside(m, m.from - 1, m.from);
  const isNoun = (at: number | undefined): boolean => {
    const t = at === undefined ? undefined : m.partsAround(at, at + 1)[0]?.tags;
    return (t?.has('Noun') ?? false) && !t?.has('Pronoun') && !t?.has('Possessive');
  };
  // A verb phrase ("limits set forth below", "claims arising out of") is no compound, whatever stands beside it; a
  // noun term that opens with a verb's spelling ("open source software") still is one, and so is a gerund used as
  // a noun ("phishing attacks").
  const verbal = (): boolean => {
    const first = m.partsAround(m.from, m.from + 1)[0]?.tags;
    if (!first?.has('Verb')) return false;
    return m.to - m.from > 1 ? !m.partsAround(m.to - 1, m.to)[0]?.tags.has('Noun') : !first.has('Gerund');
  };
  if ((isNoun(next) || isNoun(previous)) && !verbal()) return undefined;
  // A swap that keeps only the phrase's first word drops an aside the writer closed with a comma ("including but
  // not limited to, web browser type"), which would leave the comma hanging.
  const listed = e.replace?.[0];
  // A phrasal verb before its "to" takes neither a swap nor a gloss: "circle back to you" is not "follow up to you",
  // "come back to to you" or "circle back (come back to a topic later) to you".
  const beforeTo = PARTICLE_END.test(e.term) && m.next === 'to';
  const swap = inflected || beforeTo || (listed !== undefined && after.startsWith(',') && e.term.startsWith(`${listed} `)) ? undefined : listed;
  if (!swap && (beforeTo || e.gloss === false || !glossFits(e, m, inflected, after))) return undefined;
  // The term as written: "Data Processor" keeps its capitals.
  return swap ?? `${m.text} (${e.plain})`;
}

/**
 * Whether a gloss in brackets reads right after the term: not inside brackets already ("(coverage for doctors and
 * outpatient services)"), not between a noun and its "of" ("waiver (…) of the premium"), or its number ("plan year
 * (…) 2019"), not after an inflected verb, which a gloss in the base form does not match ("have accrued (build
 * up over time)"), and no noun's gloss after the word used as a verb.
 */
function glossFits(e: PackTerm, m: PhraseMatch, inflected: boolean, after: string): boolean {
  if (insideBrackets(m.blockText, (m.words[0] as Word).start, (m.words[m.from] as Word).start)) return false;
  // Inside quotation marks the gloss would be quoted too.
  if (/^["”’']/.test(after)) return false;
  // A gloss speaking to "you" about someone else's thing: "their deductible (the amount you pay…)".
  if (/\byour?\b/i.test(e.plain) && (OTHERS.has(m.previous ?? '') || /['’]s?$/.test(m.previous ?? ''))) return false;
  const next = m.words[m.to];
  if (next && !/[^\s]/.test(after.slice(0, next.start - (m.words[m.to - 1] as Word).end)) && (next.lower === 'of' || /^\d/.test(next.lower))) return false;
  if (inflected && (e.as === 'verb' || (e.as === undefined && !e.term.includes(' ') && isVerbInLexicon(e.term)))) return false;
  // A noun's gloss after the word used as a verb ("you can opt-in (a way to say yes…)").
  return !(NOUN_GLOSS.test(e.plain) && (m.partsAround(m.to - 1, m.to)[0]?.tags.has('Verb') ?? false));
}

const NOUN_GLOSS = /^(?:a|an|the) /;
const OTHERS = new Set(['their', 'his', 'her', 'its']);

const PARTICLE_END = / (?:out|up|back|in|on|off)$/;

/** Below this rank a word is a closed-class word ("is", "the", "your"), never part of a compound noun. */
const CLOSED_CLASS_RANK = 150;

/** The index of word `at` when only a space separates it from word `other` and it is no function word. */
function beside(m: PhraseMatch, left: number, right: number): number | undefined {
  const a = m.words[left];
  const b = m.words[right];
  if (!a || !b || /\S/.test(m.blockText.slice(a.end, b.start))) return undefined;
  const at = left < m.from ? left : right;
  return frequencyRank((m.words[at] as Word).lower) < CLOSED_CLASS_RANK ? undefined : at;
}

/**
 * The other forms a listed term takes: plurals of its last word, and the verb forms of a verb. In "X of Y" the head
 * is X, which takes the plural too: "powers of attorney", "systems of records notices".
 */
export function termForms(term: string, as: DomainTerm['as']): string[] {
  const words = term.split(' ');
  const last = words.pop() as string;
  const head = words.length > 0 ? `${words.join(' ')} ` : '';
  const verb = as === 'verb' || (as === undefined && isVerbInLexicon(last) && words.length === 0);
  const forms = verb ? verbForms(last) : as === 'adjective' ? [] : plurals(last);
  const of = words.indexOf('of');
  const heads = !verb && as !== 'adjective' && of > 0 ? plurals(words[of - 1] as string).map((p) => words.map((w, i) => (i === of - 1 ? p : w)).join(' ')) : [];
  return [...forms.map((f) => head + f), ...heads.flatMap((h) => [last, ...forms].map((f) => `${h} ${f}`))];
}

const TAG_OF: Record<NonNullable<DomainTerm['as']>, string> = { noun: 'Noun', verb: 'Verb', adjective: 'Adjective' };
const hasPartOfSpeech = (t: Tagged | undefined, as: NonNullable<DomainTerm['as']>): boolean => t?.tags.has(TAG_OF[as]) ?? false;
/**
 * A pack term's use in its jargon sense: in prose (a heading names the topic of the section under it, where the
 * term is read and explained or not), not before a word that shows its everyday sense, and in its part of speech.
 */
function inPackSense(m: PhraseMatch, e: DomainTerm): boolean {
  return inProse(m) && !e.notBefore?.includes(m.next ?? '') && inSense(m, e.as);
}

const inProse = (m: PhraseMatch): boolean => m.blockKind !== 'heading';

/** The match's last word is read in the part of speech a term lists for its jargon sense (any, where it lists none). */
const inSense = (m: PhraseMatch, as: DomainTerm['as']): boolean => as === undefined || hasPartOfSpeech(m.partsAround(m.to - 1, m.to)[0], as) || (as === 'noun' && headsNounPhrase(m));

const NOUN_DETERMINERS = new Set(['a', 'an', 'the', 'your', 'their', 'our', 'his', 'her', 'its', 'this', 'that', 'each', 'every', 'any']);

/**
 * "as a premium, and what…": after a determiner and before punctuation a word has nothing to modify, so it is the
 * noun, whatever the tagger (without its post-tagger) reads in "a premium, and" (an adjective list).
 */
function headsNounPhrase(m: PhraseMatch): boolean {
  const last = m.words[m.to - 1] as Word;
  const next = m.words[m.to];
  return NOUN_DETERMINERS.has(m.words[m.to - 2]?.lower ?? '') && (next === undefined || /[,.;:!?)]/.test(m.blockText.slice(last.end, next.start)));
}

/** "Software and IT" → "software and IT": lower-cases words, not acronyms. */
function sentenceCase(label: string): string {
  return label.replace(/\b[A-Z][a-z]+\b/g, (w) => w.toLowerCase());
}

/** Hedges that make a promise sound unsure, which undermines feeling assured. */
export const hedgingRule: Rule = phraseRule<ToneEntry>({
  id: 'hedging',
  category: 'hedging',
  entries: hedging,
  phrase: (e) => e.phrase,
  severity: (e) => (e.phrase.includes(' ') ? 'warning' : 'info'),
  message: (e, text) => `“${text}” hedges: ${e.why}${e.replace?.length ? ` Try ${quoteList(e.replace)}.` : ''}`,
  replacement: (e) => e.replace?.[0],
  accept: (m) => {
    const { text, atSentenceStart, previous, next } = m;
    const lower = text.toLowerCase();
    // "May" in the middle of a sentence is the month; "may not" / "might not" forbid or deny, they do not hedge.
    if ((!atSentenceStart && text === 'May') || (next === 'not' && (lower === 'may' || lower === 'might'))) return false;
    if (lower === 'may') return hedgingMay(m);
    // "subject to these terms" names its condition; "subject to change" is the hedge. "A region that is subject to
    // restrictions" means "covered by".
    if (lower === 'subject to' && next !== undefined && (NAMED_CONDITION.has(next) || (BE.has(previous ?? '') && next !== 'change'))) return false;
    return true;
  },
});

/**
 * "May" hedges where the writer holds back what it will do: "we may suspend", "our service may contain", "Acme
 * may share", or a passive that hides us ("refunds may be delayed"), and "you may be charged". Not where it grants
 * a permission ("you may cancel", "you agree that we may process", "minors may only use") or names a real
 * possibility the writer does not control ("late payment may delay access", "someone else may be using it").
 */
function hedgingMay(m: PhraseMatch): boolean {
  const { words, from, next } = m;
  if (next === 'only' || words.slice(Math.max(0, from - 6), from).some((w) => GRANTS.has(w.lower))) return false;
  const tags = m.grammar();
  let s = from - 1;
  while (s >= 0 && tags[s]?.tags.has('Adverb')) s--;
  const subject = words[s]?.lower;
  if (subject === 'you') return next !== undefined && UNCERTAIN_AFTER_YOU_MAY.has(next);
  if (subject === 'we' || words[s - 1]?.lower === 'our' || (tags[s]?.tags.has('ProperNoun') && words[s]?.lower !== 'i')) return true;
  // A passive after "may" with no actor named hides the writer: "refunds may be delayed".
  const participle = tags[from + 2]?.tags;
  return next === 'be' && (participle?.has('Passive') || participle?.has('PastTense') || participle?.has('Participle') || false) && words[from + 3]?.lower !== 'by';
}

/** Verbs that grant what follows them: "you agree that we may…", "you authorise us to…". */
const GRANTS = new Set(['agree', 'agrees', 'consent', 'consents', 'authorize', 'authorise', 'permit', 'permits', 'allow', 'allows']);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);

/** After "you may", words that make it a possibility rather than a permission (from a read of the real corpus). */
const UNCERTAIN_AFTER_YOU_MAY = new Set(['be', 'have', 'need', 'receive', 'see', 'qualify', 'want', 'lose', 'get', 'find', 'experience', 'notice', 'incur', 'feel', 'hear', 'also', 'still', 'only', 'already', 'even', 'sometimes', 'well']);
/** After "subject to", words that start naming the condition. */
const NAMED_CONDITION = new Set(['the', 'a', 'an', 'any', 'these', 'this', 'those', 'our', 'your', 'their', 'its', 'applicable', 'such', 'section', 'clause', 'article', 'paragraph', 'all', 'each']);

/** Words that talk down to the reader ("simply", "obviously"), which undermines feeling respected. */
export const condescensionRule: Rule = phraseRule<ToneEntry>({
  id: 'condescension',
  category: 'condescension',
  entries: condescension,
  phrase: (e) => e.phrase,
  // A lone "just" is often innocent; "as you know" never is.
  severity: (e) => (e.phrase.includes(' ') ? 'warning' : 'info'),
  message: (e, text) => `“${text}” can read as talking down: ${e.why}`,
  replacement: (e) => e.replace?.[0],
  accept: (m) => {
    const lower = m.text.toLowerCase();
    // "Just click", "simply enter": only minimising an instruction talks down. "Just because", "not just for you",
    // "you just signed up" and "simply guesses your location" say "only", "exactly" or "recently".
    // ("just like" is a comparison the tagger reads as the verb "like".)
    if (MINIMISERS.has(lower)) return m.previous !== 'not' && m.previous !== 'than' && m.next !== 'like' && (m.grammar()[m.to]?.tags.has('Infinitive') ?? false);
    // "clearly displayed", "explain plainly": an adverb of manner on a verb, not a claim that something is obvious.
    if (MANNER.has(lower)) return !isVerb(m.grammar()[m.to]) && !isVerb(m.grammar()[m.from - 1]);
    // "Of course, we'll reach out": the writer's own conduct, not what the reader should know.
    if (lower === 'of course') return !WRITER.has(m.next ?? '');
    return true;
  },
});

const MINIMISERS = new Set(['just', 'simply', 'merely']);
const MANNER = new Set(['clearly', 'plainly', 'naturally']);
const WRITER = new Set(['we', "we'll", 'we’ll', 'our', 'us']);
const isVerb = (t: Tagged | undefined): boolean => t?.tags.has('Verb') ?? false;

/** Each pack term by its lowercased spelling: a persona's unfamiliar term that a pack lists is read as the pack reads it. */
const PACK_TERM = new Map(domainPacks.flatMap((pack) => pack.terms.map((t) => [t.term.toLowerCase(), t] as const)));

/** Terms a persona has said it does not know: flagged for that persona only. */
export function personaTermsRule(personas: readonly Persona[]): Rule {
  const entries = personas.flatMap((p) => p.unfamiliarTerms.map((term) => ({ term: term.toLowerCase(), persona: p.id })));
  const byTerm = new Map<string, string[]>();
  for (const e of entries) byTerm.set(e.term, [...(byTerm.get(e.term) ?? []), e.persona]);
  return phraseRule<[string, string[]]>({
    id: 'persona-term',
    category: 'jargon',
    entries: [...byTerm.entries()],
    phrase: ([term]) => term,
    forms: ([term]) => termForms(term, undefined),
    severity: () => 'warning',
    message: (_, text) => `“${text}” is a term this reader does not know: explain it the first time, or use everyday words.`,
    // A term a pack lists is read as the pack reads it: in its sense ("premium" the noun, not "a premium price";
    // not "premium rate" numbers) and in prose, not in a heading.
    accept: (m, [term]) => {
      const t = PACK_TERM.get(term);
      return t ? inPackSense(m, t) : inProse(m);
    },
    perDocument: { explained: explainedAt },
    applies: ([, ids]) => (p) => ids.includes(p.id),
  });
}

export interface CustomTerms {
  /** Wording the team prefers: `use` instead of any of `instead`. */
  preferred: { use: string; instead: string[] }[];
  /** Wording the team never uses, with why. */
  forbidden: { term: string; message: string }[];
}

/** The project's own wording rules from `clarity.config.json`. */
export function customTermsRules(terms: CustomTerms): Rule[] {
  return [
    phraseRule<{ phrase: string; use: string }>({
      id: 'custom-preferred',
      category: 'wordiness',
      entries: terms.preferred.flatMap((p) => p.instead.map((phrase) => ({ phrase, use: p.use }))),
      phrase: (e) => e.phrase,
      severity: () => 'warning',
      message: (e, text) => `House style: say “${e.use}”, not “${text}”.`,
      names: 'match',
      replacement: (e) => e.use,
    }),
    phraseRule<{ term: string; message: string }>({
      id: 'custom-forbidden',
      category: 'jargon',
      entries: terms.forbidden,
      phrase: (e) => e.term,
      severity: () => 'error',
      message: (e, text) => `House style forbids “${text}”: ${e.message}`,
      names: 'match',
    }),
  ];
}
