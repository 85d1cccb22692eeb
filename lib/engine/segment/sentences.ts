import { isSpaceCode } from './chars.ts';

/**
 * Sentence boundaries inside one block of prose. Unlike text-readability's
 * splitter (which needs exactly one space and a capital letter), this splits
 * after any run of whitespace and before lowercase starts too, except after
 * abbreviations and initials.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'vs', 'etc', 'e.g', 'i.e', 'eg', 'ie', 'inc', 'ltd', 'co', 'corp',
  'no', 'nos', 'approx', 'dept', 'est', 'fig', 'al', 'cf', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'a.m', 'p.m', 'ca', 'min', 'max', 'ref', 'sec', 'vol', 'p', 'pp', 'ph',
]);

const TERMINATOR = /[.!?…]+["'”’)\]]*(?=\s|$)/g;

export interface Span {
  start: number;
  end: number;
}

export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(text, 0);
  TERMINATOR.lastIndex = 0;
  for (let m = TERMINATOR.exec(text); m; m = TERMINATOR.exec(text)) {
    const end = m.index + m[0].length;
    if (end <= start) continue;
    if (m[0].startsWith('.') && !m[0].startsWith('..') && isAbbreviation(text, m.index)) continue;
    spans.push({ start, end });
    start = skipSpace(text, end);
  }
  let end = text.length;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (end > start) spans.push({ start, end });
  return spans;
}

function isAbbreviation(text: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1] ?? '')) i--;
  const word = text.slice(i, dot).toLowerCase();
  if (word.length === 1 && /\p{Lu}/u.test(text[i] ?? '')) return true; // an initial: "J. Smith"
  if (!ABBREVIATIONS.has(word)) return false;
  // "etc." and similar do end sentences when a capitalised word follows.
  const next = text.slice(dot + 1).trimStart()[0] ?? '';
  return word !== 'etc' || !/\p{Lu}/u.test(next);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}
