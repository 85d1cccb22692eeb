import type { Rule } from '../candidate.ts';
import { informNewsFirstRule, informOpeningRule, informPlainHeadingRule, informSaysWhatRule, informUndatedNewsRule } from './inform.ts';
import { enticeEmptyClaimRule, enticeReaderTermsRule } from './entice.ts';
import { activateCompetingRule, activateNextStepRule, activateNumberedStepsRule } from './activate.ts';
import { reciprocateDeadEndRule, reciprocateInvitationRule, reciprocateOpenChannelRule } from './reciprocate.ts';
import { advocatePlainClaimRule, advocatePressureRule, advocateReferralRule } from './advocate.ts';

/** Every stage-fit rule; each runs only on units of its own stage. */
export const STAGE_FIT_RULES: readonly Rule[] = [
  informOpeningRule,
  informSaysWhatRule,
  informPlainHeadingRule,
  informNewsFirstRule,
  informUndatedNewsRule,
  enticeReaderTermsRule,
  enticeEmptyClaimRule,
  activateNextStepRule,
  activateCompetingRule,
  activateNumberedStepsRule,
  reciprocateOpenChannelRule,
  reciprocateInvitationRule,
  reciprocateDeadEndRule,
  advocateReferralRule,
  advocatePressureRule,
  advocatePlainClaimRule,
];
