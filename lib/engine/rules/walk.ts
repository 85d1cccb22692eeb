import type { ProseBlock, Sentence } from '../types.ts';
import type { RuleContext } from './candidate.ts';

export interface SentenceVisit {
  sentence: Sentence;
  block: ProseBlock;
  /** Position of the sentence in the unit, counting every sentence of every block. */
  index: number;
}

/** Every sentence of a unit in reading order, with its block. */
export function* sentences(ctx: RuleContext): Generator<SentenceVisit> {
  let index = 0;
  for (const p of ctx.paragraphs) {
    const block = ctx.unit.blocks[p.blockIndex];
    if (!block) continue;
    for (const sentence of p.sentences) yield { sentence, block, index: index++ };
  }
}

/** The original (cased) text of words `from`..`to` of a sentence. */
export function wordsText(block: ProseBlock, sentence: Sentence, from: number, to: number): string {
  const a = sentence.words[from];
  const b = sentence.words[to - 1];
  return a && b ? block.text.slice(a.start, b.end) : '';
}
