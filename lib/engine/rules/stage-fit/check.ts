import type { Severity } from '../../types.ts';
import type { Rule, RuleContext } from '../candidate.ts';
import type { SentenceVisit } from '../walk.ts';
import { RULES } from '../registry.ts';

/** Flags one sentence: the message says what to add, concretely. */
export type Flag = (at: SentenceVisit, message: string, severity?: Severity) => void;

/**
 * A stage-fit rule: a judgement of the whole unit, run only on units of the stage its registry entry names. Its
 * findings anchor on the sentence that shows the problem, or on where the missing part belongs (the title, the
 * opening, the end). Each check is conservative: when in doubt, no finding.
 */
export function stageFitRule(id: string, check: (ctx: RuleContext, flag: Flag) => void): Rule {
  const info = RULES[id];
  if (!info?.stage) throw new Error(`${id} is no stage-fit rule in the registry`);
  const { stage, severity: usual } = info;
  return {
    id,
    run(ctx, emit) {
      if (ctx.stage !== stage) return;
      check(ctx, (at, message, severity = usual) =>
        emit({
          ruleId: id,
          category: 'stage-fit',
          severity,
          message,
          blockIndex: at.sentence.blockIndex,
          start: at.sentence.start,
          end: at.sentence.end,
          // A persona that weights this stage 0 does not mind what it lacks.
          applies: (p) => (p.stageWeights?.[stage] ?? 1) > 0,
        }),
      );
    },
  };
}

/** The text of a sentence. */
export const textOf = ({ block, sentence }: SentenceVisit): string => block.text.slice(sentence.start, sentence.end);

/** A sentence's text as the wording cues read it: trimmed, lowercased, with typographic apostrophes made plain ("we’re" → "we're"). */
export const cueText = (v: SentenceVisit): string => textOf(v).trim().toLowerCase().replace(/\u2019/g, "'");

/** The title: a heading that opens the unit. */
export function titleOf(ctx: RuleContext): SentenceVisit | undefined {
  const first = ctx.sentences[0];
  return first?.block.kind === 'heading' ? first : undefined;
}

/** Under this many words a line is a date, a label or a sign-off ("Last updated: 20 April", "Regards,"), not prose. */
const MIN_PROSE_WORDS = 5;
const DATE_LINE = /^(last )?(updated|modified|revised|effective|published|version)\b/i;
const isProse = (v: SentenceVisit): boolean => v.block.kind !== 'heading' && v.sentence.words.length >= MIN_PROSE_WORDS && !DATE_LINE.test(textOf(v).trim());

/** The opening: the first sentence of prose (not a heading, a date line or a label). */
export function openingOf(ctx: RuleContext): SentenceVisit | undefined {
  return ctx.sentences.find(isProse);
}

/** The sentences of the block the opening sentence is in (the opening paragraph). */
export function openingParagraph(ctx: RuleContext): SentenceVisit[] {
  const opening = openingOf(ctx);
  return opening ? ctx.sentences.filter((v) => v.block === opening.block) : [];
}

/** Sign-offs ("Regards,", "Thank you.") are not where a missing part goes. */
const MIN_END_WORDS = 3;

/** The end: the last sentence of the text that is not a heading or a sign-off, else the last. */
export function endOf(ctx: RuleContext): SentenceVisit | undefined {
  return ctx.sentences.findLast((v) => v.block.kind !== 'heading' && v.sentence.words.length >= MIN_END_WORDS) ?? ctx.sentences.at(-1);
}

/** A quotation of a sentence for a message, clipped. */
export function quote(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return `“${t.length > 60 ? `${t.slice(0, 57)}…` : t}”`;
}
