import { knows, type Rule } from './candidate.ts';
import { frequencyRank } from './frequency.ts';
import { MIN_VOCABULARY } from '../persona/schema.ts';

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
      sentence.words.forEach((w, i) => {
        const raw = block.text.slice(w.start, w.end);
        if (w.lower.length < 4 || /[\d.@&_]/.test(w.lower) || seen.has(w.lower)) return;
        const capitalised = raw[0] !== w.lower[0];
        // Contractions are judged by their stem ("we'll" → "we"); compounds by their rarest part.
        const rank = Math.max(...w.lower.replace(/'.*$/, '').split('-').map(frequencyRank));
        if (capitalised && (i > 0 || rank === Infinity)) return;
        seen.add(w.lower);
        if (rank <= MIN_VOCABULARY) return; // every persona knows these
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
      });
    }
  },
};
