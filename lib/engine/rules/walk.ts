import type { Paragraph, ProseBlock, Sentence, Unit } from '../types.ts';

export interface SentenceVisit {
  sentence: Sentence;
  block: ProseBlock;
  /** Position of the sentence in the unit, counting every sentence of every block. */
  index: number;
}

/** Every sentence of a unit in reading order, with its block: listed once per unit, walked by every rule. */
export function sentenceVisits(unit: Unit, paragraphs: readonly Paragraph[]): SentenceVisit[] {
  const visits: SentenceVisit[] = [];
  for (const p of paragraphs) {
    const block = unit.blocks[p.blockIndex];
    if (!block) continue;
    for (const sentence of p.sentences) visits.push({ sentence, block, index: visits.length });
  }
  return visits;
}

/** The original (cased) text of words `from`..`to` of a sentence. */
export function wordsText(block: ProseBlock, sentence: Sentence, from: number, to: number): string {
  const a = sentence.words[from];
  const b = sentence.words[to - 1];
  return a && b ? block.text.slice(a.start, b.end) : '';
}
