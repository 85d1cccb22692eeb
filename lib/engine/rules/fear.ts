import type { ToneEntry } from '../lexicon/schema.ts';
import { fear, reassurance } from '../lexicon/index.ts';
import { PhraseMatcher } from './phrase-matcher.ts';
import { phraseRule } from './phrase-rule.ts';
import type { Rule } from './candidate.ts';

const reassuring = new PhraseMatcher<string>(reassurance.map((phrase) => ({ phrase, data: phrase })));

/**
 * Fear words ("terminate", "penalty", "legal action") with no reassurance in
 * the same or the next sentence: the reader is alarmed and shown no way forward.
 */
const fearWords = phraseRule<ToneEntry>({
  id: 'fear',
  category: 'fear',
  entries: fear,
  phrase: (e) => e.phrase,
  severity: () => 'warning',
  message: (e, text) => `“${text}” alarms without reassurance: ${e.why} Say what the reader can do, or how you will help.`,
  replacement: (e) => e.replace?.[0],
  where: (ctx) => {
    const calm = ctx.sentences.map(({ sentence }) => reassuring.occursIn(sentence.words));
    return ({ index }) => !calm[index] && !calm[index + 1];
  },
});

/** Fear without a way forward, flagged harder where the text's job is to win the reader over (an entice unit). */
export const fearRule: Rule = {
  id: 'fear',
  run(ctx, emit) {
    if (ctx.stage !== 'entice') return fearWords.run(ctx, emit);
    fearWords.run(ctx, (c) => emit({ ...c, severity: 'error', message: `${c.message} In a text meant to win the reader over, fear with no way forward drives them off.` }));
  },
};
