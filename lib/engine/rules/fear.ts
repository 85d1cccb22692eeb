import type { ToneEntry } from '../lexicon/schema.ts';
import { fear, reassurance } from '../lexicon/index.ts';
import { matchCase, type Rule } from './candidate.ts';
import { PhraseMatcher } from './phrase-matcher.ts';
import { wordsText } from './walk.ts';

const fearWords = new PhraseMatcher<ToneEntry>(fear.map((data) => ({ phrase: data.phrase, data })));
const reassuring = new PhraseMatcher<string>(reassurance.map((phrase) => ({ phrase, data: phrase })));

/**
 * Fear words ("terminate", "penalty", "legal action") with no reassurance in
 * the same or the next sentence: the reader is alarmed and shown no way forward.
 */
export const fearRule: Rule = {
  id: 'fear',
  run(ctx, emit) {
    const calm = ctx.sentences.map(({ sentence }) => reassuring.occursIn(sentence.words));
    for (const { sentence, block, index } of ctx.sentences) {
      if (calm[index] || calm[index + 1]) continue;
      for (const m of fearWords.matches(sentence.words)) {
        const text = wordsText(block, sentence, m.from, m.to);
        emit({
          ruleId: 'fear',
          category: 'fear',
          severity: 'warning',
          message: `“${text}” alarms without reassurance: ${m.data.why} Say what the reader can do, or how you will help.`,
          blockIndex: sentence.blockIndex,
          start: sentence.words[m.from]?.start ?? sentence.start,
          end: sentence.words[m.to - 1]?.end ?? sentence.end,
          ...(m.data.replace?.[0] ? { suggestion: matchCase(text, m.data.replace[0]) } : {}),
        });
      }
    }
  },
};
