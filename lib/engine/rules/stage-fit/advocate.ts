import { ADVOCATE, PRESSURE } from '../../stage/cues.ts';
import { hasContact } from '../../stage/signals.ts';
import { endOf, quote, stageFitRule, textOf } from './check.ts';

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
