import type { Word } from '../types.ts';
import { syllablesOf } from '../metrics/syllables.ts';
import { classCharAt } from './chars.ts';

// URLs and e-mail addresses are matched first so they are skipped as a whole, never scored as words.
const WITH_ADDRESSES = /(https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+)|([\p{L}\p{M}\p{N}]+(?:['’.\-&][\p{L}\p{M}\p{N}]+)*)/gu;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const JOINERS = "'’.-&";

/** Word tokens of `text` between `start` and `end`, with offsets into `text`. */
export function tokenize(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  const push = (from: number, to: number): void => {
    const folded = text.slice(from, to).toLowerCase();
    const lower = folded.includes('’') ? folded.replace(/’/g, "'") : folded;
    words.push({ start: from, end: to, lower, syllables: syllablesOf(lower) });
  };
  const slice = text.slice(start, end);
  if (slice.includes('@') || slice.includes('http') || slice.includes('www.')) {
    WITH_ADDRESSES.lastIndex = 0;
    for (let m = WITH_ADDRESSES.exec(slice); m; m = WITH_ADDRESSES.exec(slice)) if (!m[1]) push(start + m.index, start + m.index + m[0].length);
    return words;
  }
  // Most sentences hold no address: a scan by char code finds the same words as the pattern's second half
  // (letters, marks and digits, joined by ' ’ . - &) at a fraction of a Unicode pattern's cost.
  for (let i = start; i < end; ) {
    let n = wordCharAt(text, i, end);
    if (n === 0) {
      i++;
      continue;
    }
    const from = i;
    do i += n;
    while ((n = wordCharAt(text, i, end)) > 0);
    while (i < end && JOINERS.includes(text[i] as string) && (n = wordCharAt(text, i + 1, end)) > 0) {
      i += 1;
      do i += n;
      while ((n = wordCharAt(text, i, end)) > 0);
    }
    push(from, i);
  }
  return words;
}

/** UTF-16 length of the letter, mark or digit at `i` (2 for a surrogate pair), or 0 when there is none. */
function wordCharAt(text: string, i: number, end: number): number {
  return classCharAt(text, i, end, WORD_CHAR);
}
