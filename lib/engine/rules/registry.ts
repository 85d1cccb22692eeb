import type { Category, Severity } from '../types.ts';

/**
 * Each rule's one definition: what SARIF's rule metadata, annotation help, `clarity rules` and the engine's
 * choice of rules read.
 */
export interface RuleInfo {
  /** PascalCase name, as SARIF's `reportingDescriptor.name` expects. */
  name: string;
  /** One line. */
  short: string;
  /** What the rule flags and why it matters to a reader. */
  full: string;
  /** How to fix it, in plain text and in Markdown. */
  help: string;
  helpMarkdown: string;
  /** The rule's usual severity; single findings may be raised or lowered (a very long sentence is an error). */
  severity: Severity;
  category: Category;
  /**
   * Whether the rule runs unless the config turns it off. A rule whose findings an editor's reading of real
   * documents could not sign often enough (see docs/precision.md) is off by default: opt in with `"rules"`.
   */
  defaultOn: boolean;
  /** Why a rule is off by default, for `clarity rules`. */
  offBecause?: string;
}

const rule = (name: string, category: Category, severity: Severity, short: string, full: string, help: string, example?: [string, string], offBecause?: string): RuleInfo => ({
  name,
  defaultOn: offBecause === undefined,
  ...(offBecause !== undefined ? { offBecause } : {}),
  category,
  severity,
  short,
  full,
  help: example ? `${help} Example: "${example[0]}" → "${example[1]}".` : help,
  helpMarkdown: `**${short}**\n\n${full}\n\n**How to fix:** ${help}${example ? `\n\n*Example:* “${example[0]}” → “${example[1]}”` : ''}`,
});

/** Every rule the engine has. */
export const RULES: Readonly<Record<string, RuleInfo>> = {
  'plain-words': rule(
    'PlainWords',
    'wordiness',
    'warning',
    'Wordy or formal phrasing with a plain swap',
    'A wordy or formal phrase that says no more than a shorter, everyday one, or a phrase you can simply cut. Extra words make a reader work harder for the same meaning.',
    'Use the plain word in the suggestion, or cut the phrase when the suggestion is empty.',
    ['prior to', 'before'],
  ),
  jargon: rule(
    'Jargon',
    'jargon',
    'warning',
    'Domain jargon the reader may not know',
    'A term from a domain pack (insurance and finance, legal, software and IT, corporate buzzwords). Unexplained jargon makes a reader feel they are not the audience. A persona whose known packs include the term is not flagged.',
    'Say it in everyday words, or explain the term the first time you use it.',
    ['deductible', 'the amount you pay before we pay'],
  ),
  'persona-term': rule(
    'PersonaTerm',
    'jargon',
    'warning',
    'A term this persona says it does not know',
    "A term listed in the persona's unfamiliarTerms: this reader has told you they do not know it.",
    'Explain the term the first time you use it, or use everyday words instead.',
  ),
  acronym: rule(
    'Acronym',
    'acronym',
    'warning',
    'Acronym not spelled out at first use',
    'An acronym used before it is spelled out. Readers who do not know it stall, and those who do lose nothing when it is spelled out once.',
    'Spell the acronym out the first time, with the short form in brackets.',
    ['SLA', 'service level agreement (SLA)'],
  ),
  'uncommon-word': rule(
    'UncommonWord',
    'uncommon-word',
    'info',
    "A word rarer than the persona's vocabulary",
    "A word outside the persona's vocabulary, measured against a spoken-English frequency list (SUBTLEX-US).",
    'Use a more common word, or explain this one.',
  ),
  'sentence-length': rule(
    'SentenceLength',
    'sentence-length',
    'warning',
    "A sentence longer than the persona's maximum",
    'A sentence with more words than the persona reads comfortably. Long sentences make readers hold several ideas at once. Very long ones are errors.',
    'Split the sentence so each one carries one idea; the suggestion splits it at a clause-joining conjunction.',
  ),
  'sentence-grade': rule(
    'SentenceGrade',
    'sentence-grade',
    'info',
    "A sentence well above the persona's reading grade",
    "A sentence whose Flesch–Kincaid grade is more than 2 above the persona's target grade.",
    'Use shorter sentences and everyday words with fewer syllables.',
  ),
  clauses: rule(
    'Clauses',
    'clauses',
    'info',
    'A sentence that chains many clauses',
    'A sentence of four or more clauses (each with a verb of its own; commas in a list do not count), so the main point gets lost.',
    'Give the main point its own short sentence, then add the conditions one at a time.',
  ),
  passive: rule(
    'Passive',
    'passive',
    'info',
    'Passive voice',
    'Passive voice hides who does what, which leaves the reader unsure what happens next and who is responsible.',
    'Say who acts.',
    ['your claim will be reviewed', 'we will review your claim'],
  ),
  nominalisation: rule(
    'Nominalisation',
    'nominalisation',
    'warning',
    'A verb hidden in a noun',
    'A nominalisation: an action turned into a noun, which makes the sentence longer and vaguer.',
    'Use the verb.',
    ['make a decision', 'decide'],
  ),
  'long-paragraph': rule(
    'LongParagraph',
    'long-paragraph',
    'info',
    'A long paragraph',
    'A paragraph of more than 6 sentences or 120 words: a wall of text on a phone screen.',
    'Break the paragraph up, one topic per paragraph, or use a list.',
  ),
  hedging: rule(
    'Hedging',
    'hedging',
    'info',
    'Hedging that undermines feeling assured',
    'Words such as "may", "subject to" or "where applicable" make a promise sound unsure.',
    'Say what will happen, and under which condition, plainly.',
    ['your refund may be processed', 'we will refund you within 5 days'],
    'An editor signed too few of its findings on real documents (27% precision on the labelled set): many "may"s are honest about a real possibility.',
  ),
  condescension: rule(
    'Condescension',
    'condescension',
    'info',
    'Wording that talks down to the reader',
    'Words such as "simply", "obviously" or "as you know" imply the reader should find this easy, which stings when they do not.',
    'Cut the word; describe the step itself.',
    ['simply click Save', 'click Save'],
    'Most "just" and "simply" on real documents mean "only"; even limited to instructions, too few findings were left to show precision.',
  ),
  fear: rule(
    'Fear',
    'fear',
    'warning',
    'A fear word with no reassurance',
    'Words such as "terminate", "penalty" or "failure to" when neither the same sentence nor the next one offers reassurance or a way out.',
    'Say what the reader can do, and what help they have, in the same or the next sentence.',
    undefined,
    'An editor signed too few of its findings on real documents (16% precision on the labelled set): fear words are mostly legal terms of art or already come with a way forward.',
  ),
  'custom-preferred': rule(
    'CustomPreferred',
    'wordiness',
    'warning',
    'House style prefers other wording',
    'Wording your team prefers to replace, from terms.preferred in clarity.config.json.',
    'Use the preferred wording in the suggestion.',
  ),
  'custom-forbidden': rule(
    'CustomForbidden',
    'jargon',
    'error',
    'House style forbids this term',
    'A term your team never uses, from terms.forbidden in clarity.config.json; the message says why.',
    'Remove or reword the term as the message says.',
  ),
};

/** A rule's metadata; a rule this table does not know yet still gets a usable entry. */
export function ruleInfo(ruleId: string, category: Category, severity: Severity): RuleInfo {
  const known = RULES[ruleId];
  if (known) return known;
  const name = ruleId.replace(/(^|[-_])(\w)/g, (_, _sep: string, c: string) => c.toUpperCase());
  return rule(name, category, severity, `clarity rule ${ruleId} (${category})`, `Findings of the ${category} category.`, "Follow the finding's message and suggestion.");
}

export type RuleSwitches = Readonly<Partial<Record<string, 'on' | 'off'>>>;

/** Whether a rule runs: as the config says, else its default. */
export function ruleEnabled(ruleId: string, switches: RuleSwitches = {}): boolean {
  const set = switches[ruleId];
  return set === undefined ? (RULES[ruleId]?.defaultOn ?? true) : set === 'on';
}
