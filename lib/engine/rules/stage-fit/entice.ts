import { CONCRETE, EMPTY_CLAIM, READER_WORDS, WRITER_WORDS } from '../../stage/cues.ts';
import { openingOf, quote, stageFitRule, textOf, titleOf } from './check.ts';

/** "We/our" this often, and more than "you/your", before the text reads as about the writer. */
const MIN_WRITER_WORDS = 4;

/** Entice: benefits in the reader's terms ("you/your" outweighs "we/our"). */
export const enticeReaderTermsRule = stageFitRule('entice-reader-terms', (ctx, flag) => {
  let reader = 0;
  let writer = 0;
  for (const { sentence } of ctx.sentences) {
    for (const w of sentence.words) {
      if (READER_WORDS.has(w.lower)) reader++;
      else if (WRITER_WORDS.has(w.lower)) writer++;
    }
  }
  const at = openingOf(ctx) ?? titleOf(ctx);
  if (!at || writer < MIN_WRITER_WORDS || writer <= reader) return;
  flag(at, `This text says "we/our/us" ${writer} times and "you/your" ${reader}: it talks about you, not what the reader gets. Turn each benefit round to the reader ("We offer round-the-clock support" → "You can reach us any time, day or night").`);
});

/** Entice: concrete outcomes rather than empty claims. */
export const enticeEmptyClaimRule = stageFitRule('entice-empty-claim', (ctx, flag) => {
  for (const v of ctx.sentences) {
    const lower = textOf(v).toLowerCase();
    const claim = EMPTY_CLAIM.exec(lower)?.[0];
    if (!claim || CONCRETE.test(lower)) continue;
    flag(v, `${quote(textOf(v))} claims "${claim}" with nothing the reader can check: say what they get instead, with a number if you have one ("We settle most claims within 2 days").`);
  }
});
