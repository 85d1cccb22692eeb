import type { Category, Paragraph, Persona, Severity, Stage, Unit } from '../types.ts';
import type { SentenceVisit } from './walk.ts';
import { lemmas } from '../grammar/lemma.ts';

/**
 * What a rule reports before persona filtering: a span inside one block's
 * text, and which personas it applies to (all, when `applies` is absent).
 */
export interface Candidate {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  blockIndex: number;
  start: number;
  end: number;
  suggestion?: string;
  /** false where the rule's own checks doubt the suggestion reads right in this sentence: a person should look. */
  suggestionSafe?: boolean;
  applies?: (persona: Persona) => boolean;
}

export interface RuleContext {
  unit: Unit;
  paragraphs: Paragraph[];
  /** The unit's sentences in reading order (see `sentenceVisits`). */
  sentences: readonly SentenceVisit[];
  /** The loosest persona limits: what no persona would flag need not become a candidate. */
  limits: { maxSentenceLength: number; targetGrade: number };
  /** The stage the unit serves: the stage-fit rules run only for their own. */
  stage: Stage;
}

export type Emit = (candidate: Candidate) => void;

/** A rule walks the segmented unit once and emits candidates. */
export interface Rule {
  id: string;
  run(ctx: RuleContext, emit: Emit): void;
}

/** True when the persona lists `term`, or the lemma of its last word, as known (case-insensitive): "logins" → "login". */
export function knows(persona: Persona, term: string): boolean {
  if (persona.knownTerms.length === 0) return false;
  const t = term.toLowerCase();
  const at = t.lastIndexOf(' ') + 1;
  const forms = lemmas(t.slice(at)).map((l) => t.slice(0, at) + l);
  return persona.knownTerms.some((k) => forms.includes(k.toLowerCase()));
}

const SHORT_CAPS = 7;

/**
 * Matches the case of the text it replaces: "Utilize" → "Use". `amidCapitals` when the words either side are in
 * capitals too ("LIABILITY SHALL NOT EXCEED"): then even a short word is shouting.
 */
export function matchCase(original: string, replacement: string, amidCapitals = false): string {
  // Capitals on a phrase or a long word are shouting, and the rewrite shouts too; a short word in capitals
  // ("CAPTCHA", "FAQ") is written so, in a sentence that is not.
  const shouted = amidCapitals || original.includes(' ') || original.length > SHORT_CAPS;
  if (shouted && original === original.toUpperCase() && /\p{L}/u.test(original)) return replacement.toUpperCase();
  const first = original[0] ?? '';
  return first !== first.toLowerCase() ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}

/** A bracket opened between `from` (the sentence's start) and `at` is still open at `at`: a gloss there would nest brackets. */
export function insideBrackets(text: string, from: number, at: number): boolean {
  let depth = 0;
  for (let k = from; k < at; k++) {
    const c = text.charCodeAt(k);
    if (c === 40) depth++;
    else if (c === 41 && depth > 0) depth--;
  }
  return depth > 0;
}
