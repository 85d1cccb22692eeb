import { AUDIENCE, CHANGE, DATE, PLEASANTRY, READER_WORDS, SUBORDINATE, UNDATED_NEWS, YEAR } from '../../stage/cues.ts';
import { asksReader, instructionStart } from '../../stage/signals.ts';
import { tagSentence } from '../../grammar/tagger.ts';
import { lemmas } from '../../grammar/lemma.ts';
import type { ProseBlock } from '../../types.ts';
import type { SentenceVisit } from '../walk.ts';
import { cueText, openingOf, openingParagraph, quote, stageFitRule, textOf, titleOf } from './check.ts';

/** Prose sentences from the top in which the reader should be named. */
const WHO_WITHIN = 3;

/**
 * Inform: the opening says who the text is for: "you", or the readers by name ("customers", "veterans who…"), in
 * the title, the opening paragraph or the first few sentences of prose. Whether it says what the text is about is
 * left to a person: no cue tells a clear opening from a vague one reliably enough.
 */
export const informOpeningRule = stageFitRule('inform-opening', (ctx, flag) => {
  const opening = openingOf(ctx);
  if (!opening) return;
  const title = titleOf(ctx);
  const first = ctx.sentences.filter((v) => v.index >= opening.index && v.block.kind !== 'heading').slice(0, WHO_WITHIN);
  const names = ({ sentence, block }: SentenceVisit): boolean => sentence.words.some((w) => READER_WORDS.has(w.lower)) || AUDIENCE.test(block.text.slice(sentence.start, sentence.end).toLowerCase());
  if ([...(title ? [title] : []), ...openingParagraph(ctx), ...first].some(names)) return;
  flag(opening, 'The opening does not say who this is for: name the reader in the first paragraph ("If you pay by direct debit, …", "For customers who…"), so they know at once it is theirs to read.');
});

/** A title that greets or thanks ("Jane, welcome to Lemonade!") may exclaim. */
const GREETS = /\b(welcome|hi|hello|thanks|thank you|congratulations|happy)\b/;
const TEASER = /^(guess what|did you know|you won'?t believe|ever wondered|here'?s (why|what|how)|the secret|what if|imagine|meet the)\b/;

/** Inform: the title is a plain statement, not a teaser or a question put to the reader. */
export const informPlainHeadingRule = stageFitRule('inform-plain-heading', (ctx, flag) => {
  const title = titleOf(ctx);
  if (!title || title.sentence.words.length < 2) return;
  const text = textOf(title).trim();
  const lower = text.toLowerCase();
  const why = TEASER.test(lower)
    ? 'teases rather than says'
    : /[!]$/.test(text) && !GREETS.test(lower)
      ? 'ends with an exclamation mark, as a teaser does'
      : /(\.\.\.|…)$/.test(text)
        ? 'trails off, as a teaser does'
        : text.endsWith('?') && asksReader(title.sentence.words)
          ? 'puts a question to the reader instead of saying what the page says'
          : undefined;
  if (why) flag(title, `The title ${quote(text)} ${why}: make it a plain statement of what the page tells the reader (e.g. "How to read your bill", "Your premium goes up on 1 June").`);
});

/** Sentences of prose from the top that the "what" may take to come. */
const WHAT_WITHIN = 3;

/** Parts of speech that carry what a sentence is about; the tagger's call, with its lemma. */
const CONTENT = ['Noun', 'Verb', 'Adjective'];
const NOT_CONTENT = ['Pronoun', 'Copula', 'Auxiliary', 'Modal', 'Determiner', 'Value'];
const MIN_CONTENT_LENGTH = 3;

/**
 * The lemmas of a sentence's content words: common nouns, verbs and adjectives by the tagger, each with the forms it
 * may come from ("refunds" → "refund"). In the opening (`opening`), names are left out, a capital in running text
 * or the tagger's ProperNoun, and so are the words of a pleasantry up to offset `from`: that the title and
 * "Welcome to Harbor! Harbor has helped families since 1990." both say "Harbor" does not make the opening say what
 * the page is. (A title's capitals say nothing: titles capitalise common words, "Terms of Use".)
 */
function contentLemmas(v: SentenceVisit, opening = false, from = 0): Set<string> {
  const found = new Set<string>();
  const tags = tagSentence(v.block.text, v.sentence, 'parts');
  v.sentence.words.forEach((w, i) => {
    const t = tags[i];
    if (!t || w.lower.length < MIN_CONTENT_LENGTH || !CONTENT.some((c) => t.tags.has(c)) || NOT_CONTENT.some((c) => t.tags.has(c))) return;
    if (opening && (w.start < from || t.tags.has('ProperNoun') || (i > 0 && CAPITAL.test(v.block.text[w.start] ?? '')))) return;
    for (const l of [t.lemma, ...lemmas(w.lower)]) found.add(l);
  });
  return found;
}

const CAPITAL = /\p{Lu}/u;

/**
 * Inform: the opening says what the text is. Flagged when the first prose under the title opens with a greeting,
 * thanks, the writer's feelings, filler or page chrome ("Welcome!", "We're excited to…", "Read on") and none of the
 * first three sentences of prose shares a content word with the title: the reader has read the top and still does
 * not know what the page tells them. With no title, nothing to measure the opening against: no finding.
 */
export const informSaysWhatRule = stageFitRule('inform-says-what', (ctx, flag) => {
  const title = titleOf(ctx);
  const opening = openingOf(ctx);
  if (!title || !opening) return;
  // The prose from the top to the end of the opening paragraph, short lines ("Welcome!") included.
  const last = openingParagraph(ctx).at(-1) ?? opening;
  const lead = ctx.sentences.filter((v) => v.index <= last.index && v.block.kind !== 'heading').slice(0, WHAT_WITHIN);
  const first = lead[0];
  const pleasantry = first && PLEASANTRY.exec(cueText(first));
  if (!first || !pleasantry) return;
  const text = textOf(first);
  const about = contentLemmas(title);
  const after = first.sentence.start + text.length - text.trimStart().length + pleasantry[0].length;
  if (about.size === 0 || lead.some((v) => [...contentLemmas(v, true, v === first ? after : 0)].some((l) => about.has(l)))) return;
  flag(first, `The page opens with ${quote(textOf(first))} and its first lines never say what it is about (nothing of ${quote(textOf(title))}): open with one plain sentence that says what the page tells the reader ("This page explains how your refund is worked out").`);
});

/** Sentences of the opening that may come before the news without burying it. */
const NEWS_WITHIN = 2;

/** Inform: a dated change (the newest fact) comes first, not below the opening. */
export const informNewsFirstRule = stageFitRule('inform-news-first', (ctx, flag) => {
  const isNews = (v: SentenceVisit): boolean => {
    const lower = textOf(v).toLowerCase();
    return CHANGE.test(lower) && DATE.test(lower);
  };
  const opening = new Set(openingParagraph(ctx));
  const first = ctx.sentences.slice(0, NEWS_WITHIN + 1);
  if ([...opening, ...first].some(isNews)) return;
  const buried = ctx.sentences.find((v) => !opening.has(v) && v.index > NEWS_WITHIN && v.block.kind !== 'heading' && isNews(v));
  if (buried) flag(buried, `${quote(textOf(buried))} is news, but it comes after the opening: put the change and its date in the first paragraph, where a reader who reads one line still sees it.`);
});

/** The heading a sentence comes under, if any. */
function headingOver(ctx: { sentences: readonly SentenceVisit[] }, v: SentenceVisit): SentenceVisit | undefined {
  return ctx.sentences.findLast((h) => h.index < v.index && h.block.kind === 'heading');
}

/** What a step leaves the reader with ("You are now signed in"), not news. */
const STEP_OUTCOME = /\b(you('re| are)|you have|you've) now\b/;

/**
 * Undated change news as an announcement: not inside a condition or a description ("if we have changed…", "data
 * that is no longer needed"), not a step's outcome ("You are now signed in"), and not dated (that is
 * inform-news-first's).
 */
function isUndatedNews(v: SentenceVisit): boolean {
  const lower = cueText(v);
  const cue = UNDATED_NEWS.exec(lower);
  return !!cue && !DATE.test(lower) && !YEAR.test(lower) && !STEP_OUTCOME.test(lower) && !SUBORDINATE.test(lower.slice(0, cue.index));
}

const stepBlocks = new WeakMap<ProseBlock, boolean>();

/** A paragraph of steps: one of its sentences is an instruction ("Tap Save. Your new day is now set."), the tagger's call; once per block. */
function isInSteps(ctx: { sentences: readonly SentenceVisit[] }, v: SentenceVisit): boolean {
  let steps = stepBlocks.get(v.block);
  if (steps === undefined) {
    steps = ctx.sentences.some((s) => s.block === v.block && s.sentence.words.length > 1 && !!tagSentence(s.block.text, s.sentence, 'full')[instructionStart(s.sentence.words)]?.tags.has('Imperative'));
    stepBlocks.set(v.block, steps);
  }
  return steps;
}

/**
 * Inform: undated change news ("We've changed how refunds work", "You can now pay by card", "We no longer accept
 * cheques") comes first, not below the opening. How-to steps (a paragraph with an instruction, or a list), FAQ
 * answers (under a question) and table cells are passed over: there "now" and "no longer" describe a step or an answer, not news.
 */
export const informUndatedNewsRule = stageFitRule('inform-undated-news', (ctx, flag) => {
  const opening = new Set(openingParagraph(ctx));
  const first = ctx.sentences.slice(0, NEWS_WITHIN + 1);
  if ([...opening, ...first].some((v) => isUndatedNews(v) || CHANGE.test(textOf(v).toLowerCase()))) return;
  const buried = ctx.sentences.find(
    (v) => !opening.has(v) && v.index > NEWS_WITHIN && (v.block.kind === 'paragraph' || v.block.kind === 'quote') && isUndatedNews(v) && !textOf(headingOver(ctx, v) ?? v).trim().endsWith('?') && !isInSteps(ctx, v),
  );
  if (buried) flag(buried, `${quote(textOf(buried))} reads as news, but it comes after the opening: if it is the newest fact, say it in the first paragraph, where a reader who reads one line still sees it.`);
});
