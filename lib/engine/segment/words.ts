import type { Word } from '../types.ts';
import { syllablesOf } from '../metrics/syllables.ts';
import { classCharAt, isSpaceCode } from './chars.ts';

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const JOINERS = "'’.-&";

/**
 * Word tokens of `text` between `start` and `end`, with offsets into `text`: what
 * `/(https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+)|([\p{L}\p{M}\p{N}]+(?:['’.\-&][\p{L}\p{M}\p{N}]+)*)/gu` matches
 * in the window, keeping the second group: web and e-mail addresses are skipped whole, never scored as words.
 * A scan by char code, not that pattern: the pattern tried the e-mail half from every character of a long run of
 * `[\w.+-]` with no `@` after it (80 KB of `a+a+…` with a URL in the sentence: seconds); here a run's answer is worked
 * out once, and a scan finds the words at a fraction of a Unicode pattern's cost.
 */
export function tokenize(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  const push = (from: number, to: number): void => {
    const folded = text.slice(from, to).toLowerCase();
    const lower = folded.includes('’') ? folded.replace(/’/g, "'") : folded;
    words.push({ start: from, end: to, lower, syllables: syllablesOf(lower) });
  };
  const slice = text.slice(start, end);
  const addresses = slice.includes('@') || slice.includes('http') || slice.includes('www.') ? new AddressScan(text, end) : undefined;
  for (let i = start; i < end; ) {
    if (addresses) {
      const skip = addresses.at(i);
      if (skip > i) {
        i = skip;
        continue;
      }
    }
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

/**
 * Finds the web and e-mail address starting at a position, for positions in increasing order. The e-mail's local
 * part `[\w.+-]+` must run right up to the `@`, so every start inside one run of those characters has the same
 * answer: it is worked out once per run, which keeps the scan linear.
 */
class AddressScan {
  private runEnd = -1;
  private runMatch = -1;

  constructor(
    private readonly text: string,
    private readonly end: number,
  ) {}

  /** The end of the address that starts at `i`, or -1 when none does. */
  at(i: number): number {
    const { text, end } = this;
    if (text.startsWith('www.', i) && i + 4 <= end) return this.nonSpace(i + 4);
    if (text.startsWith('http', i)) {
      const scheme = text.startsWith('https://', i) ? 8 : text.startsWith('http://', i) ? 7 : 0;
      if (scheme > 0 && i + scheme <= end) return this.nonSpace(i + scheme);
    }
    if (!isLocal(text.charCodeAt(i))) return -1;
    if (i >= this.runEnd) {
      let e = i;
      while (e < end && isLocal(text.charCodeAt(e))) e++;
      this.runEnd = e;
      this.runMatch = this.domain(e);
    }
    return this.runMatch;
  }

  /** `\S+` from `i`: the end of the run, or -1 when it is empty. */
  private nonSpace(i: number): number {
    let e = i;
    while (e < this.end && !isSpaceCode(this.text.charCodeAt(e))) e++;
    return e > i ? e : -1;
  }

  /** `@[\w-]+\.[\w.-]+` from `at`: its end, or -1. */
  private domain(at: number): number {
    const { text, end } = this;
    if (at >= end || text.charCodeAt(at) !== 64) return -1;
    let e = at + 1;
    while (e < end && (isWordCode(text.charCodeAt(e)) || text.charCodeAt(e) === 45)) e++;
    if (e === at + 1 || e >= end || text.charCodeAt(e) !== 46) return -1;
    const dot = e++;
    while (e < end && (isWordCode(text.charCodeAt(e)) || text.charCodeAt(e) === 45 || text.charCodeAt(e) === 46)) e++;
    return e > dot + 1 ? e : -1;
  }
}

/** `\w`: ASCII letters, digits and `_`. */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** `[\w.+-]`, an e-mail address's local part. */
function isLocal(c: number): boolean {
  return isWordCode(c) || c === 46 || c === 43 || c === 45;
}

/** UTF-16 length of the letter, mark or digit at `i` (2 for a surrogate pair), or 0 when there is none. */
function wordCharAt(text: string, i: number, end: number): number {
  return classCharAt(text, i, end, WORD_CHAR);
}

/** Whether a word starts with a capital letter as written in `text` (its `lower` has lost that). */
export const isCapitalised = (text: string, w: Word | undefined): boolean => w !== undefined && /^\p{Lu}/u.test(text.slice(w.start, w.end));
