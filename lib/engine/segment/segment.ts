import type { Paragraph, Unit } from '../types.ts';
import { splitSentences } from './sentences.ts';
import { tokenize } from './words.ts';

/** A unit's blocks → paragraphs of sentences of words, all with offsets into the block text. */
export function segment(unit: Unit): Paragraph[] {
  return unit.blocks.map((block, blockIndex) => ({
    blockIndex,
    sentences: splitSentences(block.text)
      .map((s) => ({ blockIndex, start: s.start, end: s.end, words: tokenize(block.text, s.start, s.end) }))
      .filter((s) => s.words.length > 0),
  }));
}
