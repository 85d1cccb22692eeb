import type { Stage, StageDecision, Unit } from '../types.ts';
import type { SentenceVisit } from '../rules/walk.ts';
import { ADVOCATE, BENEFIT, READER_WORDS, RECIPROCATE, WRITER_WORDS } from './cues.ts';
import { edgeSize, hasContact, isCallToAction, isQuestionToReader } from './signals.ts';

/**
 * The stage a text reads as, from cues a person can check: each sentence counts towards at most one stage, and the
 * stage with the most points wins. A sentence of plain statement counts a little towards inform, so a long policy
 * with a "contact us" at the end still informs, while a short e-mail whose every line asks the reader to act
 * activates. Points per sentence:
 * - advocate 1.5: referral, review or sharing wording ("Refer a friend");
 * - reciprocate 1: an invitation to answer or reach a person ("Just reply to this email"), or a greeting that opens
 *   the text ("Hi Jordan,": a message to a person); 0.5: a question put to the reader ("Did that fix it?"), not one
 *   in the reader's voice ("How do I…?");
 * - activate 1: an instruction to act on an offer ("Start your quote", "Call us at…"), × 1.5 near the top or the end,
 *   × 3 as the title (it names the page's job), + 0.5 with a link, e-mail address or phone number in its paragraph;
 * - entice 1: a benefit offered to the reader ("you save 20%"), 0.5 when "we/our" outnumber "you/your";
 * - inform 0.3: any other sentence of four words or more (headings, greetings and sign-offs do not count).
 */
export function inferStage(unit: Unit, sentences: readonly SentenceVisit[]): StageDecision {
  const tally = new Tally();
  const edge = edgeSize(sentences.length);
  let reader = 0;
  let writer = 0;
  const benefits: string[] = [];
  for (const visit of sentences) {
    const { sentence, block, index } = visit;
    const text = block.text.slice(sentence.start, sentence.end);
    const lower = text.toLowerCase();
    for (const w of sentence.words) {
      if (READER_WORDS.has(w.lower)) reader++;
      else if (WRITER_WORDS.has(w.lower)) writer++;
    }
    if (ADVOCATE.test(lower)) tally.add('advocate', 1.5, text);
    else if (RECIPROCATE.test(lower)) tally.add('reciprocate', 1, text, 'invitation');
    else if (index === 0 && sentence.words.length <= GREETING_WORDS && GREETING.test(lower)) tally.add('reciprocate', 1, text, 'greeting');
    else if (isCallToAction(block, sentence.words)) {
      const title = index === 0 && block.kind === 'heading';
      const placed = index < edge || index >= sentences.length - edge;
      tally.add('activate', (title ? 3 : placed ? 1.5 : 1) + (hasContact(unit, block) ? 0.5 : 0), text, title ? 'title' : placed ? 'placed' : 'middle');
    } else if (isQuestionToReader(visit, lower)) tally.add('reciprocate', 0.5, text, 'question');
    else if (BENEFIT.test(lower) && sentence.words.some((w) => READER_WORDS.has(w.lower))) benefits.push(text);
    else if (block.kind !== 'heading' && sentence.words.length >= MIN_STATEMENT_WORDS) tally.add('inform', 0.3, text);
  }
  // Whether a benefit entices depends on whose text it is: the reader's ("you get…") or the writer's ("we offer…").
  for (const b of benefits) tally.add('entice', reader >= writer ? 1 : 0.5, b);
  return tally.decide(reader, writer);
}

/** Shorter lines ("Hi Jordan,", "Best, The Harbor team") are greetings and sign-offs, not statements. */
const MIN_STATEMENT_WORDS = 4;
const GREETING = /^(hi|hello|hey|dear|good (morning|afternoon|evening))\b/;
const GREETING_WORDS = 6;

type Kind = 'invitation' | 'greeting' | 'question' | 'title' | 'placed' | 'middle' | 'any';

class Tally {
  private readonly points = new Map<Stage, number>();
  private readonly examples = new Map<Stage, { text: string; kind: Kind }[]>();

  add(stage: Stage, points: number, text: string, kind: Kind = 'any'): void {
    this.points.set(stage, (this.points.get(stage) ?? 0) + points);
    const list = this.examples.get(stage) ?? [];
    list.push({ text, kind });
    this.examples.set(stage, list);
  }

  decide(reader: number, writer: number): StageDecision {
    const ranked = [...this.points].sort((a, b) => b[1] - a[1]);
    const [best, runner] = ranked;
    if (!best) return { stage: 'inform', source: 'inferred', confidence: 0.3, cues: ['no sentence to go on: inform by default'] };
    const total = ranked.reduce((n, [, p]) => n + p, 0);
    // The winner's share of the points, discounted for a text too short to say much.
    const confidence = Math.min(0.95, Math.round((best[1] / total) * (0.4 + 0.6 * Math.min(1, total / 4)) * 100) / 100);
    const cues = [this.describe(best[0], reader, writer)];
    if (runner && runner[1] >= best[1] / 2) cues.push(`also some ${runner[0]}: ${this.describe(runner[0], reader, writer)}`);
    return { stage: best[0], source: 'inferred', confidence, cues };
  }

  private describe(stage: Stage, reader: number, writer: number): string {
    const all = this.examples.get(stage) ?? [];
    const count = (kind: Kind): number => all.filter((e) => e.kind === kind).length;
    const quoted = (list: { text: string }[]): string => list.slice(0, 2).map((e) => JSON.stringify(clip(e.text))).join(', ');
    const n = all.length;
    switch (stage) {
      case 'advocate':
        return `${plural(n, 'sentence')} asking the reader to refer, review or share (${quoted(all)})`;
      case 'reciprocate': {
        const parts = [
          count('greeting') && 'written to the reader as a message',
          count('invitation') && `${plural(count('invitation'), 'invitation')} to reply or reach a person`,
          count('question') && `${plural(count('question'), 'question')} back to the reader`,
        ];
        return `${parts.filter(Boolean).join(', ')} (${quoted(all)})`;
      }
      case 'activate': {
        const placed = count('placed') + count('title');
        return `${plural(n, 'call')} to action (${quoted(all)})${placed ? `, ${placed} of them near the top or the end${count('title') ? ', the title among them' : ''}` : ''}`;
      }
      case 'entice':
        return `${plural(n, 'sentence')} offering the reader a benefit (${quoted(all)}); "you/your" ${reader} times, "we/our/us" ${writer}`;
      case 'inform':
        return `${plural(n, 'plain statement')}${this.points.size === 1 ? ', with no call to action, invitation or referral' : ''}`;
    }
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function clip(s: string): string {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}
