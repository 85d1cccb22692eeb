/**
 * The false-positive patterns an editor found in the real corpus (issue 9), each pinned with the case that must
 * still be flagged beside the one that must not.
 */
import { describe, expect, it } from 'vitest';
import { audit, byRule, defaultEngine } from './engine-helpers.ts';
import { RULES } from '../lib/engine/rules/registry.ts';
import { configSchema } from '../lib/config/schema.ts';

const flagged = async (text: string, ruleId: string, path?: string): Promise<string[]> => byRule(await audit(text, path), ruleId).map((f) => f.text);

describe('condescension: only minimising an instruction talks down', () => {
  it('flags "just" and "simply" before an instruction', async () => {
    expect(await flagged('Just text STOP to the shortcode.', 'condescension')).toEqual(['Just']);
    expect(await flagged('Simply enter your code.', 'condescension')).toEqual(['Simply']);
    expect(await flagged('Then just click the link.', 'condescension')).toEqual(['just']);
    expect(await flagged('Obviously, you simply click Save.', 'condescension')).toEqual(['Obviously', 'simply']);
  });

  it('leaves "just" and "simply" that mean only, exactly or recently', async () => {
    for (const text of [
      'Tired of just uploading pictures?',
      'It is just as before.',
      'You just signed up.',
      'This offer is not just for you.',
      'More than just a swipe.',
      'The search simply guesses your location.',
      'They cannot cancel your cover simply because you made a mistake.',
      'It is free, just like for customers who pay.',
    ])
      expect(await flagged(text, 'condescension'), text).toEqual([]);
  });

  it('leaves adverbs of manner and the writer’s own conduct', async () => {
    expect(await flagged('All fees will be clearly displayed in your account.', 'condescension')).toEqual([]);
    expect(await flagged('Only publish photos that clearly identify you.', 'condescension')).toEqual([]);
    expect(await flagged('Of course, we will reach out before we act.', 'condescension')).toEqual([]);
    expect(await flagged('Clearly, the form is wrong.', 'condescension')).toEqual(['Clearly']);
  });
});

describe('passive: verbal participles, not adjectival ones', () => {
  it('flags a passive that hides who acts: after a modal by default, after a bare "is" or "was" when opted in', async () => {
    expect(await flagged('Your claim will be reviewed by our team.', 'passive')).toEqual(['be reviewed']);
    expect(await flagged('You agree that the fee is to be paid monthly.', 'passive')).toEqual(['be paid']);
    expect(await flagged('The form was submitted yesterday.', 'passive')).toEqual([]);
    expect(await flagged('The form was submitted yesterday.', 'passive-be')).toEqual(['was submitted']);
    expect(await flagged('Your claim will be reviewed by our team.', 'passive-be')).toEqual([]);
    // As users get it, only the modal passive is reported.
    const byDefault = await audit('The form was submitted. It will be reviewed.', 'a.md', defaultEngine);
    expect(byDefault.findings.filter((f) => f.category === 'passive').map((f) => [f.ruleId, f.text])).toEqual([['passive', 'be reviewed']]);
    expect(RULES['passive-be']?.defaultOn).toBe(false);
  });

  it('leaves fixed formulas: insurance cover, governing law, "set forth", "signed up"', async () => {
    for (const text of [
      'Water damage is covered by this policy.',
      'Check which services you’re covered for.',
      'This Agreement is governed by federal law.',
      'Terms for that use are set forth in Section 3.',
      'Being signed up for VA health care meets the requirement.',
      'We may share data if it is needed to prevent fraud.',
      'Each item of Beta Software will be deemed a Subscription.',
      'You shall be deemed to have accepted the change.',
      'THE SERVICES ARE PROVIDED ON AN "AS IS" BASIS.',
      'You may choose to be represented by an attorney.',
    ])
      expect([...(await flagged(text, 'passive')), ...(await flagged(text, 'passive-be'))], text).toEqual([]);
    // An actor who matters stays flagged.
    expect(await flagged('Your notice will be deemed invalid.', 'passive')).toEqual(['be deemed']);
    // The severability and notice formulas define a state.
    expect(await flagged('Any invalid provision shall be deemed severable.', 'passive')).toEqual([]);
    expect(await flagged('A notice sent by email will be deemed received the next day.', 'passive')).toEqual([]);
    // The severability clause, and a term the contract defines (capitalised), are definitions too.
    expect(await flagged('If any provision of these Terms shall be deemed unlawful, void or unenforceable, we will replace it.', 'passive')).toEqual([]);
    expect(await flagged('Your feedback will be deemed User Generated Content under Section 6.', 'passive')).toEqual([]);
  });

  it('leaves legal statuses and rules that name their source', async () => {
    for (const text of ['We cannot be held liable for delays.', 'Your ID is required by law.', 'You are locked out of your account.'])
      expect([...(await flagged(text, 'passive')), ...(await flagged(text, 'passive-be'))], text).toEqual([]);
    expect(await flagged('Your ID is required by the bank.', 'passive-be')).toEqual(['is required']);
    expect(await flagged('The money was held by the bank.', 'passive-be')).toEqual(['was held']);
  });

  it('leaves a participle that says where a thing is, and "related to"', async () => {
    for (const text of [
      'Taxes are not included in our fees.',
      'The images are contained within an email.',
      'The conditions are listed in Section 3.',
      'These costs aren’t related to your military service.',
    ])
      expect([...(await flagged(text, 'passive')), ...(await flagged(text, 'passive-be'))], text).toEqual([]);
    // Done to the reader, it stays: "included" with an agent, "listed" with no place after it.
    expect(await flagged('Your name is included by the sender.', 'passive-be')).toEqual(['is included']);
    expect(await flagged('Your home is listed for sale by the bank.', 'passive-be')).toEqual(['is listed']);
  });

  it('says the agent comes last, not that it is hidden, when "by" names it', async () => {
    const [named] = byRule(await audit('Your claim will be reviewed by our team.'), 'passive');
    expect(named?.message).toMatch(/puts who acts last/);
    const [hidden] = byRule(await audit('Your claim will be reviewed next week.'), 'passive');
    expect(hidden?.message).toMatch(/hides who acts/);
  });

  it('leaves a participle that states a condition', async () => {
    expect(await flagged('The screen is cracked.', 'passive-be')).toEqual([]);
    expect(await flagged('You are interested in the offer.', 'passive-be')).toEqual([]);
    expect(await flagged('Your account is grandfathered.', 'passive-be')).toEqual([]);
    expect(await flagged('I’m signed up for VA health care.', 'passive-be')).toEqual([]);
    expect(await flagged('Check that the switch is set to Allow.', 'passive-be')).toEqual([]);
    expect(await flagged('You agree to be bound by these terms.', 'passive')).toEqual([]);
    // "on" followed by more of the clause is a preposition: still an action.
    expect(await flagged('Your location is not saved on our servers.', 'passive-be')).toEqual(['is not saved']);
  });
});

describe('acronym: unexplained letters, not letters explained beside them or that are no acronym', () => {
  it('flags an acronym used before it is spelled out', async () => {
    expect(await flagged('Check the SBC before you buy.', 'acronym')).toEqual(['SBC']);
    // Letters that are no common word stay acronyms, however short.
    expect(await flagged('Ask about DIC payments.', 'acronym')).toEqual(['DIC']);
    expect(await flagged('Our SLA covers uptime.', 'acronym')).toEqual(['SLA']);
  });

  it('leaves one spelled out in the same sentence, in any of the usual forms', async () => {
    for (const text of [
      'The 80/20 rule is sometimes known as Medical Loss Ratio, or MLR.',
      'We use a Content Security Policy or "CSP" to protect you.',
      'Export Administration Regulations (the EAR).',
      'These Terms include the Data Processing Addendum (“DPA”).',
      'GCU: the present General Conditions of Use.',
      "It cannot be used for in-store Near-Field Communication ('NFC') transactions.",
      '---\ntitle: Internal Revenue Service (IRS)\n---\n\nYour account grants you access to IRS web applications.',
    ])
      expect(await flagged(text, 'acronym'), text).toEqual([]);
  });

  it('leaves units, currencies, codes, legal names and letters everyone knows', async () => {
    for (const text of [
      'Download the form (PDF - 601 KB).',
      'You pay the first EUR 50 of any loss.',
      'Write to 30 Victoria Street, Gatineau, QC K1A 1H3, Canada.',
      'Zillow Closing Services TX, LLC is a subsidiary.',
      'Your file number starts with V, RH, J, RS, K, or W.',
      'We guess your location with a GEO::IP lookup.',
      'Ask your doctor about an HIV test.',
      'FYI, your order has shipped.',
      'Open the menu of VS Code and choose Settings.',
      'Purchases are made from Valve SARL, a Luxembourg company.',
      'You may accept OR refuse the offer, but NOT both.',
      'Write to PMB 53289, 2261 Market Street.',
      'Mail it to PO BOX 5365, Janesville.',
    ])
      expect(await flagged(text, 'acronym'), text).toEqual([]);
  });

  it('offers no expansion that would stack brackets', async () => {
    const [ip] = byRule(await audit('We never store your IP address.'), 'acronym');
    expect(ip?.suggestion).toBeUndefined();
    // Inside brackets already: the finding stands, the bracketed expansion is not offered.
    const [inside] = byRule(await audit('It depends on your tools (like your IDE) and settings.'), 'acronym');
    expect(inside?.text).toBe('IDE');
    expect(inside?.suggestion).toBeUndefined();
    const [outside] = byRule(await audit('Open your IDE and run the tests.'), 'acronym');
    expect(outside?.suggestion).toMatch(/\(IDE\)$/);
  });
});

describe('clauses: clauses have verbs of their own, list commas are no clauses', () => {
  it('flags a chain of clauses', async () => {
    const [f] = byRule(await audit('If you cancel, we will refund you, unless you used the service, which we check, and then we close the account, although you can reopen it.'), 'clauses');
    expect(f?.message).toMatch(/strings together \d clauses/);
  });

  it('leaves one clause with a list', async () => {
    for (const text of [
      "You'll provide information about you and your family, like income, household size, current health coverage information, and more.",
      'The countries listed currently include Cuba, Iran, North Korea, Syria, Russia, and Belarus, but this list is subject to change.',
      'To do this, we use personal data such as search history, previous reservations, browsing data, behavioural data, and location.',
    ])
      expect(await flagged(text, 'clauses'), text).toEqual([]);
  });

  it('leaves one subject with a list of verbs or of objects the tagger reads as verbs', async () => {
    for (const text of [
      "It’s where we make decisions, share designs, debate ideas, broadcast companywide announcements, and keep up to date on what everyone's working on.",
      'We hope it never comes to this, but we can, without notice, limit, suspend, or end your Service or this Agreement with you for any good cause.',
      'You may not use our copyrights, trademarks, domains, logos, trade dress, patents, and other intellectual property rights unless you have our written permission.',
    ])
      expect(await flagged(text, 'clauses'), text).toEqual([]);
  });
});

describe('hedging: "may" that holds back what the writer will do', () => {
  it('flags the writer’s own hedged commitment', async () => {
    expect(await flagged('We may suspend your account.', 'hedging')).toEqual(['may']);
    expect(await flagged('In addition, our service may contain ads.', 'hedging')).toEqual(['may']);
    expect(await flagged('Refunds may be delayed.', 'hedging')).toEqual(['may']);
    expect(await flagged('You may be charged a fee.', 'hedging')).toEqual(['may']);
  });

  it('leaves permissions and real possibilities the writer does not control', async () => {
    for (const text of [
      'Late payment may delay access.',
      'Someone else who has your phone may be using it.',
      'Supplements for women who may become pregnant.',
      'You agree that the company may process your data as described.',
      'Minors may only use the service with an adult.',
      'You may cancel at any time.',
      'You are in a region that is subject to trade restrictions.',
    ])
      expect(await flagged(text, 'hedging'), text).toEqual([]);
  });
});

describe('rules under the precision bar are off by default, not deleted', () => {
  it('runs hedging, fear, condescension and acronym only when turned on', async () => {
    const text = 'We may suspend your account. Failure to pay results in termination. Just click Save. Read the SLA.';
    const off = ['hedging', 'fear', 'condescension', 'acronym'];
    const defaults = await audit(text, 'a.md', defaultEngine);
    expect(defaults.findings.filter((f) => off.includes(f.ruleId))).toEqual([]);
    const on = await audit(text);
    for (const id of off) expect(byRule(on, id).length, id).toBeGreaterThan(0);
    for (const id of off) expect(RULES[id]?.defaultOn, id).toBe(false);
    expect(RULES.jargon?.defaultOn).toBe(true);
  });

  it('takes the switches from the config, and refuses an unknown rule id', () => {
    expect(configSchema.parse({ rules: { hedging: 'on' } }).rules).toEqual({ hedging: 'on' });
    expect(configSchema.safeParse({ rules: { hedgeing: 'on' } }).success).toBe(false);
    expect(configSchema.safeParse({ rules: { hedging: 'yes' } }).success).toBe(false);
  });
});

describe('nominalisation: a noun that ends its phrase, so the verb can replace it', () => {
  it('flags a light verb and its noun', async () => {
    expect(await flagged('You can make a payment online.', 'nominalisation')).toEqual(['make a payment']);
    expect(await flagged('We will make a decision, then tell you.', 'nominalisation')).toEqual(['make a decision']);
  });

  it('leaves a noun that modifies another, is coordinated, or carries a clause', async () => {
    for (const text of [
      'You must provide payment information to buy.',
      'You submit an application and background check to the landlord.',
      'We may take action we reasonably deem necessary.',
      'We will not make a decision about you which would affect you.',
      'You may need to make changes (like installing ramps) to a home.',
    ])
      expect(await flagged(text, 'nominalisation'), text).toEqual([]);
  });
});

describe('plain-words: a swap only where it keeps the sense', () => {
  it('still offers the swap for formal wording', async () => {
    expect(await flagged('You will require a password.', 'plain-words')).toEqual(['require']);
    expect(await flagged('Accordingly, we closed the account.', 'plain-words')).toEqual(['Accordingly']);
  });

  it('leaves "required" as a legal or form rule and "accordingly" meaning "properly"', async () => {
    for (const text of [
      'We share your data where required.',
      'Date of birth (required)',
      'The law requires that all payments be made on time.',
      'Please read the notice and act accordingly.',
      'Claims go to a bellwether proceeding first.',
      'You may join any proceeding brought against us.',
    ])
      expect(await flagged(text, 'plain-words'), text).toEqual([]);
    expect(await flagged('Before proceeding with the payment, check the amount.', 'plain-words')).toEqual(['proceeding']);
  });
});

describe('suggestions: offered only where the paste reads right', () => {
  const suggestion = async (text: string, ruleId: string) => byRule(await audit(text), ruleId).map((f) => [f.text, f.suggestion]);

  it('shouts a swap only amid capitals, and swaps "determine" for wording that fits both its senses', async () => {
    expect(await suggestion('THEN OUR LIABILITY SHALL NOT EXCEED ONE HUNDRED DOLLARS.', 'plain-words')).toContainEqual(['SHALL', 'MUST']);
    expect(await suggestion('You SHALL pay on time.', 'plain-words')).toEqual([['SHALL', 'Must']]);
    expect(await suggestion('If we cannot determine this date, we use the date you prefer.', 'plain-words')).toEqual([['determine', 'work out']]);
  });

  it('withholds a swap whose grammar differs from the original, and keeps the finding', async () => {
    // "make sure" takes a clause, "can" no auxiliary before it, "share" needs "with", "pay" no "to".
    expect(await suggestion('This helps ensure no lapse in coverage.', 'plain-words')).toEqual([['ensure', undefined]]);
    expect(await suggestion('We do not even have the ability to create it.', 'plain-words')).toEqual([['have the ability to', undefined]]);
    expect(await suggestion('We may disclose your data to our partners.', 'plain-words')).toEqual([['disclose', undefined]]);
    expect(await suggestion('You can use Stripe to make payments to other users.', 'nominalisation')).toEqual([['make payments', undefined]]);
  });

  it('offers it where it fits', async () => {
    expect(await suggestion('Please ensure that your card is active.', 'plain-words')).toEqual([['ensure', 'make sure']]);
    expect(await suggestion('You have the ability to cancel.', 'plain-words')).toEqual([['have the ability to', 'can']]);
    expect(await suggestion('Add $2,205 for each additional child.', 'plain-words')).toEqual([['additional', 'extra']]);
    expect(await suggestion('Please make a decision by Friday.', 'nominalisation')).toEqual([['make a decision', 'decide']]);
  });

  it('withholds a swap that needs other words around it: articles, a count noun, a phrasal verb before its noun', async () => {
    expect(await suggestion('It is not a sufficient remedy.', 'plain-words')).toEqual([['sufficient', undefined]]);
    expect(await suggestion('You need sufficient funds.', 'plain-words')).toEqual([['sufficient', 'enough']]);
    expect(await suggestion('This may result in termination of the account.', 'plain-words')).toEqual([['termination', undefined]]);
    expect(await suggestion('After the termination of this agreement, you must pay.', 'plain-words')).toEqual([['termination', 'end']]);
    expect(await suggestion('You can ask for an expedited appeal.', 'plain-words')).toEqual([['expedited', undefined]]);
    expect(await suggestion('We expedited your appeal.', 'plain-words')).toEqual([['expedited', 'sped up']]);
  });

  it('withholds a past tense after its noun, a verb before "of", and a sense only the writer can pick', async () => {
    expect(await suggestion('These products obtained in the software are yours.', 'plain-words')).toEqual([['obtained', undefined]]);
    expect(await suggestion('We obtained your consent.', 'plain-words')).toEqual([['obtained', 'got']]);
    expect(await suggestion('We provide a refund of upgrade fees.', 'nominalisation')).toEqual([['provide a refund', undefined]]);
    const [constitute] = byRule(await audit('These terms do not constitute an offer.'), 'plain-words');
    expect(constitute?.suggestionSafe).toBe(false);
  });

  it('withholds a verb that needs an object or its own preposition, and a count noun without its article', async () => {
    expect(await suggestion('We cannot make changes on your behalf.', 'nominalisation')).toEqual([['make changes', undefined]]);
    expect(await suggestion('You can make changes to your plan.', 'nominalisation')).toEqual([['make changes to', 'change']]);
    expect(await suggestion('Parents give permission for the child to use it.', 'nominalisation')).toEqual([['give permission', undefined]]);
    expect(await suggestion('We accept reimbursement from HRAs.', 'plain-words')).toEqual([['reimbursement', undefined]]);
    expect(await suggestion('We send the reimbursement by mail.', 'plain-words')).toEqual([['reimbursement', 'refund']]);
  });

  it('glosses a term only where the brackets read right', async () => {
    expect(await suggestion('Any fees that have accrued to your account are due.', 'jargon')).toEqual([['accrued', undefined]]);
    expect(await suggestion('You get a waiver of the premium for disability.', 'jargon')).toContainEqual(['waiver', undefined]);
    expect(await suggestion('You can ask for a waiver if you qualify.', 'jargon')).toEqual([['waiver', 'waiver (giving up a right, or agreeing not to enforce a rule)']]);
    expect(await suggestion('Coverage starts in plan year 2019 for most people.', 'jargon')).toEqual([['plan year', undefined]]);
  });

  it('cuts a sentence’s opening only where the rest still starts with a capital', async () => {
    expect(await suggestion('Please note that businesses must register.', 'plain-words')).toEqual([['Please note that', undefined]]);
    expect(await suggestion('Please note that Medicare pays first.', 'plain-words')).toEqual([['Please note that', '']]);
    expect(await suggestion('We ask, please note that, for a reply.', 'plain-words')).toEqual([['please note that', '']]);
  });

  it('keeps a term’s capitals in its gloss', async () => {
    const [f] = byRule(await audit('Here GitHub acts as a Data Processor for you.'), 'jargon');
    expect(f?.suggestion).toMatch(/^Data Processor \(/);
  });
});

describe('jargon: the document, not the occurrence', () => {
  it('counts a word met inside a longer term as used', async () => {
    const text = 'Limitation of liability. Our total liability is limited to $100.';
    expect(await flagged(text, 'jargon')).toEqual(['Limitation of liability']);
    expect(await flagged('Our total liability is limited to $100.', 'jargon')).toEqual(['liability']);
  });

  it('does not read a table of contents of in-page links as prose', async () => {
    const toc = '1. [Introduction](#1)\n2. [Limitation of liability](#7)\n\n## Introduction\n\nWelcome.\n';
    expect(await flagged(toc, 'jargon')).toEqual([]);
    const html = '<ul><li><a href="#7">Limitation of liability</a></li></ul><p>Welcome.</p>';
    expect(await flagged(html, 'jargon', 'asset.html')).toEqual([]);
    // A list of links to other pages ("Related articles") is navigation too.
    expect(await flagged('Related articles:\n\n- [Authentication methods](/help/auth/)\n- [Limitation of liability](/terms/)\n', 'jargon')).toEqual([]);
    expect(await flagged('<ul><li><a href="/a">Authentication methods</a></li><li><a href="/b">Limitation of liability</a></li></ul><p>Welcome.</p>', 'jargon', 'asset.html')).toEqual([]);
    // One such link right under a heading too; after a paragraph, a lone link item is still read.
    expect(await flagged('## Related articles\n\n* [How do I change the authentication method?](/help/auth/)\n', 'jargon')).toEqual([]);
    expect(await flagged('Read this first.\n\n* [How do I change the authentication method?](/help/auth/)\n', 'jargon')).toEqual(['authentication']);
    expect(await flagged('<h2>Related articles</h2>\n<ul><li><a href="/a">How do I change the authentication method?</a></li></ul>', 'jargon', 'asset.html')).toEqual([]);
    expect(await flagged('<p>Read this first.</p><ul><li><a href="/a">How do I change the authentication method?</a></li></ul>', 'jargon', 'asset.html')).toEqual(['authentication']);
    // A link to another page, or an in-page link inside a sentence, is prose.
    expect(await flagged('1. [Limitation of liability](/terms#7)\n', 'jargon')).toEqual(['Limitation of liability']);
    expect(await flagged('See the [limitation of liability](#7) below.\n', 'jargon')).toEqual(['limitation of liability']);
  });
});

describe('jargon: multiword terms a frequency list misses, glossed where the gloss reads right', () => {
  const jargon = async (text: string) => byRule(await audit(text), 'jargon').map((f) => [f.text, f.suggestion]);

  it('flags contract and benefits terms made of common words', async () => {
    expect(await jargon('You must accept service of process from the sender.')).toEqual([['service of process', 'service of process (the official delivery of court papers to someone in a lawsuit)']]);
    expect(await jargon('We may share it with third parties.')).toEqual([['third parties', 'third parties (a person or company other than you and us)']]);
    expect(await jargon('Updates, including but not limited to bug fixes, arrive by themselves.')).toEqual([['including but not limited to', 'including']]);
  });

  it('flags the contract formulas and security terms found missing on real terms of service (2026-12-08)', async () => {
    expect(await jargon('You represent that you are over 18.')).toEqual([['represent that', 'confirm that']]);
    expect(await jargon('We encrypt your personal information in transit and at rest.')).toEqual([
      ['encrypt', 'encrypt (scramble so only the right people can read it)'],
      // No gloss right after a noun it could be read as part of ("information in transit…").
      ['in transit and at rest', undefined],
    ]);
    expect(await jargon('Your data is safe in transit and at rest.')).toEqual([['in transit and at rest', 'in transit and at rest (while it travels over the internet and while it is stored)']]);
    expect((await jargon('Do not post material that may infringe the rights of others.')).map(([t]) => t)).toEqual(['infringe']);
    // "Infringing upon" etiquette is the everyday sense: going against it, no copyright.
    expect(await jargon('Refrain from infringing upon accepted etiquette.')).toEqual([]);
  });

  it('matches the plural of the head of an "X of Y" term, as of its last word', async () => {
    expect((await jargon('Keep copies of both powers of attorney.')).map(([t]) => t)).toEqual(['powers of attorney']);
    expect((await jargon('We publish our systems of records notices online.')).map(([t]) => t)).toEqual(['systems of records notices']);
  });

  it('keeps a comma from hanging after a swap, and brackets from nesting', async () => {
    expect(await jargon('We record some details, including but not limited to, your browser type.')).toEqual([
      ['including but not limited to', 'including but not limited to (the list that follows is not complete)'],
    ]);
    expect(await jargon('Part B (coverage for doctors and outpatient services) costs extra.')).toEqual([['outpatient services', undefined]]);
    expect(await jargon('Part B covers doctors and outpatient services.')).toEqual([['outpatient services', 'outpatient services (care where you go home the same day)']]);
  });
});

describe('jargon: a word inside a name, and a word in its everyday sense', () => {
  it('leaves a word of an agency’s name, and "exclusion of" warranties', async () => {
    expect(await flagged('Filings go to the U.S. Securities and Exchange Commission.', 'jargon')).toEqual([]);
    expect(await flagged('Some states do not allow the exclusion or limitation of damages.', 'jargon')).toEqual([]);
    expect(await flagged('Read each exclusion in your policy.', 'jargon')).toEqual(['exclusion']);
  });
});

describe('jargon: a glossary entry and a run-in label', () => {
  it('reads a label followed by its definition as a glossary entry', async () => {
    expect(await flagged('**Copayment** A fixed amount you pay for a visit.\n\nYour copayment is due at the desk.\n', 'jargon')).toEqual([]);
    expect(await flagged('**Premium** A premium is what you pay each month.\n', 'jargon')).toEqual([]);
    expect(await flagged('Your copayment is due at the desk.\n', 'jargon')).toEqual(['copayment']);
  });

  it('flags a term at its first use in a run-in label', async () => {
    expect(await flagged('Arbitration and Class Action Waiver: disputes go to arbitration.', 'jargon')).toEqual(['Arbitration', 'Class Action Waiver']);
  });

  it('leaves a word of a tax’s name', async () => {
    expect(await flagged('Prices include value-added tax.', 'jargon')).toEqual([]);
  });
});

describe('jargon: uses the matcher does not see, and the case of a gloss', () => {
  it('counts a possessive and a hyphenated modifier as uses of the term', async () => {
    expect(await flagged("Check a repository's README. Then fork the repository.", 'jargon')).toEqual([]);
    expect(await flagged('We ship third-party components. A third party may see it.', 'jargon')).toEqual([]);
    expect(await flagged('A third party may see it.', 'jargon')).toEqual(['third party']);
    // The tail of a hyphenated word is a use too.
    expect(await flagged('## Non-service-connected pension\n\nIf your disability is service-connected, you may qualify.\n', 'jargon')).toEqual([]);
    expect(await flagged('If your disability is service-connected, you may qualify.\n', 'jargon')).toEqual(['service-connected']);
  });

  it('keeps a short word in capitals from shouting its gloss, and a phrasal verb its "to"', async () => {
    const [captcha] = byRule(await audit('We use a CAPTCHA to stop bots.'), 'jargon');
    expect(captcha?.suggestion).toBe('CAPTCHA (a quick test that checks you are a person, not a program)');
    const [circle] = byRule(await audit('We will circle back to you about it.'), 'jargon');
    expect([circle?.text, circle?.suggestion]).toEqual(['circle back', undefined]);
    const [plain] = byRule(await audit('We will circle back next week.'), 'jargon');
    expect(plain?.suggestion).toBe('follow up');
    // Everyday wording is no buzzword.
    expect(await flagged('Please reach out if you need help.', 'jargon')).toEqual([]);
  });
});

describe('jargon: explained by examples or named in quotes; glosses that would misspeak', () => {
  it('reads "such as" examples and a quoted name as explaining the term', async () => {
    expect(await flagged('We share data with third parties, such as platform partners and your employer.', 'jargon')).toEqual([]);
    expect(await flagged('We remember you for a single visit (through a "session cookie") only.', 'jargon')).toEqual([]);
    expect(await flagged('We share data with third parties.', 'jargon')).toEqual(['third parties']);
  });

  it('offers no gloss inside quotes, nor one that speaks to "you" about someone else’s thing', async () => {
    const gloss = async (text: string) => byRule(await audit(text), 'jargon').map((f) => [f.text, f.suggestion]);
    expect(await gloss('Employees pay their coinsurance later.')).toEqual([['coinsurance', undefined]]);
    expect(await gloss('You pay your coinsurance later.')).toEqual([['coinsurance', 'coinsurance (the percentage of a bill you still pay after your deductible is met)']]);
    // What a plan member pays is glossed without "you", so the gloss reads right whoever pays.
    expect(await gloss('Employees pay their deductible first.')).toEqual([['deductible', 'deductible (the part of a bill paid before insurance starts paying)']]);
    expect(await gloss('Your employees or their dependents are covered.')).toEqual([['dependents', 'dependents (a child or other person who relies on someone for support)']]);
    expect(await gloss('It was marked "confidential" in the subrogation" notice.')).toEqual([['subrogation', undefined]]);
    expect(await flagged('Void where prohibited.', 'jargon')).toEqual([]);
  });
});

describe('jargon: a definition after an opening phrase; a noun term that opens with a verb', () => {
  it('reads "…, a deductible is the amount…" as the document explaining the term', async () => {
    expect(await flagged('Deductible\n\nIf you need medical care, a deductible is the amount you pay before the plan pays.', 'jargon')).toEqual([]);
    expect(await flagged('If you need medical care, your deductible applies before the plan pays.', 'jargon')).toEqual(['deductible']);
  });

  it('reads a bracket after a hyphenated modifier and its noun as a gloss, not one that qualifies it', async () => {
    expect(await flagged('You need a service-connected disability (a disability linked to your military service).', 'jargon')).toEqual([]);
    expect(await flagged('You were rated for a service-connected disability (even if only 0%).', 'jargon')).toEqual(['service-connected']);
  });

  it('leaves "premium rate" phone numbers, another sense of premium', async () => {
    expect(await flagged('Do not call premium rate (toll) phone numbers.', 'jargon')).toEqual([]);
  });

  it('judges a term where the prose uses it, not in the heading that names a section', async () => {
    expect(await flagged('## Limitation of liability\n\nWe pay at most $100 for any loss.\n', 'jargon')).toEqual([]);
    expect(await flagged('## Limitation of liability\n\nOur liability is at most $100.\n', 'jargon')).toEqual(['liability']);
  });

  it('takes a page whose title names the term as about it', async () => {
    const body = 'Open the authentication application on your phone and enter its code.\n';
    expect(await flagged(`# How to set up an authentication application\n\n${body}`, 'jargon')).toEqual([]);
    expect(await flagged(`# How to sign in\n\n${body}`, 'jargon')).toEqual(['authentication']);
    expect(await flagged(`---\ntitle: How to set up an authentication application\n---\n\n${body}`, 'jargon')).toEqual([]);
    // A file named for it, with no heading: a support macro's title is its file name.
    expect(await flagged(body, 'jargon', 'Authentication application.txt')).toEqual([]);
  });

  it('reads "this X" / "these X" as pointing back to what the page has described', async () => {
    expect(await flagged('VMLI pays off your home loan if you die. This mortgage protection insurance is free.', 'jargon')).toEqual([]);
    expect(await flagged('We may offer mortgage protection insurance later.', 'jargon')).toEqual(['mortgage protection insurance']);
    expect(await flagged('This waiver is free.', 'jargon')).toEqual(['waiver']);
  });

  it('offers no gloss that splits "open source software", and still glosses a verb phrase beside a noun', async () => {
    const gloss = async (text: string) => byRule(await audit(text), 'jargon').map((f) => [f.text, f.suggestion]);
    expect(await gloss('They include media sites, open source software communities, and more.')).toEqual([['open source', undefined]]);
    expect(await gloss('We publish the code as open source.')).toEqual([['open source', 'open source (software whose code anyone can see, use and change)']]);
    // A gerund used as a noun is part of the compound too: no gloss inside "phishing attacks".
    expect(await gloss('It protects you against hacking and phishing attacks.')).toEqual([['phishing', undefined]]);
    expect(await gloss('It protects you against phishing.')).toEqual([['phishing', 'phishing (fake emails or messages that try to trick you into giving away personal details)']]);
    expect(await gloss('Any limits set forth below apply to you and to everyone else in the household.')).toEqual([['set forth', 'set out']]);
  });

  it('glosses no term whose senses one gloss cannot cover, and gives a verb a gloss that takes its object', async () => {
    const [court] = byRule(await audit('Any dispute must be brought in a tribunal of competent jurisdiction.'), 'jargon');
    expect([court?.text, court?.suggestion]).toEqual(['jurisdiction', undefined]);
    expect(court?.message).toContain('the power of a court or government');
    const [rights] = byRule(await audit('Without prejudice to your statutory rights, you can ask for a refund.'), 'jargon');
    expect([rights?.text, rights?.suggestion]).toEqual(['Without prejudice to', 'Without affecting']);
    const [verb] = byRule(await audit('Do not send material that may infringe the rights of others.'), 'jargon');
    expect(verb?.suggestion).toBe("infringe (go against, as by using someone's work or brand without permission)");
  });
});

describe('persona-term: the sense a pack lists', () => {
  it('flags "premium" the noun for the persona who does not know it, not "a premium price"', async () => {
    const personaTerm = async (text: string) => byRule(await audit(text), 'persona-term').map((f) => f.text);
    expect(await personaTerm('You pay a premium price for better seats.')).toEqual([]);
    // The noun is flagged by the jargon pack for everyone, the persona rule folding into it (findings.ts).
    const [jargon] = byRule(await audit('Your premium is due on the first of the month.'), 'jargon');
    expect(jargon?.personas).toContain('first-time-consumer');
    // As the pack reads it: not in a heading, nor before a word that shows another sense.
    expect(await personaTerm('## Liability\n\nWe pay at most $100.\n')).toEqual([]);
    expect(await personaTerm('Do not call premium rate (toll) numbers.')).toEqual([]);
  });

  it('reads a word after a determiner and before punctuation as the noun ("as a premium, and what…")', async () => {
    expect(await flagged('You see what you pay each month as a premium, and what your costs are.', 'jargon')).toEqual(['premium']);
    expect(await flagged('You pay a premium price, and we thank you.', 'jargon')).toEqual([]);
  });
});
