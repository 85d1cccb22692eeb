import { CHANNEL, DEAD_END, RECIPROCATE, REPLY_TIME } from '../../stage/cues.ts';
import { hasContact, isQuestionToReader } from '../../stage/signals.ts';
import type { RuleContext } from '../candidate.ts';
import type { SentenceVisit } from '../walk.ts';
import { endOf, quote, stageFitRule, textOf } from './check.ts';

/**
 * Whether the unit offers a way to reach a person: a reply or contact invitation (other than the dead end's own
 * "do not reply"), or a link, e-mail address or phone number anywhere.
 */
function hasChannel(ctx: RuleContext, deadEnd?: SentenceVisit): boolean {
  return ctx.sentences.some((v) => (v !== deadEnd && CHANNEL.test(textOf(v).toLowerCase())) || hasContact(ctx.unit, v.block));
}

/** Reciprocate: an open channel (how to reply or reach a person), and when to expect an answer. */
export const reciprocateOpenChannelRule = stageFitRule('reciprocate-open-channel', (ctx, flag) => {
  const end = endOf(ctx);
  if (!end) return;
  if (!hasChannel(ctx)) {
    flag(end, 'Nothing says how the reader can answer or reach a person: end with how to reply and when they will hear back (e.g. "Just reply to this email: we answer within one working day").');
    return;
  }
  if (!ctx.sentences.some((v) => REPLY_TIME.test(textOf(v).toLowerCase()))) {
    flag(end, 'The reader can reach you, but not when they will hear back: say it (e.g. "We answer within one working day", "Lines are open 8am to 6pm").', 'info');
  }
});

/** Reciprocate: a question back to the reader, or an invitation to say what they need. */
export const reciprocateInvitationRule = stageFitRule('reciprocate-invitation', (ctx, flag) => {
  const end = endOf(ctx);
  if (!end) return;
  const asks = ctx.sentences.some((v) => {
    const lower = textOf(v).toLowerCase();
    return RECIPROCATE.test(lower) || isQuestionToReader(v, lower);
  });
  if (!asks) flag(end, 'Nothing asks the reader what they need: add a question back ("Does that date still work for you?") or an invitation ("Tell us what would help").');
});

/** Reciprocate: no dead end ("do not reply" with nowhere else to go). */
export const reciprocateDeadEndRule = stageFitRule('reciprocate-dead-end', (ctx, flag) => {
  const dead = ctx.sentences.find((v) => DEAD_END.test(textOf(v).toLowerCase()));
  if (!dead || hasChannel(ctx, dead)) return;
  flag(dead, `${quote(textOf(dead))} closes the conversation and gives nowhere else to go: say where the reader can write instead, next to it (e.g. "Replies here are not read: write to help@example.com or call 800-555-0100").`);
});
