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

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Letters and digits in a word, in code points (a letter outside the BMP is one letter; ASCII takes the fast path). */
export function lettersAndDigits(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) n++;
    } else {
      // A character outside the BMP is a surrogate pair: test it whole and step over its second half.
      const ch = String.fromCodePoint(word.codePointAt(i) ?? c);
      if (LETTER_OR_DIGIT.test(ch)) n++;
      i += ch.length - 1;
    }
  }
  return n;
}
