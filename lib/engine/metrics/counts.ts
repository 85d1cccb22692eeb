import type { Paragraph, ProseBlock, Sentence } from '../types.ts';
import { isEasyWord } from './easy-words.ts';
import { isSpaceCode, lettersAndDigits } from '../segment/chars.ts';

/** Everything the readability formulas need, counted in one walk (as retext-readability does). */
export interface TextCounts {
  words: number;
  sentences: number;
  syllables: number;
  /** Non-space characters inside sentences, punctuation included (ARI). */
  characters: number;
  /** Letters and digits inside words (Coleman–Liau). */
  letters: number;
  /** Words of three or more syllables (SMOG). */
  polysyllables: number;
  /** Words of two or more syllables not on the Dale–Chall list, every occurrence (Dale–Chall). */
  difficultWords: number;
  /** Words of three or more syllables not on the Dale–Chall list, every occurrence (Gunning fog). */
  complexWords: number;
}

export function emptyCounts(): TextCounts {
  return { words: 0, sentences: 0, syllables: 0, characters: 0, letters: 0, polysyllables: 0, difficultWords: 0, complexWords: 0 };
}

export function countSentence(c: TextCounts, sentence: Sentence, text: string): void {
  c.sentences++;
  for (let i = sentence.start; i < sentence.end; i++) if (!isSpaceCode(text.charCodeAt(i))) c.characters++;
  for (const w of sentence.words) {
    c.words++;
    c.syllables += w.syllables;
    c.letters += lettersAndDigits(w.lower);
    if (w.syllables >= 3) c.polysyllables++;
    if (w.syllables >= 2 && !isEasyWord(w.lower)) {
      c.difficultWords++;
      if (w.syllables >= 3) c.complexWords++;
    }
  }
}

export function countParagraphs(paragraphs: Paragraph[], blocks: ProseBlock[]): TextCounts {
  const c = emptyCounts();
  for (const p of paragraphs) for (const s of p.sentences) countSentence(c, s, blocks[p.blockIndex]?.text ?? '');
  return c;
}
