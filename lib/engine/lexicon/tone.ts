/**
 * Tone lexicons, each tied to the experience goal it works against:
 *
 * - hedging       undermines feeling assured: the reader cannot tell what will happen
 * - condescension undermines feeling respected: it implies the reader is slow
 * - fear          alarms without reassurance: a threat with no way forward
 * - reassurance   phrases that show a way forward; a fear word is treated as
 *                 reassured when one of these appears in the same or next sentence
 *
 * A phrase belongs to one list only. `replace` is given where a confident or
 * respectful rewrite exists; where deleting the word is the fix, `replace` is
 * left out (never an empty array).
 */
import type { ToneEntry } from './schema.ts';

function h(phrase: string, why: string, replace?: string[]): ToneEntry {
  return replace ? { phrase, why, replace } : { phrase, why };
}

const VAGUE_CONDITION = 'Leaves the reader unsure whether this applies to them; say when it does.';
const DISCRETION = 'Signals the decision is ours alone and could go against the reader; say how we decide.';
const WEAK_PROMISE = 'Sounds like a promise we might not keep; commit to what we will do.';
const MAYBE = 'Makes the outcome sound uncertain; say what will happen, or when it will not.';
const GUESSING = 'Sounds like we are guessing rather than telling the reader what we know.';
const SOFTENER = 'Softens the statement until the reader cannot rely on it.';

export const hedging: ToneEntry[] = [
  h('may', MAYBE, ['can', 'will']),
  h('might', MAYBE, ['can', 'will']),
  h('could possibly', MAYBE, ['can', 'will']),
  h('possibly', MAYBE),
  h('perhaps', MAYBE),
  h('probably', GUESSING),
  h('likely', GUESSING),
  h('potentially', MAYBE),
  h('presumably', GUESSING),
  h('apparently', GUESSING),
  h('arguably', GUESSING),
  h('seemingly', GUESSING),
  h('it seems', GUESSING),
  h('it appears', GUESSING),
  h('seems to', GUESSING),
  h('appears to', GUESSING),
  h('subject to', 'Makes the promise conditional without saying on what; name the condition.', ['if', 'depending on']),
  h('where applicable', VAGUE_CONDITION),
  h('if applicable', VAGUE_CONDITION),
  h('as applicable', VAGUE_CONDITION),
  h('as appropriate', VAGUE_CONDITION),
  h('where appropriate', VAGUE_CONDITION),
  h('if appropriate', VAGUE_CONDITION),
  h('if necessary', VAGUE_CONDITION),
  h('where possible', 'Hints we might not do it; say what we will do and when we cannot.'),
  h('if possible', 'Hints we might not do it; say what we will do and when we cannot.'),
  h('it is possible that', MAYBE, ['sometimes']),
  h('it is likely that', GUESSING),
  h('we believe', 'Presents a fact as an opinion; state it, or explain why we are unsure.'),
  h('we think', 'Presents a fact as an opinion; state it, or explain why we are unsure.'),
  h('we feel', 'Presents a fact as a feeling; state it plainly.'),
  h('tend to', 'Describes a habit, not a commitment; say what happens.'),
  h('tends to', 'Describes a habit, not a commitment; say what happens.'),
  h('generally', 'Implies exceptions the reader cannot see; say when it does not apply.'),
  h('typically', 'Implies exceptions the reader cannot see; say when it does not apply.'),
  h('usually', 'Implies exceptions the reader cannot see; say when it does not apply.'),
  h('normally', 'Implies exceptions the reader cannot see; say when it does not apply.'),
  h('in general', 'Implies exceptions the reader cannot see; say when it does not apply.'),
  h('for the most part', 'Implies exceptions the reader cannot see; say when it does not apply.', ['mostly']),
  h('as a general rule', 'Implies exceptions the reader cannot see; say when it does not apply.'),
  h('by and large', 'Implies exceptions the reader cannot see; say when it does not apply.'),
  h('in most cases', 'Implies exceptions the reader cannot see; say when it does not apply.'),
  h('in some cases', 'The reader cannot tell if theirs is one of the cases; say which.'),
  h('in certain cases', 'The reader cannot tell if theirs is one of the cases; say which.'),
  h('in some instances', 'The reader cannot tell if theirs is one of the cases; say which.'),
  h('in certain circumstances', 'The reader cannot tell if the circumstances are theirs; say which.'),
  h('under certain circumstances', 'The reader cannot tell if the circumstances are theirs; say which.'),
  h('from time to time', 'Vague about how often; give a schedule if there is one.'),
  h('occasionally', 'Vague about how often; give a schedule if there is one.'),
  h('at our discretion', DISCRETION),
  h('at our sole discretion', DISCRETION),
  h('in our sole discretion', DISCRETION),
  h('reserve the right', DISCRETION),
  h('reserves the right', DISCRETION),
  h('we will try to', WEAK_PROMISE, ['we will']),
  h('we will do our best to', WEAK_PROMISE, ['we will']),
  h('we aim to', WEAK_PROMISE, ['we will']),
  h('we strive to', WEAK_PROMISE, ['we will']),
  h('we hope to', WEAK_PROMISE, ['we will', 'we plan to']),
  h('hopefully', WEAK_PROMISE),
  h('should be able to', WEAK_PROMISE, ['can']),
  h('somewhat', SOFTENER),
  h('relatively', SOFTENER),
  h('to some extent', SOFTENER),
  h('to a certain extent', SOFTENER),
  h('more or less', SOFTENER, ['about']),
  h('in principle', 'Suggests it might not work in practice; say what actually happens.'),
  h('in theory', 'Suggests it might not work in practice; say what actually happens.'),
  h('as far as we know', 'Admits we are unsure without saying what we are doing to find out.'),
  h('to the best of our knowledge', 'Admits we are unsure without saying what we are doing to find out.'),
  h('cannot guarantee', 'Draws attention to what might go wrong; say what we will do if it does.'),
  h('no guarantee', 'Draws attention to what might go wrong; say what we will do if it does.'),
  h('not guaranteed', 'Draws attention to what might go wrong; say what we will do if it does.'),
];

const TALKS_DOWN = 'Implies the reader should already find this easy, which stings if they do not.';
const ALREADY_TOLD = 'Reminds the reader they were already told, which reads as a rebuke.';
const ASSUMES = 'Assumes what the reader knows; if they do not, they feel left out.';
const MINIMISES = 'Minimises the effort or problem, which belittles the reader.';

function c(phrase: string, why: string, replace?: string[]): ToneEntry {
  return replace ? { phrase, why, replace } : { phrase, why };
}

export const condescension: ToneEntry[] = [
  c('simply', TALKS_DOWN),
  c('just', MINIMISES),
  c('obviously', TALKS_DOWN),
  c('clearly', TALKS_DOWN),
  c('plainly', TALKS_DOWN),
  c('evidently', TALKS_DOWN),
  c('surely', TALKS_DOWN),
  c('naturally', TALKS_DOWN),
  c('of course', TALKS_DOWN),
  c("it's easy", MINIMISES),
  c('it is easy', MINIMISES),
  c("it's simple", MINIMISES),
  c('it is simple', MINIMISES),
  c("it's obvious", TALKS_DOWN),
  c('it is obvious', TALKS_DOWN),
  c('effortless', MINIMISES),
  c('effortlessly', MINIMISES),
  c('trivial', MINIMISES),
  c('self-explanatory', TALKS_DOWN),
  c('merely', MINIMISES),
  c('basically', TALKS_DOWN),
  c('needless to say', TALKS_DOWN),
  c('it goes without saying', TALKS_DOWN),
  c('as you know', ASSUMES),
  c('as you are aware', ASSUMES),
  c('as you should know', ALREADY_TOLD),
  c('you should already know', ALREADY_TOLD),
  c('as you can see', ASSUMES),
  c('everyone knows', ASSUMES),
  c('as previously stated', ALREADY_TOLD),
  c('as stated previously', ALREADY_TOLD),
  c('as previously mentioned', ALREADY_TOLD),
  c('as mentioned previously', ALREADY_TOLD),
  c('as already explained', ALREADY_TOLD),
  c('as we have already explained', ALREADY_TOLD),
  c('as we said before', ALREADY_TOLD),
  c('as we have told you', ALREADY_TOLD),
  c('all you have to do is', MINIMISES),
  c('all you need to do is', MINIMISES),
  c('not rocket science', TALKS_DOWN),
  c('no-brainer', TALKS_DOWN),
  c("in layman's terms", 'Labels the reader as a layperson who needs things dumbed down.'),
  c('to put it simply', 'Implies the reader could not follow the full version.'),
  c('you must understand', 'Lectures the reader instead of explaining.'),
  c('you need to understand', 'Lectures the reader instead of explaining.'),
];

const ALARM = 'Alarms the reader; pair it with what they can do and how we will help.';
const THREAT = 'Reads as a threat; explain what happens and how to avoid it.';
const BLAME = 'Puts the blame on the reader; say what happened and what they can do now.';
const LOSS = 'Warns of a loss with no way forward; say how to keep what they have.';

function f(phrase: string, why: string, replace?: string[]): ToneEntry {
  return replace ? { phrase, why, replace } : { phrase, why };
}

export const fear: ToneEntry[] = [
  f('suspend', LOSS, ['pause']),
  f('suspended', LOSS, ['paused']),
  f('suspension', LOSS, ['pause']),
  f('penalty', THREAT, ['charge', 'fee']),
  f('penalties', THREAT, ['charges', 'fees']),
  f('penalized', THREAT, ['charged']),
  f('penalised', THREAT, ['charged']),
  f('forfeit', LOSS, ['lose']),
  f('forfeited', LOSS, ['lost']),
  f('forfeiture', LOSS, ['loss']),
  f('breach', BLAME, ['break']),
  f('default', BLAME, ['miss payments']),
  f('defaulted', BLAME, ['missed payments']),
  f('violation', BLAME, ['break']),
  f('violations', BLAME),
  f('violate', BLAME, ['break']),
  f('non-compliance', BLAME),
  f('legal action', THREAT),
  f('court action', THREAT),
  f('lawsuit', THREAT),
  f('prosecute', THREAT),
  f('prosecution', THREAT),
  f('cancel your', LOSS, ['end your']),
  f('cancelled your', LOSS, ['ended your']),
  f('canceled your', LOSS, ['ended your']),
  f('revoke', LOSS, ['withdraw']),
  f('revoked', LOSS, ['withdrawn']),
  f('denied', 'A flat refusal with no reason or next step; say why and what the reader can do.', ['not approved']),
  f('rejected', 'A flat refusal with no reason or next step; say why and what the reader can do.', ['not accepted']),
  f('declined', 'A flat refusal with no reason or next step; say why and what the reader can do.', ['not approved']),
  f('ineligible', 'A flat refusal with no reason or next step; say why and what the reader can do.', ['not eligible']),
  f('liable', THREAT, ['responsible']),
  f('overdue', BLAME, ['late', 'due']),
  f('failure to', BLAME, ['if you do not']),
  f('fail to', BLAME, ['do not']),
  f('non-payment', BLAME, ['missed payment']),
  f('late fee', THREAT),
  f('delinquent', BLAME, ['behind on payments']),
  f('delinquency', BLAME, ['missed payments']),
  f('debt collection', THREAT),
  f('collection agency', THREAT),
  f('collections agency', THREAT),
  f('debt collector', THREAT),
  f('seize', THREAT, ['take']),
  f('repossess', THREAT, ['take back']),
  f('repossession', THREAT),
  f('foreclosure', THREAT),
  f('foreclose', THREAT),
  f('disconnection', LOSS),
  f('disconnect', LOSS),
  f('cut off', LOSS),
  f('shut off', LOSS),
  f('lose access', LOSS),
  f('loss of coverage', LOSS),
  f('final notice', ALARM, ['reminder']),
  f('final demand', ALARM, ['reminder']),
  f('immediate action', ALARM, ['action']),
  f('at risk', ALARM),
  f('consequences', THREAT),
  f('fraudulent', 'Sounds like an accusation; explain what we noticed and what happens next.', ['unusual', 'not approved']),
  f('warning', ALARM, ['reminder', 'notice']),
];

/**
 * Phrases that show the reader a way forward. Not flagged; used to decide that
 * a nearby fear word is balanced.
 */
export const reassurance: string[] = [
  'help',
  'we can help',
  'here to help',
  'support',
  'contact us',
  'call us',
  'get in touch',
  'talk to us',
  'let us know',
  'we can',
  'you can',
  'you can still',
  "don't worry",
  'do not worry',
  'no charge',
  'no cost',
  'at no cost',
  'no extra cost',
  'free',
  'protected',
  'safe',
  'secure',
  'refund',
  'refunded',
  "we'll",
  'we will help',
  "we're here",
  'happy to',
  'glad to',
  'we understand',
  'payment plan',
  'more time',
  'extension',
  'options',
  'nothing to pay',
  "you won't lose",
  'you will not lose',
  'you have until',
  'appeal',
  'ask for a review',
  'reactivate',
  'restore',
];
