/**
 * Character tests on char codes. They run for every character of every
 * sentence, where a regex test on a one-character string costs several times more.
 */

/** What `/\s/` matches in JavaScript, as char codes. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * UTF-16 length of the character at `i` (2 for a surrogate pair) when it is in `cls`, an anchored
 * one-character Unicode class that holds the ASCII letters and digits and no other ASCII (those take
 * the fast path); 0 when it is not, or at `end`.
 */
export function classCharAt(text: string, i: number, end: number, cls: RegExp): number {
  if (i >= end) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < end;
  const ch = text.slice(i, pair ? i + 2 : i + 1);
  return cls.test(ch) ? ch.length : 0;
}

/** Letters and digits in a word, in code points (a letter outside the BMP is one letter). */
export function lettersAndDigits(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; ) {
    const len = classCharAt(word, i, word.length, LETTER_OR_DIGIT);
    if (len > 0) n++;
    i += len || 1;
  }
  return n;
}
