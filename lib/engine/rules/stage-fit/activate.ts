import { CONTACT_VERBS, SEQUENCE_WORDS } from '../../stage/cues.ts';
import { edgeSize, hasContact, instructionStart, isCallToAction, isNextStep } from '../../stage/signals.ts';
import { tagSentence } from '../../grammar/tagger.ts';
import type { SentenceVisit } from '../walk.ts';
import { endOf, openingOf, quote, stageFitRule, textOf, titleOf } from './check.ts';

/** Activate: one clear next step, near the top and again at the end. */
export const activateNextStepRule = stageFitRule('activate-next-step', (ctx, flag) => {
  const n = ctx.sentences.length;
  const edge = edgeSize(n);
  const top = titleOf(ctx) ?? openingOf(ctx);
  // Only the first and the last step matter: looked for from each end, so a long text is tagged no further than it must be.
  const isStep = (v: SentenceVisit): boolean => isNextStep(ctx.unit, v);
  const first = ctx.sentences.find(isStep);
  const last = first && ctx.sentences.findLast(isStep);
  if (!first || !last) {
    if (top) flag(top, 'No clear next step: add one instruction with what to act on, near the top and again at the end (e.g. "Start your quote at harbormutual.com/quote", "Call us at 800-555-0100").');
    return;
  }
  if (first.index >= edge && top) flag(top, `The next step (${quote(textOf(first))}) comes only further down: say it near the top too, for the reader who stops early.`);
  const end = endOf(ctx);
  if (last.index < n - edge && end && end !== top) flag(end, `The text ends without its next step: repeat ${quote(textOf(last))} at the end, for the reader who reads to the end.`);
});

/** Words that say nothing of what a step is about. */
const FILLER = new Set(['a', 'an', 'the', 'your', 'our', 'us', 'me', 'now', 'today', 'here', 'online', 'with', 'to', 'for', 'at', 'on', 'in', 'it', 'this', 'free']);

/** What a step asks: its verb (every way of reaching a person is one), and the words it acts on. */
function actionOf(v: SentenceVisit): { verb: string; objects: Set<string> } {
  const { words } = v.sentence;
  const i = instructionStart(words);
  const verb = words[i]?.lower ?? '';
  return { verb: CONTACT_VERBS.has(verb) ? 'contact' : verb, objects: new Set(words.slice(i + 1, i + 5).map((w) => w.lower).filter((w) => !FILLER.has(w))) };
}

/**
 * Activate: competing calls to action (another offer verb on other things; reaching a person is never a competitor).
 * Only calls to act on an offer outside lists count: a list's instructions are the steps of one task ("Set up an
 * account", "Fill out the form").
 */
export const activateCompetingRule = stageFitRule('activate-competing', (ctx, flag) => {
  const steps = ctx.sentences
    .filter((v) => v.block.kind !== 'list-item' && v.sentence.words.length >= 2 && isCallToAction(v.block, v.sentence.words))
    .map((v) => ({ v, ...actionOf(v) }))
    .filter((s) => s.verb !== 'contact');
  const [main, ...others] = steps;
  if (!main) return;
  // A rival is a call the reader can act on there and then (a link or contact beside it), as a second button is.
  const rival = others.find((s) => s.verb !== main.verb && ![...s.objects].some((o) => main.objects.has(o)) && hasContact(ctx.unit, s.v.block));
  if (rival) flag(rival.v, `${quote(textOf(rival.v))} asks for something other than ${quote(textOf(main.v))}: a reader given two next steps often takes neither. Keep one, and make the other a quiet link further down or drop it.`);
});

/** Steps in one paragraph before they should be a numbered list. */
const MIN_STEPS = 3;

/** Activate: steps a reader must follow in order are numbered, not run together in a paragraph. */
export const activateNumberedStepsRule = stageFitRule('activate-numbered-steps', (ctx, flag) => {
  const byBlock = new Map<SentenceVisit['block'], SentenceVisit[]>();
  for (const v of ctx.sentences) {
    if (v.block.kind !== 'paragraph') continue;
    const list = byBlock.get(v.block);
    if (list) list.push(v);
    else byBlock.set(v.block, [v]);
  }
  for (const visits of byBlock.values()) {
    if (visits.length < MIN_STEPS) continue;
    const ordered = visits.filter((v) => SEQUENCE_WORDS.has(v.sentence.words[0]?.lower ?? ''));
    // Tagging is asked only of paragraphs that read as a sequence.
    if (ordered.length < 2 || !visits[0]) continue;
    if (!atLeast(visits, MIN_STEPS, isOrderedInstruction)) continue;
    flag(visits[0], `These steps run together in one paragraph ("${ordered.map((v) => v.sentence.words[0] && v.block.text.slice(v.sentence.words[0].start, v.sentence.words[0].end)).join('…, ')}…"): make them a numbered list, one step per item, so the reader can keep their place.`);
  }
});

/** Whether at least `n` items pass `test`, asking no more of them than it must. */
function atLeast<T>(items: readonly T[], n: number, test: (item: T) => boolean): boolean {
  let found = 0;
  for (const item of items) if (test(item) && ++found >= n) return true;
  return false;
}

/** What an instruction's verb acts on, when the tagger misreads the verb after a sequence word ("Next, check your details"). */
const OBJECT_OPENERS = new Set(['your', 'the', 'a', 'an', 'this', 'that', 'each', 'every']);

/**
 * An instruction, after any sequence word that opens it ("Then, tap Save"): the tagger reads its verb as an
 * imperative or a bare infinitive, or reads it as a noun straight before its object, which a sentence's subject
 * never is ("check your details", not "the form asks").
 */
function isOrderedInstruction(v: SentenceVisit): boolean {
  const { words } = v.sentence;
  let i = 0;
  while (i < words.length - 1 && SEQUENCE_WORDS.has(words[i]?.lower ?? '')) i++;
  const tags = tagSentence(v.block.text, v.sentence, 'full')[i]?.tags;
  if (!tags || tags.has('Pronoun') || tags.has('Determiner') || tags.has('ProperNoun')) return false;
  return tags.has('Imperative') || tags.has('Infinitive') || OBJECT_OPENERS.has(words[i + 1]?.lower ?? '');
}
