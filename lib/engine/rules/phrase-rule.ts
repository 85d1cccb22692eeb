import type { Category, Persona, Severity, Word } from '../types.ts';
import { tagSentence, type Tagged } from '../grammar/tagger.ts';
import type { Rule, RuleContext } from './candidate.ts';
import { matchCase } from './candidate.ts';
import { PhraseMatcher } from './phrase-matcher.ts';
import { wordsText, type SentenceVisit } from './walk.ts';

/**
 * The one generic check most wording rules are made of (Vale's "substitution"
 * and "existence" types): a list of phrases, each with its message and, where
 * one exists, its replacement. New wording is new data, not new code.
 */
export interface PhraseRuleSpec<T> {
  id: string;
  category: Category;
  entries: readonly T[];
  phrase: (entry: T) => string;
  severity: (entry: T) => Severity;
  message: (entry: T, text: string) => string;
  replacement?: (entry: T) => string | undefined;
  applies?: (entry: T) => ((persona: Persona) => boolean) | undefined;
  /** Which of a unit's sentences to look in (all by default), decided once per unit. */
  where?: (ctx: RuleContext) => (visit: SentenceVisit) => boolean;
  /** Extra context test, e.g. "May" mid-sentence is the month, "may not" a prohibition: neither is a hedge. */
  accept?: (match: PhraseMatch) => boolean;
}

/** A matched phrase in its sentence, for a rule's context test. */
export interface PhraseMatch {
  text: string;
  atSentenceStart: boolean;
  previous: string | undefined;
  next: string | undefined;
  /** The matched words are `words[from]` to `words[to - 1]` of the sentence. */
  from: number;
  to: number;
  words: readonly Word[];
  /** Part of speech and lemma of each of the sentence's words, tagged on first call only. */
  grammar: () => readonly Tagged[];
}

export function phraseRule<T>(spec: PhraseRuleSpec<T>): Rule {
  const matcher = new PhraseMatcher(spec.entries.map((data) => ({ phrase: spec.phrase(data), data })));
  return {
    id: spec.id,
    run(ctx, emit) {
      const included = spec.where?.(ctx);
      for (const visit of ctx.sentences) {
        if (included && !included(visit)) continue;
        const { sentence, block } = visit;
        for (const m of matcher.matches(sentence.words)) {
          const text = wordsText(block, sentence, m.from, m.to);
          if (
            spec.accept &&
            !spec.accept({
              text,
              atSentenceStart: m.from === 0,
              previous: sentence.words[m.from - 1]?.lower,
              next: sentence.words[m.to]?.lower,
              from: m.from,
              to: m.to,
              words: sentence.words,
              grammar: () => tagSentence(block.text, sentence),
            })
          )
            continue;
          const replacement = spec.replacement?.(m.data);
          const applies = spec.applies?.(m.data);
          emit({
            ruleId: spec.id,
            category: spec.category,
            severity: spec.severity(m.data),
            message: spec.message(m.data, text),
            blockIndex: sentence.blockIndex,
            start: sentence.words[m.from]?.start ?? sentence.start,
            end: sentence.words[m.to - 1]?.end ?? sentence.end,
            ...(replacement !== undefined ? { suggestion: matchCase(text, replacement) } : {}),
            ...(applies ? { applies } : {}),
          });
        }
      }
    },
  };
}

/** "use" or "use, apply" → readable alternatives for a message. */
export function quoteList(words: readonly string[]): string {
  return words.map((w) => `“${w}”`).join(' or ');
}
