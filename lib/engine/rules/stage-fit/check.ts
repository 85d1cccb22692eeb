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

/** The title: a heading that opens the unit. */
export function titleOf(ctx: RuleContext): SentenceVisit | undefined {
  const first = ctx.sentences[0];
  return first?.block.kind === 'heading' ? first : undefined;
}

/** The opening: the first sentence that is not a heading. */
export function openingOf(ctx: RuleContext): SentenceVisit | undefined {
  return ctx.sentences.find((v) => v.block.kind !== 'heading');
}

/** The sentences of the block the opening sentence is in (the opening paragraph). */
export function openingParagraph(ctx: RuleContext): SentenceVisit[] {
  const opening = openingOf(ctx);
  return opening ? ctx.sentences.filter((v) => v.block === opening.block) : [];
}

/** The end: the last sentence that is not a heading, else the last. */
export function endOf(ctx: RuleContext): SentenceVisit | undefined {
  return ctx.sentences.findLast((v) => v.block.kind !== 'heading') ?? ctx.sentences.at(-1);
}

/** A quotation of a sentence for a message, clipped. */
export function quote(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return `“${t.length > 60 ? `${t.slice(0, 57)}…` : t}”`;
}
