import type { Word } from '../types.ts';
import { syllablesOf } from '../metrics/syllables.ts';

// URLs and e-mail addresses are matched first so they are skipped as a whole, never scored as words.
const TOKEN = /(https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+)|([\p{L}\p{M}\p{N}]+(?:['’.\-&][\p{L}\p{M}\p{N}]+)*)/gu;

/** Word tokens of `text` between `start` and `end`, with offsets into `text`. */
export function tokenize(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  const slice = text.slice(start, end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    if (m[1]) continue;
    const folded = m[0].toLowerCase();
    const lower = folded.includes('’') ? folded.replace(/’/g, "'") : folded;
    words.push({ start: start + m.index, end: start + m.index + m[0].length, lower, syllables: syllablesOf(lower) });
  }
  return words;
}
