import { acronyms, everydayAcronyms } from '../lexicon/index.ts';
import type { AcronymEntry } from '../lexicon/schema.ts';
import type { Word } from '../types.ts';
import { insideBrackets, knows, type Rule } from './candidate.ts';
import { frequencyRank } from './frequency.ts';
import { isCapitalised } from '../segment/words.ts';

const EXPANSIONS = new Map<string, AcronymEntry>(acronyms.map((a) => [a.acronym, a]));
const EVERYDAY = new Set(everydayAcronyms);
const SHAPE = /^(?=(?:.*[A-Z]){2}|.*\d.*[A-Z]|.*[A-Z].*\d)[A-Z0-9&]{2,8}$/;

/**
 * An all-capitals word that is an ordinary word shouted ("IMPORTANT", and in a contract's capitals "OR", "BE",
 * "NOT"), not an acronym. A short word must be a very common one: "TCP" and "DIC" are not words.
 */
function isShoutedWord(acronym: string): boolean {
  if (EXPANSIONS.has(acronym)) return false;
  const rank = frequencyRank(acronym.toLowerCase());
  return acronym.length >= 4 ? rank < 20000 : rank < SHORT_WORD_RANK;
}

/** Two- and three-letter words this common ("or", "box", "act") are words, whatever their case. */
const SHORT_WORD_RANK = 2000;

/** A sentence (a heading, mostly) written all in capitals. */
function isShoutedSentence(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length > 12 && letters === letters.toUpperCase();
}

/** "service level agreement (SLA)", "SLA (service level agreement)", "(“DPA”)", "GCU: the General Conditions of Use". */
function definedBeside(text: string, start: number, end: number): boolean {
  return /[(“"‘']\s*$/.test(text.slice(Math.max(0, start - 6), start)) || /^[”"’']?\s*[(:]/.test(text.slice(end, end + 4));
}

/** The page's title or a heading gives the acronym in brackets: "title: Internal Revenue Service (IRS)". */
function definedInTitle(acronym: string, source: string): boolean {
  return titleAcronyms(source).has(acronym);
}

let titled: { source: string; acronyms: Set<string> } | undefined;

/** The bracketed acronyms of a source's title and headings, read once per source (not once per acronym). */
function titleAcronyms(source: string): Set<string> {
  if (titled?.source === source) return titled.acronyms;
  const acronyms = new Set<string>();
  for (const [line] of source.matchAll(/^(?:title:|#{1,6}[ \t]).*$/gm)) for (const [, a] of line.matchAll(/\(([A-Z0-9&]{2,8})\)/g)) acronyms.add(a as string);
  titled = { source, acronyms };
  return acronyms;
}

const ARTICLES = new Set(['a', 'an']);
const SMALL_WORDS = new Set(['of', 'and', 'the', 'for', 'to', 'in', 'on', 'a', 'an', '&']);

/**
 * The acronym's letters are the initials of words beside it in the same sentence: "Medical Loss Ratio, or MLR",
 * "Content Security Policy or “CSP”", "Export Administration Regulations (the EAR)". Beside means within a few
 * words for each letter, which also keeps the look linear in a sentence that never ends.
 */
function spelledOut(acronym: string, text: string, words: readonly Word[], i: number): boolean {
  const letters = acronym.replace(/[^A-Z]/g, '');
  if (letters.length < 2) return false;
  const reach = 3 * letters.length + 4;
  let initials = '';
  for (let j = Math.max(0, i - reach); j < Math.min(words.length, i + reach + 1); j++) {
    const x = words[j] as Word;
    // "Near-Field Communication" gives N, F and C.
    if (j !== i && !SMALL_WORDS.has(x.lower)) for (const part of text.slice(x.start, x.end).split('-')) initials += (part[0] ?? '').toUpperCase();
  }
  return initials.includes(letters);
}

const CURRENCIES = new Set(['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'JPY', 'CNY', 'INR', 'SEK', 'NOK', 'DKK', 'PLN', 'BRL', 'MXN', 'SGD', 'HKD', 'ZAR']);
const COMPANY_SUFFIX = new Set(['llc', 'inc', 'ltd', 'plc', 'gmbh', 'corp', 'co', 'sa', 'ag', 'bv', 'lp', 'llp', 'sarl', 'sas', 'srl', 'spa', 'nv', 'pty']);
const isNumber = (x: Word | undefined, text: string): boolean => x !== undefined && /^[\d.,]+$/.test(text.slice(x.start, x.end));
const isCode = (x: Word | undefined, text: string): boolean => x !== undefined && x.end - x.start <= 3 && /^[A-Z]+$/.test(text.slice(x.start, x.end));

/**
 * Capitals that are not an unexplained acronym where they stand: a unit or currency beside a number ("601 KB",
 * "EUR 50"), a state or province code before a postcode, part of a company's legal name ("Services TX, LLC"), one
 * of a list of codes ("V, RH, J, RS, K"), a code mixing letters and digits ("K1A"), or a technical name ("GEO::IP").
 */
function notAnAcronymHere(acronym: string, text: string, words: readonly Word[], i: number): boolean {
  const w = words[i] as Word;
  const previous = words[i - 1];
  const next = words[i + 1];
  // Letters mixed with digits and no known expansion are a code (a postcode, a model), not an acronym.
  if (/\d/.test(acronym) && !EXPANSIONS.has(acronym)) return true;
  if (isNumber(previous, text) || (CURRENCIES.has(acronym) && isNumber(next, text))) return true;
  // A short code before its number: a state before a postcode ("QC K1A"), a mailbox ("PMB 53289").
  if (acronym.length <= 3 && next !== undefined && /\d/.test(text.slice(next.start, next.end))) return true;
  if (next !== undefined && COMPANY_SUFFIX.has(next.lower)) return true;
  // The legal form itself after the company's name: "Valve SARL", "Acme PLC".
  if (COMPANY_SUFFIX.has(acronym.toLowerCase()) && isCapitalised(text, previous)) return true;
  if (isCode(previous, text) && isCode(next, text)) return true;
  return text.startsWith('::', w.end) || text.endsWith('::', w.start);
}

/** Roman numerals with an I in them, alone or as a class code with a letter ("IIB", "XIV"); "VA" and "CV" are initials. */
const ROMAN = /^(?=[IVXLC]*I)[IVXLC]+[A-Z]?$/;
/** Capitals this long with no known expansion are a name (TRICARE, README), not initials to spell out. */
const NAME_LENGTH = 6;

/**
 * Capitals that name something rather than abbreviate it: Roman numerals, long names, a brand whose own web
 * address the document gives ("VA" on a page linking va.gov), and a word of a phrase shouted in capitals ("AS IS").
 */
function aName(acronym: string, source: string, text: string, words: readonly Word[], i: number): boolean {
  if (EXPANSIONS.has(acronym)) return false;
  if (ROMAN.test(acronym) || acronym.length >= NAME_LENGTH) return true;
  if (new RegExp(`\\b${acronym}\\.(?:gov|com|org|net|io|co|app|dev)\\b`, 'i').test(source)) return true;
  // Capitals that begin a product's name: "VS Code", "AWS Lambda".
  const next = words[i + 1];
  if (next && /^\p{Lu}\p{Ll}/u.test(text.slice(next.start, next.end)) && text.slice(words[i]!.end, next.start) === ' ') return true;
  return [words[i - 1], words[i + 1]].some((x) => x !== undefined && x.end - x.start >= 2 && text.slice(x.start, x.end) === x.lower.toUpperCase() && frequencyRank(x.lower) < 5000);
}

/** Acronyms not spelled out at first use, in brackets or in the words beside them. */
export const acronymRule: Rule = {
  id: 'acronym',
  run(ctx, emit) {
    const seen = new Set<string>();
    for (const { sentence, block } of ctx.sentences) {
      let shouted: boolean | undefined;
      for (const [i, w] of sentence.words.entries()) {
        // Every acronym starts with a capital, a digit or '&': most words end here, before any slicing.
        const c0 = block.text.charCodeAt(w.start);
        if (!((c0 >= 65 && c0 <= 90) || (c0 >= 48 && c0 <= 57) || c0 === 38) || w.end - w.start > 9) continue;
        const raw = block.text.slice(w.start, w.end);
        const acronym = raw.endsWith('s') && SHAPE.test(raw.slice(0, -1)) ? raw.slice(0, -1) : raw;
        if (!SHAPE.test(acronym) || EVERYDAY.has(acronym) || seen.has(acronym) || isShoutedWord(acronym)) continue;
        shouted ??= isShoutedSentence(block.text.slice(sentence.start, sentence.end));
        if (shouted) break; // a heading in capitals: its words are not acronyms
        seen.add(acronym);
        if (definedBeside(block.text, w.start, w.end) || spelledOut(acronym, block.text, sentence.words, i) || notAnAcronymHere(acronym, block.text, sentence.words, i)) continue;
        if (aName(acronym, ctx.unit.source, block.text, sentence.words, i) || definedInTitle(acronym, ctx.unit.source)) continue;
        const entry = EXPANSIONS.get(acronym);
        // Pasting the expansion over a plural ("DMVs") or after "a"/"an" ("an FYI") leaves it ungrammatical, and
        // inside brackets ("(like your IDE)") it would nest them.
        const fits = raw === acronym && !ARTICLES.has(sentence.words[i - 1]?.lower ?? '') && !insideBrackets(block.text, sentence.start, w.start);
        emit({
          ruleId: 'acronym',
          category: 'acronym',
          severity: 'warning',
          message: entry
            ? `Spell out “${acronym}” the first time: ${entry.expansion} (${acronym}).`
            : `“${acronym}” is not defined at first use: spell it out, then give the short form in brackets.`,
          blockIndex: sentence.blockIndex,
          start: w.start,
          end: w.start + acronym.length,
          // An expansion that carries its own gloss in brackets would stack them: that one is told, not offered.
          ...(entry && fits && !entry.expansion.includes('(') ? { suggestion: `${entry.expansion} (${acronym})` } : {}),
          applies: (p) => !knows(p, acronym) && !(entry?.packs.some((pack) => p.knownPacks.includes(pack)) ?? false),
        });
      }
    }
  },
};
