import { beVerbs, irregularParticiples, notParticiples } from '../lexicon/index.ts';
import type { Word } from '../types.ts';
import type { Rule } from './candidate.ts';
import { tagSentence, type Tagged } from '../grammar/tagger.ts';

const BE = new Set(beVerbs);
const IRREGULAR = new Set(irregularParticiples);
const ADJECTIVES = new Set(notParticiples);
const BETWEEN = new Set(['not', 'also', 'being', 'been', 'always', 'never', 'often', 'then', 'now', 'still', 'usually', 'automatically']);

function isParticiple(w: Word | undefined): boolean {
  if (!w || ADJECTIVES.has(w.lower)) return false;
  return IRREGULAR.has(w.lower) || (w.lower.length > 4 && w.lower.endsWith('ed'));
}

function isAdjectival(t: Tagged | undefined): boolean {
  return t !== undefined && t.tags.has('Adjective') && !t.tags.has('Passive');
}

/** Passive voice ("your claim will be reviewed"): it hides who acts, which costs the reader a sense of control. */
export const passiveRule: Rule = {
  id: 'passive',
  run(ctx, emit) {
    for (const { sentence, block } of ctx.sentences) {
      const words = sentence.words;
      for (let i = 0; i < words.length - 1; i++) {
        if (!BE.has(words[i]?.lower ?? '')) continue;
        let j = i + 1;
        while (j < words.length - 1 && (BETWEEN.has(words[j]?.lower ?? '') || words[j]?.lower.endsWith('ly'))) j++;
        if (!isParticiple(words[j])) continue;
        // "The screen is cracked", "water damage is covered": a participle used as an adjective states a condition
        // and hides no actor. The tagger tells them apart from "your claim will be reviewed"; an agent ("by us")
        // makes it verbal whatever the tagger says.
        if (words[j + 1]?.lower !== 'by' && isAdjectival(tagSentence(block.text, sentence)[j])) continue;
        const from = words[i] as Word;
        const to = words[j] as Word;
        emit({
          ruleId: 'passive',
          category: 'passive',
          severity: 'info',
          message: `Passive voice: “${block.text.slice(from.start, to.end)}” hides who acts. Say who does it (“we review…”, “you send…”).`,
          blockIndex: sentence.blockIndex,
          start: from.start,
          end: to.end,
        });
        i = j;
      }
    }
  },
};
