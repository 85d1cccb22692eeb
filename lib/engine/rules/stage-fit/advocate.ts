import { ADVOCATE, BENEFIT, CONCRETE, EMPTY_CLAIM, PRESSURE, READER_GAIN, READER_WORDS } from '../../stage/cues.ts';
import { hasContact } from '../../stage/signals.ts';
import type { SentenceVisit } from '../walk.ts';
import { cueText, endOf, openingOf, quote, stageFitRule, textOf, titleOf } from './check.ts';

/** Advocate: an easy way to refer, review or share, with its link beside it. */
export const advocateReferralRule = stageFitRule('advocate-referral', (ctx, flag) => {
  const end = endOf(ctx);
  if (!end) return;
  const asks = ctx.sentences.filter((v) => ADVOCATE.test(textOf(v).toLowerCase()));
  if (asks.length === 0) {
    flag(end, 'Nothing asks the reader to refer, review or share: add one line with its link (e.g. "Know someone who would like this? Send them your link: example.com/refer").');
    return;
  }
  const first = asks[0];
  if (first && !asks.some((v) => hasContact(ctx.unit, v.block))) {
    flag(first, `${quote(textOf(first))} asks, but gives no link or address to do it with: put the referral or review link beside it.`, 'info');
  }
});

/** Advocate: warmth without pressure. */
export const advocatePressureRule = stageFitRule('advocate-pressure', (ctx, flag) => {
  for (const v of ctx.sentences) {
    const push = PRESSURE.exec(textOf(v).toLowerCase())?.[0];
    if (push) flag(v, `"${push}" pushes a reader you are asking for a favour: people recommend what they like, not what they are hurried into. Drop the pressure, thank them, and ask once.`);
  }
});

/** A claim a reader could repeat from memory: this many words at most. */
const CLAIM_WORDS = 20;
/** Everyday words are short: a word of this many syllables or more ("indemnification", "comprehensive") is not one a reader repeats. */
const LONG_WORD_SYLLABLES = 4;

/**
 * A shareable plain claim: short, in the reader's terms ("you", "your"), in everyday words, with no empty praise,
 * and saying what the reader gets: a gain said of them ("you both get $25", "no fees"), or a benefit with a number
 * or a time ("Your claims are paid fast, most within 2 days").
 */
function isPlainClaim(v: SentenceVisit): boolean {
  const { words } = v.sentence;
  if (words.length < 3 || words.length > CLAIM_WORDS || !words.some((w) => READER_WORDS.has(w.lower))) return false;
  if (words.some((w) => w.syllables >= LONG_WORD_SYLLABLES)) return false;
  const lower = cueText(v);
  return !EMPTY_CLAIM.test(lower) && (READER_GAIN.test(lower) || (BENEFIT.test(lower) && CONCRETE.test(lower)));
}

/** Advocate: one short plain claim the reader could repeat to a friend, saying what they get. */
export const advocatePlainClaimRule = stageFitRule('advocate-plain-claim', (ctx, flag) => {
  const at = titleOf(ctx) ?? openingOf(ctx);
  if (!at || ctx.sentences.some(isPlainClaim)) return;
  flag(at, 'Nothing here is a plain claim a reader could pass on: add one short sentence in everyday words that says what they get (e.g. "You get your claim paid within 2 days, with no forms to fill in"), so a friend hears it in the reader\'s own words.');
});
