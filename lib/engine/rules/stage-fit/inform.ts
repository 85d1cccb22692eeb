import { AUDIENCE, CHANGE, DATE, READER_WORDS } from '../../stage/cues.ts';
import { asksReader } from '../../stage/signals.ts';
import type { SentenceVisit } from '../walk.ts';
import { openingOf, openingParagraph, quote, stageFitRule, textOf, titleOf } from './check.ts';

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
