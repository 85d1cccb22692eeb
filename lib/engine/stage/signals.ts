import type { ProseBlock, Unit } from '../types.ts';
import type { SentenceVisit } from '../rules/walk.ts';
import { tagAround, tagSentence } from '../grammar/tagger.ts';
import { BEFORE_INSTRUCTION, CALL_TO_ACTION_VERBS, CONTACT, NOT_AN_OFFER, READER_VOICE, READER_WORDS } from './cues.ts';

/* What a sentence does for the reader, read the same way by the stage's inference and the stage-fit checks. */

/** An instruction whose verb asks the reader to act on an offer, the tagger agreeing it is a verb ("Call us", not "Call centre hours"). */
export function isCallToAction(block: ProseBlock, words: SentenceVisit['sentence']['words']): boolean {
  const i = instructionStart(words);
  const verb = words[i]?.lower ?? '';
  if (!CALL_TO_ACTION_VERBS.has(verb) || i + 1 >= words.length || NOT_AN_OFFER[verb]?.has(words[i + 1]?.lower ?? '')) return false;
  return tagAround(block.text, words, i, i + 1, 'parts')[0]?.tags.has('Verb') ?? false;
}

export function asksReader(words: SentenceVisit['sentence']['words']): boolean {
  return words.some((w) => READER_WORDS.has(w.lower)) && !words.some((w) => READER_VOICE.has(w.lower));
}

/** A question put to the reader in the prose ("Does that date still work for you?"), not a heading's. */
export function isQuestionToReader({ block, sentence }: SentenceVisit, text: string): boolean {
  return text.trimEnd().endsWith('?') && block.kind !== 'heading' && asksReader(sentence.words);
}

const contactInBlock = new WeakMap<ProseBlock, boolean>();

/** Whether a block's source holds a link, e-mail address or phone number: looked up once per block. */
export function hasContact(unit: Unit, block: ProseBlock): boolean {
  let found = contactInBlock.get(block);
  if (found === undefined) contactInBlock.set(block, (found = CONTACT.test(blockSource(unit, block))));
  return found;
}

/** The source text a block came from (its markup too, where links and phone numbers are). */
export function blockSource(unit: Unit, block: ProseBlock): string {
  const from = block.map[0] ?? 0;
  // An HTML link's href sits before its text: look back a little.
  return unit.source.slice(Math.max(0, from - 120), block.map[block.text.length] ?? from);
}

/** Where an instruction's verb would be: after "Please", "Just" and the like. */
export function instructionStart(words: SentenceVisit['sentence']['words']): number {
  let i = 0;
  while (i < words.length - 1 && BEFORE_INSTRUCTION.has(words[i]?.lower ?? '')) i++;
  return i;
}

/** How many sentences count as near the top, and as near the end: a quarter of the text, at least two. */
export function edgeSize(sentences: number): number {
  return Math.max(2, Math.ceil(sentences / 4));
}

/** Words after an instruction's verb within which its object must come ("Visit [our] [quote] page"). */
const OBJECT_WITHIN = 3;

/**
 * An instruction with what to act on: the tagger reads its first word as an imperative verb and a noun or pronoun
 * follows ("Click the link below", "Visit us"). Tagged fully (the imperative is the post-tagger's call), so asked
 * only of sentences the caller has other reason to look at.
 */
export function isInstructionWithObject(visit: SentenceVisit): boolean {
  const { words } = visit.sentence;
  const i = instructionStart(words);
  const tags = tagSentence(visit.block.text, visit.sentence, 'full');
  if (!tags[i]?.tags.has('Imperative')) return false;
  return tags.slice(i + 1, i + 1 + OBJECT_WITHIN).some((t) => t.tags.has('Noun'));
}

/**
 * A next step a reader can take: a call to action on an offer ("Start your quote", "Call us at…"), or an
 * instruction with its object whose paragraph holds a link, e-mail address or phone number ("Visit our quote page").
 */
export function isNextStep(unit: Unit, visit: SentenceVisit): boolean {
  if (visit.sentence.words.length < 2) return false;
  if (isCallToAction(visit.block, visit.sentence.words)) return true;
  return hasContact(unit, visit.block) && isInstructionWithObject(visit);
}
