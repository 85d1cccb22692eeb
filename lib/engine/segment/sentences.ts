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

export interface Span {
  start: number;
  end: number;
}

export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(text, 0);
  // Where a sentence may end: a run of . ! ? …, the closing quotes and brackets after it, then whitespace or the
  // end of the text (what /[.!?…]+["'”’)\]]*(?=\s|$)/g matches). A scan, not that pattern: on a long run of dots
  // with no space after it the pattern retried the rest of the run from every dot (80 KB of dots: 23 s); every
  // start inside one run ends at the same place, so the scan reads each character once.
  for (let i = 0; i < text.length; ) {
    if (!isEnd(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const at = i;
    while (i < text.length && isEnd(text.charCodeAt(i))) i++;
    while (i < text.length && isCloser(text.charCodeAt(i))) i++;
    if (i < text.length && !isSpaceCode(text.charCodeAt(i))) {
      // "…to our Services.If you…": a full stop with the space lost (pasted or exported text) still ends a sentence.
      if (i === at + 1 && text[at] === '.' && i > start && tightEnd(text, at)) {
        spans.push({ start, end: i });
        start = i;
      }
      continue;
    }
    if (i <= start) continue;
    if (text[at] === '.' && text[at + 1] !== '.' && isAbbreviation(text, at)) continue;
    spans.push({ start, end: i });
    start = skipSpace(text, i);
  }
  let end = text.length;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (end > start) spans.push({ start, end });
  return spans;
}

/** . ! ? … */
function isEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/** " ' ” ’ ) ] */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93;
}

function isAbbreviation(text: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1] ?? '')) i--;
  const word = text.slice(i, dot).toLowerCase();
  if (word.length === 1 && /\p{Lu}/u.test(text[i] ?? '')) return true; // an initial: "J. Smith"
  if (!ABBREVIATIONS.has(word)) return false;
  // "etc." and similar do end sentences when a capitalised word follows.
  const next = text[skipSpace(text, dot + 1)] ?? '';
  return word !== 'etc' || !/\p{Lu}/u.test(next);
}

/**
 * A full stop between a word of two or more letters ending in lower case and a capitalised word ("Services.If"): not a web
 * address ("zoosk.com"), a name with a dot ("ASP.NET", "Node.js") or initials ("U.S.A", "p.m.").
 */
function tightEnd(text: string, dot: number): boolean {
  if (!/\p{Lu}/u.test(text[dot + 1] ?? '') || !/\p{Ll}/u.test(text[dot + 2] ?? '')) return false;
  if (!/\p{Ll}/u.test(text[dot - 1] ?? '')) return false;
  let i = dot;
  while (i > 0 && /\p{L}/u.test(text[i - 1] ?? '')) i--;
  return dot - i >= 2 && !/[\p{N}.]/u.test(text[i - 1] ?? '');
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}
