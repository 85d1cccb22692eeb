import { knows, type Rule } from './candidate.ts';
import { frequencyRank } from './frequency.ts';
import { MIN_VOCABULARY } from '../persona/schema.ts';

/** Contractions are judged by their stem ("we'll" → "we"); compounds by their rarest part. */
function rankOf(lower: string): number {
  if (!lower.includes("'") && !lower.includes('-')) return frequencyRank(lower);
  return Math.max(...lower.replace(/'.*$/, '').split('-').map(frequencyRank));
}

/**
 * Words outside the persona's everyday vocabulary: rarer than the persona's
 * `vocabulary` rank in spoken English. Capitalised words mid-sentence are
 * names, and names, numbers, codes and web addresses are not vocabulary.
 */
export const uncommonWordRule: Rule = {
  id: 'uncommon-word',
  run(ctx, emit) {
    const seen = new Set<string>();
    for (const { sentence, block } of ctx.sentences) {
      for (const [i, w] of sentence.words.entries()) {
        if (w.lower.length < 4 || seen.has(w.lower) || /[\d.@&_]/.test(w.lower)) continue;
        const raw = block.text.slice(w.start, w.end);
        const capitalised = raw[0] !== w.lower[0];
        const rank = rankOf(w.lower);
        if (capitalised && (i > 0 || rank === Infinity)) continue;
        seen.add(w.lower);
        if (rank <= MIN_VOCABULARY) continue; // every persona knows these
        emit({
          ruleId: 'uncommon-word',
          category: 'uncommon-word',
          severity: 'info',
          message: `“${raw}” is not an everyday word; use a common word or explain it.`,
          blockIndex: sentence.blockIndex,
          start: w.start,
          end: w.end,
          applies: (p) => rank > p.vocabulary && !knows(p, w.lower),
        });
      }
    }
  },
};
