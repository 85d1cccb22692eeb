import type { Word } from '../types.ts';
import { syllablesOf } from '../metrics/syllables.ts';

const WORD = String.raw`[\p{L}\p{M}\p{N}]+(?:['’.\-&][\p{L}\p{M}\p{N}]+)*`;
// URLs and e-mail addresses are matched first so they are skipped as a whole, never scored as words.
const WITH_ADDRESSES = new RegExp(String.raw`(https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+)|(${WORD})`, 'gu');
// Most sentences hold no address, and trying the address patterns at every word costs as much again.
const WORDS_ONLY = new RegExp(WORD, 'gu');

/** Word tokens of `text` between `start` and `end`, with offsets into `text`. */
export function tokenize(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  const slice = text.slice(start, end);
  const pattern = slice.includes('@') || slice.includes('http') || slice.includes('www.') ? WITH_ADDRESSES : WORDS_ONLY;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
    if (pattern === WITH_ADDRESSES && m[1]) continue; // an address
    const folded = m[0].toLowerCase();
    const lower = folded.includes('’') ? folded.replace(/’/g, "'") : folded;
    words.push({ start: start + m.index, end: start + m.index + m[0].length, lower, syllables: syllablesOf(lower) });
  }
  return words;
}
