import type { Category, Severity, Stage } from '../types.ts';

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
  /**
   * Whether its suggestions may be applied unattended: `safe` ones still drop to review where a finding's own
   * checks doubt them (see `suggestionSafe` on Finding); `review` ones always need a person.
   */
  suggestions: SuggestionPolicy;
  /** What happens where its finding overlaps another's (see findings.ts). */
  overlap: OverlapPolicy;
  /** A stage-fit rule's stage: it runs only on units of that stage (see docs/stages.md). */
  stage?: Stage;
  /**
   * `unit` for a rule that judges the whole unit (something missing) and pins its finding where the missing part
   * belongs (the title, the opening, the end): the pinned text is no part of its identity (see ci/fingerprint.ts).
   */
  anchor?: 'unit';
}

export type SuggestionPolicy = 'none' | 'safe' | 'review';

/**
 * - `longest-wins`: a phrase from a word list; where word lists overlap, the longest phrase wins ("in excess of" is
 *   wordy, its "excess" is not also jargon).
 * - `yields-to-longer`: dropped where a longer word-list phrase covers it ("please be advised" is not also passive).
 * - `yields-to-word-lists`: dropped where any word-list finding overlaps it (an uncommon word that is jargon).
 * - `one-per-sentence`: a judgement of the whole sentence; the worst for each persona stands, the others become its reasons.
 * - `team-term`: a use of a team's glossary term, never a finding itself: the built-in jargon, acronym and
 *   uncommon-word findings within it are dropped (a team's glossary overrules the packs on its own terms).
 * - `none`: stands alone.
 */
export type OverlapPolicy = 'longest-wins' | 'yields-to-longer' | 'yields-to-word-lists' | 'one-per-sentence' | 'team-term' | 'none';

interface RuleSpec {
  name: string;
  category: Category;
  severity: Severity;
  short: string;
  full: string;
  help: string;
  example?: [string, string];
  offBecause?: string;
  suggestions?: SuggestionPolicy;
  overlap?: OverlapPolicy;
  stage?: Stage;
  anchor?: 'unit';
}

const rule = ({ name, category, severity, short, full: what, help, example, offBecause, suggestions = 'none', overlap = 'none', stage, anchor }: RuleSpec): RuleInfo => {
  const full = stage ? `${what} Runs only on units whose stage is ${stage}.` : what;
  return {
    name,
    defaultOn: offBecause === undefined,
    ...(offBecause !== undefined ? { offBecause } : {}),
    category,
    severity,
    short,
    full,
    help: example ? `${help} Example: "${example[0]}" → "${example[1]}".` : help,
    helpMarkdown: `**${short}**\n\n${full}\n\n**How to fix:** ${help}${example ? `\n\n*Example:* “${example[0]}” → “${example[1]}”` : ''}`,
    suggestions,
    overlap,
    ...(stage ? { stage } : {}),
    ...(anchor ? { anchor } : {}),
  };
};

/** A stage-fit rule: a judgement of the whole unit against its stage's job, found missing rather than wrong. */
const stageFit = (stage: Stage, spec: Omit<RuleSpec, 'category' | 'stage'>): RuleInfo => rule({ ...spec, category: 'stage-fit', stage });

/** Every rule the engine has. */
export const RULES: Readonly<Record<string, RuleInfo>> = {
  'plain-words': rule({
    name: 'PlainWords',
    category: 'wordiness',
    severity: 'warning',
    short: 'Wordy or formal phrasing with a plain swap',
    full: 'A wordy or formal phrase that says no more than a shorter, everyday one, or a phrase you can simply cut. Extra words make a reader work harder for the same meaning.',
    help: 'Use the plain word in the suggestion, or cut the phrase when the suggestion is empty.',
    example: ['prior to', 'before'],
    suggestions: 'safe',
    overlap: 'longest-wins',
  }),
  jargon: rule({
    name: 'Jargon',
    category: 'jargon',
    severity: 'warning',
    short: 'Domain jargon the reader may not know',
    full: 'A term from a domain pack (insurance and finance, health insurance and benefits, banking and payments, telecom and utilities, privacy and data, legal, software and IT, corporate buzzwords), at its first use and in any inflection, unless the document explains it. Unexplained jargon makes a reader feel they are not the audience. A persona whose known packs include the term is not flagged.',
    help: 'Say it in everyday words, or explain the term the first time you use it.',
    example: ['deductible', 'the amount you pay before we pay'],
    suggestions: 'review',
    overlap: 'longest-wins',
  }),
  'persona-term': rule({
    name: 'PersonaTerm',
    category: 'jargon',
    severity: 'warning',
    short: 'A term this persona says it does not know',
    full: "A term listed in the persona's unfamiliarTerms: this reader has told you they do not know it.",
    help: 'Explain the term the first time you use it, or use everyday words instead.',
    overlap: 'longest-wins',
  }),
  acronym: rule({
    name: 'Acronym',
    category: 'acronym',
    severity: 'warning',
    short: 'Acronym not spelled out at first use',
    full: 'An acronym used before it is spelled out. Readers who do not know it stall, and those who do lose nothing when it is spelled out once.',
    help: 'Spell the acronym out the first time, with the short form in brackets.',
    example: ['SLA', 'service level agreement (SLA)'],
    suggestions: 'safe',
    offBecause:
      'On documents it was not tuned on, an editor\'s reading signed two in five of its findings (own held-back labels, 10 of 25; all labelled sets, 24 of 43): brand and product names (HBO, GPG), codes and words in capitals stand as acronyms do, and no list of expansions can know a team\'s own. Turn it on where your readers meet acronyms they must learn.',
    overlap: 'longest-wins',
  }),
  'uncommon-word': rule({
    name: 'UncommonWord',
    category: 'uncommon-word',
    severity: 'info',
    short: "A word rarer than the persona's vocabulary",
    full: "A word outside the persona's vocabulary, measured against a spoken-English frequency list (SUBTLEX-US) by its most common lemma, compound part or base (\"incomes\" as \"income\", \"unusable\" as \"use\"), at its first use and unless the document explains it.",
    help: 'Use a more common word, or explain this one.',
    offBecause:
      "An editor signed about half of its findings on real documents (14 of 26 judged, across the labelled sets): a spoken-English frequency list ranks everyday written and web words rare (\"browsers\", \"formats\", \"cardholder\"), even by lemma. Persona scores still count the text's reading grade.",
    overlap: 'yields-to-word-lists',
  }),
  'sentence-length': rule({
    name: 'SentenceLength',
    category: 'sentence-length',
    severity: 'warning',
    short: "A sentence longer than the persona's maximum",
    full: 'A sentence with more words than the persona reads comfortably. Long sentences make readers hold several ideas at once. Very long ones are errors.',
    help: 'Split the sentence so each one carries one idea; the suggestion splits it at a clause-joining conjunction.',
    suggestions: 'review',
    overlap: 'one-per-sentence',
  }),
  'sentence-grade': rule({
    name: 'SentenceGrade',
    category: 'sentence-grade',
    severity: 'info',
    short: "A sentence well above the persona's reading grade",
    full: "A sentence of 12 words or more whose Flesch–Kincaid grade is more than 2 above the persona's target grade (names, numbers and the page's repeated words counted as easy).",
    help: 'Use shorter sentences and everyday words with fewer syllables.',
    offBecause:
      "An editor signed too few of its findings on real documents (40–60% on the project's own labels): one sentence's grade says more about its long words than about the reader. Persona scores count the text's reading grade above the persona's instead, and each report names its three hardest sentences.",
    overlap: 'one-per-sentence',
  }),
  clauses: rule({
    name: 'Clauses',
    category: 'clauses',
    severity: 'info',
    short: 'A sentence that chains many clauses',
    full: 'A sentence of four or more clauses (each with a verb of its own; commas in a list do not count), so the main point gets lost.',
    help: 'Give the main point its own short sentence, then add the conditions one at a time.',
    overlap: 'one-per-sentence',
  }),
  passive: rule({
    name: 'Passive',
    category: 'passive',
    severity: 'info',
    short: 'Passive voice after a modal',
    full: 'Passive voice after a modal or "to" ("will be charged", "may be shared", "to be paid") hides who does what, which leaves the reader unsure what happens next and who is responsible.',
    help: 'Say who acts.',
    example: ['your claim will be reviewed', 'we will review your claim'],
    overlap: 'yields-to-longer',
  }),
  'passive-be': rule({
    name: 'PassiveBe',
    category: 'passive',
    severity: 'info',
    short: 'Passive voice after "is", "was" or "been"',
    full: 'Passive voice after a bare form of "be" ("is reviewed", "was denied", "has been compromised") hides who does what.',
    help: 'Say who acts.',
    example: ['your claim was denied', 'we denied your claim'],
    offBecause:
      'After a bare "is" or "was" the participle as often states a condition ("is connected to", "are built on", "is located in") as it names an action, and grammar alone cannot tell them apart: on documents never tuned against, 13 of 31 findings an editor decided were right (42%).',
    overlap: 'yields-to-longer',
  }),
  nominalisation: rule({
    name: 'Nominalisation',
    category: 'nominalisation',
    severity: 'warning',
    short: 'A verb hidden in a noun',
    full: 'A nominalisation: an action turned into a noun, which makes the sentence longer and vaguer.',
    help: 'Use the verb.',
    example: ['make a decision', 'decide'],
    suggestions: 'review',
    overlap: 'longest-wins',
  }),
  'long-paragraph': rule({
    name: 'LongParagraph',
    category: 'long-paragraph',
    severity: 'info',
    short: 'A long paragraph',
    full: 'A paragraph of more than 6 sentences or 120 words: a wall of text on a phone screen.',
    help: 'Break the paragraph up, one topic per paragraph, or use a list.',
  }),
  hedging: rule({
    name: 'Hedging',
    category: 'hedging',
    severity: 'info',
    short: 'Hedging that undermines feeling assured',
    full: 'Words such as "may", "subject to" or "where applicable" make a promise sound unsure.',
    help: 'Say what will happen, and under which condition, plainly.',
    example: ['your refund may be processed', 'we will refund you within 5 days'],
    offBecause: 'An editor signed too few of its findings on real documents (27% precision on the labelled set): many "may"s are honest about a real possibility.',
    suggestions: 'review',
    overlap: 'longest-wins',
  }),
  condescension: rule({
    name: 'Condescension',
    category: 'condescension',
    severity: 'info',
    short: 'Wording that talks down to the reader',
    full: 'Words such as "simply", "obviously" or "as you know" imply the reader should find this easy, which stings when they do not.',
    help: 'Cut the word; describe the step itself.',
    example: ['simply click Save', 'click Save'],
    offBecause: 'Most "just" and "simply" on real documents mean "only"; even limited to instructions, too few findings were left to show precision.',
    suggestions: 'review',
    overlap: 'longest-wins',
  }),
  fear: rule({
    name: 'Fear',
    category: 'fear',
    severity: 'warning',
    short: 'A fear word with no reassurance',
    full: 'Words such as "terminate", "penalty" or "failure to" when neither the same sentence nor the next one offers reassurance or a way out.',
    help: 'Say what the reader can do, and what help they have, in the same or the next sentence.',
    offBecause: 'An editor signed too few of its findings on real documents (16% precision on the labelled set): fear words are mostly legal terms of art or already come with a way forward.',
    suggestions: 'review',
    overlap: 'longest-wins',
  }),
  'custom-preferred': rule({
    name: 'CustomPreferred',
    category: 'wordiness',
    severity: 'warning',
    short: 'House style prefers other wording',
    full: 'Wording your team prefers to replace, from terms.preferred in clarity.config.json.',
    help: 'Use the preferred wording in the suggestion.',
    suggestions: 'safe',
    overlap: 'longest-wins',
  }),
  'custom-forbidden': rule({
    name: 'CustomForbidden',
    category: 'jargon',
    severity: 'error',
    short: 'House style forbids this term',
    full: 'A term your team never uses, from terms.forbidden in clarity.config.json; the message says why.',
    help: 'Remove or reword the term as the message says.',
    overlap: 'longest-wins',
  }),
  'glossary-jargon': rule({
    name: 'GlossaryJargon',
    category: 'jargon',
    severity: 'warning',
    short: "Your team's jargon, unexplained",
    full: "A term your team's glossary lists as jargon, at its first use in a document that does not explain it, in any of its variants and word forms. Not flagged for the personas the glossary says know it.",
    help: "Explain the term the first time you use it; the suggestion adds the glossary's plain explanation in brackets.",
    suggestions: 'review',
    overlap: 'longest-wins',
  }),
  'glossary-deprecated': rule({
    name: 'GlossaryDeprecated',
    category: 'wordiness',
    severity: 'warning',
    short: "A term your team's glossary deprecates",
    full: "A term your team's glossary lists as deprecated, in any of its variants and word forms: the glossary names the term to use instead.",
    help: 'Use the preferred term in the suggestion (clarity fix applies it).',
    example: ['log on', 'sign in'],
    suggestions: 'safe',
    overlap: 'longest-wins',
  }),
  'glossary-term': rule({
    name: 'GlossaryTerm',
    category: 'jargon',
    severity: 'info',
    short: "Your team's own terms overrule the built-in packs",
    full: "Makes no finding of its own: every use of a term in your team's glossaries (preferred, admitted, deprecated or jargon, and case-sensitive product names) drops the built-in jargon, acronym and uncommon-word findings on its words, so a product name is never called jargon and the team's own explanation replaces the pack's.",
    help: 'Nothing to fix; turn it off to see the built-in findings on your team terms as well.',
    overlap: 'team-term',
  }),
  'inform-opening': stageFit('inform', {
    name: 'InformOpening',
    anchor: 'unit',
    severity: 'warning',
    short: 'The opening does not say who this is for',
    full: 'The opening of a text whose job is to inform should say whose it is: a reader decides from it whether to read on. Flagged when the title, the first paragraph and the first three sentences name no reader (no "you", no customers, members, veterans who…). Whether the opening says what the text is about is left to a person.',
    help: 'Open with one plain sentence that says what this is and who it is for.',
    example: ['Refunds go back to the card you paid with.', 'If you cancel your home policy, this page explains how your refund is worked out.'],
    offBecause:
      "On the real corpus I could sign about a quarter of its findings (of 12 on customer content: 3 right, 4 wrong, 5 debatable): a policy or a legal imprint is for everyone, an FAQ answer's reader is named in a title the parser may not read as a heading, and page chrome can stand before the first sentence. Turn it on for help and landing pages written for one kind of reader.",
  }),
  'inform-says-what': stageFit('inform', {
    name: 'InformSaysWhat',
    anchor: 'unit',
    severity: 'warning',
    short: 'The opening does not say what this is',
    full: 'The first lines of a text whose job is to inform should say what it tells the reader. Flagged when the prose under the title opens with a greeting, thanks, the writer\'s feelings, filler or page chrome ("Welcome!", "We\'re excited to…", "Read on to find out more", "Skip to content") and none of the first three sentences shares a content word (a noun, verb or adjective, by its lemma) with the title. A text with no title is not judged.',
    help: 'Open with one plain sentence that says what the page tells the reader; keep the welcome, if any, for after it.',
    example: ['Welcome! We\'re so excited to have you here.', 'This page explains how your refund is worked out and when it reaches your card.'],
    offBecause:
      'On the real corpus it made one finding in 232 inform units, which I judged debatable (a terms page that opens "Welcome to Netflix!" and says what the service is, the title already saying "Terms of Use"; docs/stages.md): none signed, so no measured precision to clear the bar. Turn it on for help centres and newsletters that greet before they inform.',
  }),
  'inform-plain-heading': stageFit('inform', {
    name: 'InformPlainHeading',
    anchor: 'unit',
    severity: 'warning',
    short: 'A teaser for a title',
    full: 'A title that teases (an exclamation, a trailing ellipsis, "Did you know…", "Guess what") or puts a question to the reader ("Confused about your bill?") makes a reader work out what the page says. A question in the reader\'s own voice ("How do I reset my password?") names their task and is not flagged.',
    help: 'Make the title a plain statement of what the page says.',
    example: ['Confused about your bill?', 'How to read your bill'],
  }),
  'inform-news-first': stageFit('inform', {
    name: 'InformNewsFirst',
    severity: 'info',
    short: 'A dated change buried below the opening',
    full: 'A change with its date ("From 1 June your premium will go up") is the newest and most important fact of the text; after the opening paragraph, a reader who reads one line misses it.',
    help: 'Move the change and its date into the first paragraph.',
  }),
  'inform-undated-news': stageFit('inform', {
    name: 'InformUndatedNews',
    severity: 'info',
    short: 'Change news with no date, buried below the opening',
    full: 'A sentence that announces a change without a date ("We\'ve changed how refunds work", "You can now pay by card", "We no longer accept cheques", "New: …") after the opening paragraph and the first three sentences: if it is the newest fact, a reader who reads one line misses it. Not flagged inside a condition or a description ("if we have changed…", "data that is no longer needed"), as a step\'s outcome ("You are now signed in"), in lists, tables or the answer to an FAQ question, or when the opening already carries news.',
    help: 'If the change is the newest fact, say it in the first paragraph, with its date if you have one.',
    example: ['(fourth paragraph) We no longer accept payment by cheque.', '(first paragraph) We no longer accept cheques: pay by card or bank transfer instead.'],
    offBecause:
      'Its first build made 7 findings on the real corpus and I signed none (legal "IMPORTANT:" banners, "update or correct our records", "no longer" inside a condition; docs/stages.md). Tightened, it makes none there, so its precision on real content is unmeasured. Turn it on for newsletters and help pages that announce changes.',
  }),
  'entice-reader-terms': stageFit('entice', {
    name: 'EnticeReaderTerms',
    anchor: 'unit',
    severity: 'warning',
    short: 'Benefits told in the writer\'s terms',
    full: 'A text that should win the reader over says "we" and "our" more than "you" and "your" (at least 4 times, and more than the reader\'s words): it talks about the company, not what the reader gets.',
    help: 'Turn each benefit round to the reader.',
    example: ['We offer round-the-clock support.', 'You can reach us any time, day or night.'],
  }),
  'entice-empty-claim': stageFit('entice', {
    name: 'EnticeEmptyClaim',
    severity: 'warning',
    short: 'A claim with nothing to show for it',
    full: 'A sentence that praises ("best-in-class", "world-class", "revolutionary", "industry-leading") with no number, time or other outcome the reader could check: claims every competitor makes persuade no one.',
    help: 'Replace the claim with the outcome the reader gets, with a number if you have one.',
    example: ['Our claims service is best-in-class.', 'We settle most claims within 2 days.'],
  }),
  'activate-next-step': stageFit('activate', {
    name: 'ActivateNextStep',
    anchor: 'unit',
    severity: 'warning',
    short: 'No clear next step near the top and at the end',
    full: 'A text whose job is to get the reader to act needs one next step the reader can take: an instruction with what to act on ("Start your quote", "Call us at 800-555-0100"), or one with a link or contact. It should come near the top, for a reader who stops early, and again at the end, for one who reads to the end.',
    help: 'Add the one next step near the top and repeat it at the end.',
    example: ['We would be glad to help you with cover.', 'Start your quote at harbormutual.com/quote: it takes five minutes.'],
    offBecause:
      'On the real corpus\'s few activate pages I signed none of its findings (0 right, 1 wrong, 1 debatable; docs/stages.md): a how-to page\'s last instruction is a step of the task, not the page\'s next step. Turn it on for landing pages and sales scripts with one goal.',
  }),
  'activate-competing': stageFit('activate', {
    name: 'ActivateCompeting',
    severity: 'warning',
    short: 'Calls to action that compete',
    full: 'A second call to action, with its own link or contact, that asks for something else ("Start your quote" and "Book a demo at …"): a reader given two next steps often takes neither. Ways to reach a person (call, e-mail, chat) count as one step, a repeat of the same step in other words ("Get your quote") is no competitor, and a list\'s instructions are the steps of one task.',
    help: 'Keep one next step; move the other to a quiet link further down, or drop it.',
  }),
  'activate-numbered-steps': stageFit('activate', {
    name: 'ActivateNumberedSteps',
    severity: 'info',
    short: 'Steps written as a paragraph',
    full: 'Three or more instructions in one paragraph, in order ("First…, then…, finally…"): a reader following them loses their place.',
    help: 'Make them a numbered list, one step per item.',
  }),
  'reciprocate-open-channel': stageFit('reciprocate', {
    name: 'ReciprocateOpenChannel',
    anchor: 'unit',
    severity: 'warning',
    short: 'No way to reach a person, or no word on when they answer',
    full: 'A message in a two-way relationship should say how the reader can answer or reach a person (reply, call, chat, a contact) and when they will hear back. Without a channel the reader is stuck (a warning); with one but no time, they are left waiting (info).',
    help: 'Say how to reply or reach a person, and when they will hear back.',
    example: ['Thanks for your patience.', 'Just reply to this email: we answer within one working day.'],
    offBecause:
      'On the real corpus\'s support replies (WordPress.com\'s DMCA form replies) I signed 2 of its findings, judged 6 wrong and 21 debatable (docs/stages.md): a form reply that asks for a counter notice or links the form already gives the reader a way to answer. Turn it on for a team\'s own macros, where every reply should say how and when a person answers.',
  }),
  'reciprocate-invitation': stageFit('reciprocate', {
    name: 'ReciprocateInvitation',
    anchor: 'unit',
    severity: 'info',
    short: 'Nothing asks the reader what they need',
    full: 'No question put to the reader and no invitation to say what they need ("Let us know", "Tell us what would help"): the message informs, but does not ask.',
    help: 'Ask the reader something, or invite them to say what they need.',
    example: ['Your repair is booked for 14 May.', 'Your repair is booked for 14 May. Does that still work for you?'],
    offBecause:
      'On real support replies I signed 1 of its findings, judged 11 wrong and 19 debatable (docs/stages.md): a notice that an action was taken needs no question back, and a request to confirm or explain is an invitation it does not see. Turn it on for conversational macros.',
  }),
  'reciprocate-dead-end': stageFit('reciprocate', {
    name: 'ReciprocateDeadEnd',
    severity: 'error',
    short: 'A dead end: "do not reply" with nowhere else to go',
    full: 'The message tells the reader not to reply ("do not reply to this email", "this mailbox is not monitored") and gives no other way to reach a person: a conversation closed from one side.',
    help: 'Give the reader somewhere to write instead, next to the sentence.',
    example: ['Please do not reply to this email.', 'Replies to this address are not read: write to help@harbor.example instead.'],
  }),
  'advocate-referral': stageFit('advocate', {
    name: 'AdvocateReferral',
    anchor: 'unit',
    severity: 'warning',
    short: 'No easy way to refer, review or share',
    full: 'A text that asks the reader to tell others should make it easy: a referral, review or share line (a warning when there is none), with the link or contact next to it (info when that is missing).',
    help: 'Add one line that asks for the referral or review, with its link beside it.',
    example: ['Thanks for being with us.', 'Know someone who would like Harbor? Send them your link: harbor.example/refer'],
  }),
  'advocate-pressure': stageFit('advocate', {
    name: 'AdvocatePressure',
    severity: 'warning',
    short: 'Pressure where warmth belongs',
    full: 'Urgency or obligation ("hurry", "last chance", "you must share") in a text that asks the reader to recommend you: people recommend what they like, not what they are pushed to.',
    help: 'Drop the pressure; thank the reader and make the ask once.',
    example: ['Hurry, refer a friend before the offer ends today!', 'If a friend needs cover, you can send them your link any time.'],
  }),
  'advocate-plain-claim': stageFit('advocate', {
    name: 'AdvocatePlainClaim',
    anchor: 'unit',
    severity: 'info',
    short: 'No plain claim a reader could pass on',
    full: 'A text that asks the reader to recommend you should give them the words: one sentence of at most 20 words, in the reader\'s terms ("you", "your"), in everyday words (none of four syllables or more), with no empty praise, that says what the reader gets ("you both get $25", "no fees", or a benefit with a number or a time). Flagged when no sentence is such a claim.',
    help: 'Add one short sentence in everyday words that says what the reader gets.',
    example: ['Harbor provides comprehensive, best-in-class protection for your business.', 'You get your claim paid within 2 days, with no forms to fill in.'],
  }),
};

/** A rule's metadata; a rule this table does not know yet still gets a usable entry. */
export function ruleInfo(ruleId: string, category: Category, severity: Severity): RuleInfo {
  const known = RULES[ruleId];
  if (known) return known;
  const name = ruleId.replace(/(^|[-_])(\w)/g, (_, _sep: string, c: string) => c.toUpperCase());
  return rule({ name, category, severity, short: `clarity rule ${ruleId} (${category})`, full: `Findings of the ${category} category.`, help: "Follow the finding's message and suggestion." });
}

export type RuleSwitches = Readonly<Partial<Record<string, 'on' | 'off'>>>;

/** Whether a rule runs: as the config says, else its default. */
export function ruleEnabled(ruleId: string, switches: RuleSwitches = {}): boolean {
  const set = switches[ruleId];
  return set === undefined ? (RULES[ruleId]?.defaultOn ?? true) : set === 'on';
}
