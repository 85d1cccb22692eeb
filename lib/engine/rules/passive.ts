import { beVerbs, formulaParticiples, irregularParticiples, notParticiples } from '../lexicon/index.ts';
import type { Word } from '../types.ts';
import type { Candidate, Rule, RuleContext } from './candidate.ts';
import { tagAround, type Tagged } from '../grammar/tagger.ts';
import { isCapitalised } from '../segment/words.ts';

const BE = new Set(beVerbs);
const IRREGULAR = new Set(irregularParticiples);
const ADJECTIVES = new Set(notParticiples);
const FORMULAS = new Set(formulaParticiples);
const BETWEEN = new Set(['not', 'also', 'being', 'been', 'always', 'never', 'often', 'then', 'now', 'still', 'usually', 'automatically']);

/** An -ed or irregular participle ("used", "tied", "taken"); a state word ("interested") only with an agent after it. */
function isParticiple(w: Word | undefined, next: Word | undefined): boolean {
  if (!w || (ADJECTIVES.has(w.lower) && next?.lower !== 'by')) return false;
  return IRREGULAR.has(w.lower) || (w.lower.length > 3 && w.lower.endsWith('ed') && !w.lower.endsWith('eed'));
}

const MODALS = new Set(['will', 'would', 'can', 'cannot', "can't", 'could', 'may', 'might', 'must', 'shall', 'should', "won't", "wouldn't", "couldn't", "shouldn't", 'to']);

/** "can be used", "will not be shared", "to be paid": after a modal, "be" and a participle describe an action. */
function afterModal(words: readonly Word[], be: number): boolean {
  if (words[be]?.lower !== 'be') return false;
  let k = be - 1;
  while (k >= 0 && (BETWEEN.has(words[k]?.lower ?? '') || words[k]?.lower.endsWith('ly'))) k--;
  return MODALS.has(words[k]?.lower ?? '');
}

function isAdjectival(t: Tagged | undefined): boolean {
  return t !== undefined && t.tags.has('Adjective') && !t.tags.has('Passive');
}

const PRESENT_BE = new Set(['is', 'are', 'am', "isn't", "aren't", "i'm", "you're", "we're", "they're"]);

/**
 * "Your plan is grandfathered.", "your eyesight is limited (…)", "whether it is grandfathered or not": a present
 * "is" and a participle that ends its clause, with no object, agent or place after it, state what something is.
 */
function statesAtClauseEnd(text: string, words: readonly Word[], be: number, participle: number): boolean {
  if (!PRESENT_BE.has(words[be]?.lower ?? '')) return false;
  const w = words[participle] as Word;
  const next = words[participle + 1];
  if (endsClause(text, words, participle) || next?.lower === 'or') return true;
  // "You are logged in", "the switch is set to Allow": a status, not an action.
  if (w.lower === 'set' && next?.lower === 'to') return true;
  // "Fees are not included in…", "images are contained within an email", "as listed in Section 3": where a thing is.
  if (WHERE_PARTICIPLES.has(w.lower) && WHERE_PREPOSITIONS.has(next?.lower ?? '')) return true;
  // "in", "on" and "out" are particles only where the clause ends on them: "you are logged in." but not "is saved on our servers".
  return PARTICLES.has(next?.lower ?? '') && endsClause(text, words, participle + 1);
}

/** Word `i` is the last of its clause: nothing after it, or punctuation that ends or breaks the clause. */
function endsClause(text: string, words: readonly Word[], i: number): boolean {
  const next = words[i + 1];
  return next === undefined || /^\s*[.,;:!?()]/.test(text.slice((words[i] as Word).end, next.start + 1));
}

const PARTICLES = new Set(['in', 'out', 'on', 'off']);
const WHERE_PARTICIPLES = new Set(['included', 'contained', 'listed', 'described', 'stated', 'specified', 'outlined']);
const WHERE_PREPOSITIONS = new Set(['in', 'within', 'on', 'under', 'below', 'above']);

/**
 * Fixed formulas with nothing to make active: "you agree to be bound by these terms", "is governed by the laws
 * of", "are set forth in", "you're covered for", "being signed up", "will be deemed a …", "are provided as is",
 * "represented by an attorney", "held liable", "required by law".
 */
function inFormula(text: string, words: readonly Word[], be: number, participle: number): boolean {
  const w = words[participle]?.lower ?? '';
  const next = words[participle + 1]?.lower ?? '';
  const after = words[participle + 2]?.lower ?? '';
  if (FORMULAS.has(w) || (w === 'set' && next === 'forth') || (w === 'bound' && words[be - 1]?.lower === 'to' && next === 'by') || next === 'up') return true;
  // "will be deemed a Subscription", "shall be deemed to have accepted": a contract's definition, not an act. "Your
  // notice will be deemed invalid" has an actor who matters, and stays.
  // A capitalised complement is a term the contract defines: "will be deemed User Generated Content".
  if (w === 'deemed') return next === 'to' || DEEMED_INTO.has(next) || isCapitalised(text, words[participle + 1]);
  // "cannot be held liable", "is required by law", "are locked out of your account": a legal status, a rule that
  // names its source, a state.
  if (w === 'held') return HELD_AS.has(next);
  if (w === 'required' && next === 'by') return LAW.has(after);
  if (w === 'locked' && next === 'out') return true;
  // The warranty disclaimer ("are provided as is", "on an 'as is' basis") and "represented by an attorney".
  if (w === 'provided') return (next === 'as' && after === 'is') || (next === 'on' && (after === 'an' || after === 'a') && words[participle + 3]?.lower === 'as');
  return w === 'represented' && next === 'by' && REPRESENTATIVES.has(words[participle + 3]?.lower ?? after);
}

/**
 * What follows a contract's "deemed …": a determiner, "part" ("deemed part of this Agreement"), the state a clause
 * of its own defines ("shall be deemed severable", a notice "deemed received", terms "deemed accepted"), or the
 * severability clause's "if any provision is deemed unlawful, void or unenforceable".
 */
const DEEMED_INTO = new Set(['a', 'an', 'the', 'one', 'part', 'your', 'our', 'severable', 'received', 'accepted', 'delivered', 'given', 'waived', 'effective', 'unlawful', 'void', 'unenforceable', 'illegal']);
const HELD_AS = new Set(['liable', 'responsible', 'accountable', 'harmless']);
const LAW = new Set(['law', 'laws', 'applicable', 'federal', 'statute', 'regulation', 'regulations']);
const REPRESENTATIVES = new Set(['attorney', 'lawyer', 'counsel', 'solicitor', 'advocate', 'representative']);

/**
 * Passive voice: "your claim will be reviewed" hides who acts, which costs the reader a sense of control. Two rules
 * from one reading. `passive` takes the passives after a modal or "to" ("will be charged", "may be shared", "to be
 * paid"), where "be" and a participle describe an action. `passive-be` takes those after a bare form of "be" ("is
 * reviewed", "was denied", "has been compromised"), where the participle as often states a condition ("is connected
 * to", "are built on"): judged on documents never tuned against, a reader signs too few of them (docs/precision.md),
 * so it is off by default.
 */
export const passiveRule: Rule = { id: 'passive', run: (ctx, emit) => findPassives(ctx, emit, 'passive') };
export const passiveBeRule: Rule = { id: 'passive-be', run: (ctx, emit) => findPassives(ctx, emit, 'passive-be') };

function findPassives(ctx: RuleContext, emit: (c: Candidate) => void, ruleId: 'passive' | 'passive-be'): void {
  for (const { sentence, block } of ctx.sentences) {
    const words = sentence.words;
    for (let i = 0; i < words.length - 1; i++) {
      if (!BE.has(words[i]?.lower ?? '')) continue;
      let j = i + 1;
      while (j < words.length - 1 && (BETWEEN.has(words[j]?.lower ?? '') || words[j]?.lower.endsWith('ly'))) j++;
      if (!isParticiple(words[j], words[j + 1]) || inFormula(block.text, words, i, j)) continue;
      if (afterModal(words, i) !== (ruleId === 'passive')) continue;
      // "The screen is cracked", "water damage is covered": a participle used as an adjective states a condition
      // and hides no actor. The tagger tells them apart from "your claim was reviewed"; an agent ("by us") makes it
      // verbal whatever the tagger says. After a modal the tagger often errs ("may not be used") and is not asked.
      if (ruleId === 'passive-be' && words[j + 1]?.lower !== 'by' && (isAdjectival(tagAround(block.text, words, j, j + 1, 'parts')[0]) || statesAtClauseEnd(block.text, words, i, j))) continue;
      const from = words[i] as Word;
      const to = words[j] as Word;
      const phrase = block.text.slice(from.start, to.end);
      // With its agent named ("processed by Valve"), the passive hides nobody but puts them last.
      const message = words[j + 1]?.lower === 'by' ? `Passive voice: “${phrase} by …” puts who acts last. Start with them (“the team reviews your claim”).` : `Passive voice: “${phrase}” hides who acts. Say who does it (“we review…”, “you send…”).`;
      emit({ ruleId, category: 'passive', severity: 'info', message, blockIndex: sentence.blockIndex, start: from.start, end: to.end });
      i = j;
    }
  }
}
