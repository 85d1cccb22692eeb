import type { HardSentence, Paragraph, Unit } from '../types.ts';
import { LineIndex } from '../positions.ts';
import { sentenceGrade } from './readability.ts';
import { firstSorted } from '../first-sorted.ts';

const HOW_MANY = 3;
/** Shorter sentences get no grade: one long word swings a short sentence's grade. */
export const GRADE_MIN_WORDS = 8;

/** The unit's hardest sentences by Flesch–Kincaid grade, hardest first, pinned to the source. */
export function hardestSentences(unit: Unit, paragraphs: Paragraph[]): HardSentence[] {
  const graded = paragraphs.flatMap((p) => p.sentences.filter((s) => s.words.length >= GRADE_MIN_WORDS).map((s) => ({ s, grade: sentenceGrade(s) })));
  const top = firstSorted(graded, HOW_MANY, (a, b) => b.grade - a.grade || a.s.blockIndex - b.s.blockIndex || a.s.start - b.s.start);
  if (top.length === 0) return [];
  const lines = new LineIndex(unit.source);
  return top.map(({ s, grade }) => {
    const block = unit.blocks[s.blockIndex];
    const offset = block?.map[s.start] ?? 0;
    const end = (block?.map[s.end - 1] ?? offset) + 1;
    return { text: unit.source.slice(offset, end), ...lines.at(offset), offset, length: end - offset, grade, words: s.words.length };
  });
}
