import type { Rule } from './candidate.ts';

const MAX_SENTENCES = 6;
const MAX_WORDS = 120;

/** Paragraphs too long to scan; the finding points at the paragraph's first sentence. */
export const longParagraphRule: Rule = {
  id: 'long-paragraph',
  run(ctx, emit) {
    for (const p of ctx.paragraphs) {
      if (ctx.unit.blocks[p.blockIndex]?.kind !== 'paragraph') continue;
      const words = p.sentences.reduce((n, s) => n + s.words.length, 0);
      const first = p.sentences[0];
      if (!first || (p.sentences.length <= MAX_SENTENCES && words <= MAX_WORDS)) continue;
      emit({
        ruleId: 'long-paragraph',
        category: 'long-paragraph',
        severity: 'info',
        message: `This paragraph runs ${p.sentences.length} sentences (${words} words); break it up so readers can scan it.`,
        blockIndex: p.blockIndex,
        start: first.start,
        end: first.end,
      });
    }
  },
};
