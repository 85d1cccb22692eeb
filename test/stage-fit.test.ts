import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createEngine, type EngineOptions } from '../lib/engine/audit.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { RULES } from '../lib/engine/rules/registry.ts';
import { STAGE_FIT_RULES } from '../lib/engine/rules/stage-fit/index.ts';
import { fingerprints } from '../lib/ci/fingerprint.ts';
import { buildReport } from '../lib/report/build.ts';
import { renderText } from '../lib/report/render-text.ts';
import { renderHtml } from '../lib/report/render-html.ts';
import { renderAssetPage } from '../lib/report/pages/asset-page.ts';
import type { Finding, Persona, Stage, UnitReport } from '../lib/engine/types.ts';
import { parsePersona } from '../lib/engine/persona/schema.ts';
import { loadConfig } from '../lib/config/load.ts';
import { engineOptionsOf } from '../lib/config/engine-options.ts';

const personas = BUILTIN_PERSONAS;

/**
 * The stage-fit checks an editor could not sign often enough on real content are off by default (docs/stages.md);
 * these tests judge each check itself, so every one is on unless a test says otherwise.
 */
const EVERY_CHECK = Object.fromEntries(Object.entries(RULES).flatMap(([id, r]) => (r.category === 'stage-fit' ? [[id, 'on' as const]] : [])));

/** Audits a text declared to serve `stage` (by its folder, so nothing else decides it). */
async function audit(stage: Stage, text: string, options: Partial<EngineOptions> = {}): Promise<UnitReport> {
  const { units, skipped } = await createEngine({ personas, ...options, rules: { ...EVERY_CHECK, ...options.rules } }).auditAsset({ path: `content/stages/${stage}/page.md`, bytes: new TextEncoder().encode(text) });
  if (!units[0]) throw new Error(`not audited: ${JSON.stringify(skipped)}`);
  expect(units[0].stage.stage).toBe(stage);
  return units[0];
}

async function fitFindings(stage: Stage, text: string, options: Partial<EngineOptions> = {}): Promise<Finding[]> {
  return (await audit(stage, text, options)).findings.filter((f) => f.category === 'stage-fit');
}

const ids = (findings: readonly Finding[]): string[] => findings.map((f) => f.ruleId);

// Fixtures written for these tests: help articles, landing pages, sales scripts, support macros and thank-you notes
// of a made-up insurer, each once as it should be for its stage and once missing what the check looks for.
const INFORM = {
  good: `# Your premium goes up on 1 June

From 1 June 2027, your home insurance premium goes up by 4%. This page is for customers who pay monthly and explains what changes.

The new amount shows on your next statement. You do not need to do anything to keep your cover.

If you would rather pay once a year, you can switch in your account.
`,
  questionFirst: `# Refunds

Why does a refund take so long? Banks hold the money for a few days before it shows.

Refunds go back to the card used to pay. Most banks show the money within 5 working days.
`,
  noReader: `# Refunds

Refunds go back to the card used for the payment. Most banks show the money within 5 working days.

A refund for a bank transfer goes to the same account and can take up to 10 working days.
`,
  teaser: `# Confused about your bill?

Your bill shows what you pay each month for your home insurance, and why.

The first line is your premium. The second is any fee for paying monthly.
`,
  readerQuestion: `# How do I read my bill?

Your bill shows what you pay each month for your home insurance, and why.

The first line is your premium. The second is any fee for paying monthly.
`,
  exclaimed: `# Big news for savers!

Savers who hold a Harbor account get a higher rate from today.

The new rate is 4.1% a year, paid monthly.
`,
  buried: `# About your home insurance

Your home insurance covers your building and your belongings against fire, flood and theft. It is for customers of Harbor Mutual.

You can make a claim online or by phone at any time.

Claims are settled within 10 working days of the assessor's visit.

From 1 June 2027, the excess for flood claims will go up to $500.
`,
  welcome: `# Refunds for cancelled policies

Welcome to the Harbor help centre! We're so glad you're here.

Money goes back to the card used to pay within 5 working days of the cancellation.
`,
  undated: `# Paying for your home insurance

You can pay for your home insurance monthly or once a year. This page is for customers who pay by card or bank transfer.

Monthly payments come out on the day of the month your cover started.

A yearly payment is due on the day your cover renews.

We no longer accept payment by cheque.
`,
};

describe('inform checks', () => {
  it('pass a help article that says what it is, for whom, with the change first', async () => {
    expect(await fitFindings('inform', INFORM.good)).toEqual([]);
  });

  it('flag an opening that names no reader, on its first sentence, saying what to add (when turned on)', async () => {
    const on = { rules: { 'inform-opening': 'on' as const } };
    expect(RULES['inform-opening']?.defaultOn).toBe(false);
    expect(await fitFindings('inform', INFORM.noReader, { rules: { 'inform-opening': 'off' } })).toEqual([]);
    const [q] = await fitFindings('inform', INFORM.questionFirst, on);
    expect(q?.ruleId).toBe('inform-opening');
    expect(q?.text).toBe('Why does a refund take so long?');
    const [r] = await fitFindings('inform', INFORM.noReader, on);
    expect(r?.ruleId).toBe('inform-opening');
    expect(r?.message).toMatch(/does not say who this is for: name the reader/);
    // A reader named in a question ("Are you…?") or by what they do ("Savers who…") is named.
    expect(await fitFindings('inform', INFORM.noReader.replace('Refunds go back', 'Are you waiting for a refund? Refunds go back'), on)).toEqual([]);
    expect(await fitFindings('inform', INFORM.exclaimed.replace('# Big news for savers!', '# New savings rate'), on)).toEqual([]);
    expect(await fitFindings('inform', INFORM.good, on)).toEqual([]);
  });

  it('flag a teaser title or a question put to the reader, not a question in the reader’s voice', async () => {
    const teaser = await fitFindings('inform', INFORM.teaser);
    expect(ids(teaser)).toEqual(['inform-plain-heading']);
    expect(teaser[0]?.text).toBe('Confused about your bill?');
    expect(teaser[0]?.message).toMatch(/plain statement/);
    expect(ids(await fitFindings('inform', INFORM.exclaimed))).toEqual(['inform-plain-heading']);
    expect(await fitFindings('inform', INFORM.readerQuestion)).toEqual([]);
    // A title that greets may exclaim.
    expect(await fitFindings('inform', INFORM.exclaimed.replace('# Big news for savers!', '# Welcome to Harbor, Jordan!'))).toEqual([]);
  });

  it('flag a dated change below the opening, on that sentence', async () => {
    const [news] = await fitFindings('inform', INFORM.buried);
    expect(news?.ruleId).toBe('inform-news-first');
    expect(news?.text).toBe('From 1 June 2027, the excess for flood claims will go up to $500.');
    expect(news?.severity).toBe('info');
  });
});

const ENTICE = {
  good: `# Cover that works as hard as you do

You get cover for your tools, your van and your stock in one policy, so you save on three separate premiums.

Your first month is free, and you can cancel any time with no fees.

We settle most claims within 2 days, so you are back at work fast.
`,
  aboutUs: `# Why Harbor

We are a trusted insurer with a long history. Our team is proud of our service, and our claims process is best-in-class.

We offer round-the-clock support and we work with the best repairers in the country.

Our customers trust us.
`,
  shownClaim: `# Why Harbor

You get your money fast: our claims service is best-in-class, with 9 in 10 claims paid within 2 days.

You can reach a person any time, day or night.
`,
  fear: `# Cover for your van

You can insure your van, your tools and your stock in one policy.

Failure to pay on time means we suspend your cover.
`,
};

describe('inform: the opening says what this is', () => {
  const saysWhat = async (text: string) => ids(await fitFindings('inform', text)).filter((id) => id === 'inform-says-what');
  it('flags a greeting that opens the page with nothing of its title, on the greeting', async () => {
    const [f, ...rest] = await fitFindings('inform', INFORM.welcome);
    expect(rest).toEqual([]);
    expect(f?.ruleId).toBe('inform-says-what');
    expect(f?.text).toBe('Welcome to the Harbor help centre!');
    expect(f?.message).toMatch(/never say what it is about \(nothing of “Refunds for cancelled policies”\): open with one plain sentence/);
    // The writer's feelings, filler and page chrome open a page as emptily; a brand the title shares says nothing of what the page is.
    for (const opener of ["We're thrilled to share some updates with you. Our team has been busy.", 'Read on to find out everything you need to know.', 'Thanks for visiting Harbor. We hope you find what you are looking for.', 'We’re thrilled you’re here, and we can’t wait to help.']) {
      expect(await saysWhat(INFORM.welcome.replace("Welcome to the Harbor help centre! We're so glad you're here.", opener)), opener).toEqual(['inform-says-what']);
    }
    expect(await saysWhat("# Harbor refunds\n\nWelcome to Harbor! We're excited to have you with us.\n\nMoney goes back to the card you paid with.\n")).toEqual(['inform-says-what']);
  });

  it('passes an opening that says what, even after a greeting, and a page with no title or no greeting', async () => {
    // The greeting's paragraph goes on to say what the page is: a refund, by its lemma ("refunds" → "refund").
    expect(await saysWhat(INFORM.welcome.replace("We're so glad you're here.", 'This page explains how your refund is worked out when you cancel.'))).toEqual([]);
    expect(await saysWhat(INFORM.welcome.replace("Welcome to the Harbor help centre! We're so glad you're here.", 'Welcome to our guide to cancelling a policy.'))).toEqual([]);
    // "Welcome!" on its own, then an opening that says what.
    expect(await saysWhat(INFORM.welcome.replace("Welcome to the Harbor help centre! We're so glad you're here.", 'Welcome!\n\nWhen you cancel a policy, your refund goes back to your card.'))).toEqual([]);
    // "In this article…" says what it covers: no pleasantry.
    expect(await saysWhat(INFORM.welcome.replace("Welcome to the Harbor help centre! We're so glad you're here.", 'In this article we explain what happens to your money when you cancel.'))).toEqual([]);
    expect(await saysWhat(INFORM.welcome.replace('# Refunds for cancelled policies\n\n', ''))).toEqual([]);
    expect(await saysWhat(INFORM.noReader)).toEqual([]);
  });
});

describe('inform: undated news comes first', () => {
  it('flags change news with no date below the opening, on that sentence, as info', async () => {
    const found = await fitFindings('inform', INFORM.undated);
    expect(found.map((f) => [f.ruleId, f.text, f.severity])).toEqual([['inform-undated-news', 'We no longer accept payment by cheque.', 'info']]);
    expect(found[0]?.message).toMatch(/reads as news, but it comes after the opening/);
    const news = ["We've changed how refunds for cheque payments work.", 'We’ve changed how refunds for cheque payments work.', 'You can now pay by Apple Pay as well.', 'New: pay by Apple Pay in the app.', 'Payment by cheque is no longer available.'];
    for (const line of news) expect(ids(await fitFindings('inform', INFORM.undated.replace('We no longer accept payment by cheque.', line))), line).toEqual(['inform-undated-news']);
  });

  it('passes news said first, dated news (inform-news-first’s), and "no longer" or "now" that announce nothing', async () => {
    expect(await fitFindings('inform', INFORM.undated.replace('You can pay for your home insurance monthly or once a year.', 'We no longer accept cheques: you can pay monthly or once a year by card.'))).toEqual([]);
    const quiet = [
      'Since 2019 we no longer accept payment by cheque.',
      'If we have changed your payment day, we write to you first.',
      'A card that is no longer valid is declined.',
      'In case your card is no longer valid, we try your bank account.',
      'Open the app and tap Payments. Your new payment day is now set.',
      'You are now ready to make your first payment.',
      'We will change the way you pay from time to time.',
    ];
    for (const line of quiet) expect(await fitFindings('inform', INFORM.undated.replace('We no longer accept payment by cheque.', line)), line).toEqual([]);
    // An FAQ's answer, and a list's item.
    expect(await fitFindings('inform', INFORM.undated.replace('We no longer accept payment by cheque.', '## Can I still pay by cheque?\n\nNo: we no longer accept cheques.'))).toEqual([]);
    expect(await fitFindings('inform', INFORM.undated.replace('We no longer accept payment by cheque.', '- We no longer accept cheques.\n- You can pay by card.'))).toEqual([]);
  });
});

describe('entice checks', () => {
  it('pass a pitch told in the reader’s terms with outcomes they can check', async () => {
    expect(await fitFindings('entice', ENTICE.good)).toEqual([]);
    expect(await fitFindings('entice', ENTICE.shownClaim)).toEqual([]);
  });

  it('flag a pitch about the writer, and a claim with nothing to show for it', async () => {
    const found = await fitFindings('entice', ENTICE.aboutUs);
    expect(ids(found).sort()).toEqual(['entice-empty-claim', 'entice-reader-terms']);
    const terms = found.find((f) => f.ruleId === 'entice-reader-terms');
    expect(terms?.message).toMatch(/"we\/our\/us" \d+ times and "you\/your" 0/);
    expect(found.find((f) => f.ruleId === 'entice-empty-claim')?.text).toBe('Our team is proud of our service, and our claims process is best-in-class.');
  });

  it('flag fear without a way forward harder in an entice unit (with the fear rule on)', async () => {
    const rules = { fear: 'on' } as const;
    const enticing = (await audit('entice', ENTICE.fear, { rules })).findings.find((f) => f.ruleId === 'fear');
    const informing = (await audit('inform', ENTICE.fear, { rules })).findings.find((f) => f.ruleId === 'fear');
    expect(enticing?.severity).toBe('error');
    expect(enticing?.message).toMatch(/win the reader over/);
    expect(informing?.severity).toBe('warning');
  });
});

const ACTIVATE = {
  good: `# Get your business quote

Start your quote at [harbormutual.com/quote](https://harbormutual.com/quote): it takes five minutes.

Your price is held for 30 days, and cover starts the day you pay.

Or call us at 800-555-0100 if you would rather talk.
`,
  none: `# Business cover from Harbor

Harbor covers tools, vans and stock for small businesses. Prices start at $30 a month.

Most customers get their policy documents the same day.
`,
  lateOnly: `# Business cover from Harbor

Harbor covers tools, vans and stock for small businesses.

Prices start at $30 a month, and you pay nothing extra to pay monthly.

Most customers get their policy documents the same day.

Cover includes legal expenses up to $50,000.

Your van is covered for any driver you name.

Tools left in a locked van overnight are covered too.

Start your quote at [harbormutual.com/quote](https://harbormutual.com/quote).
`,
  topOnly: `# Business cover from Harbor

Start your quote at [harbormutual.com/quote](https://harbormutual.com/quote).

Harbor covers tools, vans and stock for small businesses.

Prices start at $30 a month, and you pay nothing extra to pay monthly.

Most customers get their policy documents the same day.

Cover includes legal expenses up to $50,000.

Your van is covered for any driver you name.

Tools left in a locked van overnight are covered too.
`,
  competing: `# Fleet cover

Start your quote today at [harbormutual.com/quote](https://harbormutual.com/quote).

Fleet cover protects every van you run under one policy.

Book a demo of our fleet tracker at [harbormutual.com/demo](https://harbormutual.com/demo).
`,
  sameStep: `# Fleet cover

Start your quote today at [harbormutual.com/quote](https://harbormutual.com/quote).

Fleet cover protects every van you run under one policy.

Get your quote in five minutes at [harbormutual.com/quote](https://harbormutual.com/quote), or call us at 800-555-0100.
`,
  steps: `# Renew your van cover

Renew in the app before 1 June to keep your price.

First, open the Harbor app. Then tap Policies and choose your van. Next, check your details. Finally, confirm your payment.

Renew your cover today in the Harbor app.
`,
  numbered: `# Renew your van cover

Renew in the app before 1 June to keep your price.

1. Open the Harbor app.
2. Tap Policies and choose your van.
3. Check your details.
4. Confirm your payment.

Renew your cover today in the Harbor app.
`,
};

describe('activate checks', () => {
  it('pass a landing page with one next step at the top and the end (a phone number is no competitor)', async () => {
    expect(await fitFindings('activate', ACTIVATE.good)).toEqual([]);
    expect(await fitFindings('activate', ACTIVATE.sameStep)).toEqual([]);
  });

  it('flag a page with no next step at its title, saying what to add', async () => {
    const [f] = await fitFindings('activate', ACTIVATE.none);
    expect(f?.ruleId).toBe('activate-next-step');
    expect(f?.text).toBe('Business cover from Harbor');
    expect(f?.message).toMatch(/No clear next step: add one instruction/);
  });

  it('flag a next step only at the end (at the top) or only at the top (at the end)', async () => {
    const late = await fitFindings('activate', ACTIVATE.lateOnly);
    expect(late.map((f) => [f.ruleId, f.text])).toEqual([['activate-next-step', 'Business cover from Harbor']]);
    expect(late[0]?.message).toMatch(/comes only further down/);
    const early = await fitFindings('activate', ACTIVATE.topOnly);
    expect(early.map((f) => [f.ruleId, f.text])).toEqual([['activate-next-step', 'Tools left in a locked van overnight are covered too.']]);
    expect(early[0]?.message).toMatch(/repeat “Start your quote at harbormutual.com\/quote.” at the end/);
  });

  it('flag a second call to action that asks for something else', async () => {
    const found = await fitFindings('activate', ACTIVATE.competing);
    expect(ids(found)).toEqual(['activate-competing']);
    expect(found[0]?.text).toBe('Book a demo of our fleet tracker at [harbormutual.com/demo](https://harbormutual.com/demo).');
  });

  it('flag steps run together in a paragraph, not the same steps numbered', async () => {
    const found = await fitFindings('activate', ACTIVATE.steps);
    expect(ids(found)).toEqual(['activate-numbered-steps']);
    expect(found[0]?.text).toBe('First, open the Harbor app.');
    expect(await fitFindings('activate', ACTIVATE.numbered)).toEqual([]);
  });
});

const RECIPROCATE = {
  good: `Hi Jordan,

Thanks for telling us about the delay with your claim. I've looked into it and the assessor's report reached us this morning.

Does the repair date of 14 May still work for you? If not, just reply to this email with a day that suits you and I'll rearrange it.

We answer every email within one working day.
`,
  closed: `Hi Sam,

Your claim for the broken window has been approved. The payment of $240 will reach your account on Friday.

The Harbor claims team
`,
  noTime: `Hi Sam,

Your claim for the broken window has been approved. The payment of $240 will reach your account on Friday.

Is there anything else you need for the repair? Just reply to this email.
`,
  deadEnd: `Hi Sam,

Your claim for the broken window has been approved, and the payment of $240 is on its way.

This is an automated message. Please do not reply to this email.
`,
  deadEndWithWayOut: `Hi Sam,

Your claim for the broken window has been approved, and the payment of $240 is on its way. Does that match what you expected?

Please do not reply to this email: write to help@harbor.example instead, and we answer within one working day.
`,
};

describe('reciprocate checks', () => {
  it('pass a reply that asks back, offers a channel and says when it answers', async () => {
    expect(await fitFindings('reciprocate', RECIPROCATE.good)).toEqual([]);
    expect(await fitFindings('reciprocate', RECIPROCATE.deadEndWithWayOut)).toEqual([]);
  });

  it('flag a reply with no way back and no question, at its end', async () => {
    const found = await fitFindings('reciprocate', RECIPROCATE.closed);
    expect(ids(found).sort()).toEqual(['reciprocate-invitation', 'reciprocate-open-channel']);
    expect(found.find((f) => f.ruleId === 'reciprocate-open-channel')?.severity).toBe('warning');
    expect(found.every((f) => f.text === 'The Harbor claims team')).toBe(true);
  });

  it('flag a channel with no word on when the reader hears back, as info', async () => {
    const found = await fitFindings('reciprocate', RECIPROCATE.noTime);
    expect(found.map((f) => [f.ruleId, f.severity])).toEqual([['reciprocate-open-channel', 'info']]);
    expect(found[0]?.message).toMatch(/not when they will hear back/);
  });

  it('flag "do not reply" with nowhere else to go as an error, on that sentence', async () => {
    const dead = (await fitFindings('reciprocate', RECIPROCATE.deadEnd)).find((f) => f.ruleId === 'reciprocate-dead-end');
    expect(dead?.severity).toBe('error');
    expect(dead?.text).toBe('Please do not reply to this email.');
  });
});

const ADVOCATE = {
  good: `# Thanks for a year with Harbor

It has been a year since you joined us, and we hope your cover has been there when you needed it. With Harbor you get claims paid within 2 days, and no fees for paying monthly.

If a friend needs business cover, refer a friend with your link, [harbor.example/refer](https://harbor.example/refer), and you both get $25 off.
`,
  noAsk: `# Thanks for a year with Harbor

It has been a year since you joined us, and we hope your cover has been there when you needed it. With Harbor you get claims paid within 2 days, and no fees for paying monthly.

See you next year.
`,
  noLink: `# Thanks for a year with Harbor

It has been a year since you joined us, and we hope your cover has been there when you needed it. With Harbor you get claims paid within 2 days, and no fees for paying monthly.

If you are happy with us, leave us a review.
`,
  pushy: `# Thanks for a year with Harbor

It has been a year since you joined us, and we hope your cover has been there when you needed it. With Harbor you get claims paid within 2 days, and no fees for paying monthly.

Hurry: refer a friend at [harbor.example/refer](https://harbor.example/refer) before the offer ends today!
`,
  noClaim: `# Thanks for a year with Harbor

It has been a year since you joined us, and we hope your cover has been there when you needed it.

Know someone who runs a business? Refer a friend at [harbor.example/refer](https://harbor.example/refer).
`,
};

describe('advocate checks', () => {
  it('pass a warm thank-you with an easy referral', async () => {
    expect(await fitFindings('advocate', ADVOCATE.good)).toEqual([]);
  });

  it('flag no way to refer or review (warning), or an ask with no link (info)', async () => {
    expect((await fitFindings('advocate', ADVOCATE.noAsk)).map((f) => [f.ruleId, f.severity])).toEqual([['advocate-referral', 'warning']]);
    const noLink = await fitFindings('advocate', ADVOCATE.noLink);
    expect(noLink.map((f) => [f.ruleId, f.severity, f.text])).toEqual([['advocate-referral', 'info', 'If you are happy with us, leave us a review.']]);
  });

  it('flag no plain claim a reader could pass on (info), at the title', async () => {
    const found = await fitFindings('advocate', ADVOCATE.noClaim);
    expect(found.map((f) => [f.ruleId, f.severity, f.text])).toEqual([['advocate-plain-claim', 'info', 'Thanks for a year with Harbor']]);
    expect(found[0]?.message).toMatch(/Nothing here is a plain claim a reader could pass on: add one short sentence in everyday words that says what they get/);
    // Claims a reader would not repeat: in the writer's terms, in long words, empty praise, or too long to remember.
    const said = 'Know someone who runs a business?';
    for (const claim of [
      'We pay claims within 2 days, with no fees for paying monthly.',
      'You get comprehensive indemnification for your business premises.',
      'You get best-in-class service from our team.',
      'With Harbor you get claims paid within 2 days of the assessor visiting the property, and no fees for paying monthly by card or bank transfer.',
      'We hope you have enjoyed your first year.',
    ]) {
      expect(ids(await fitFindings('advocate', ADVOCATE.noClaim.replace(said, `${claim} ${said}`))), claim).toEqual(['advocate-plain-claim']);
    }
  });

  it('pass a short claim in the reader’s words, in the title or the text', async () => {
    expect(await fitFindings('advocate', ADVOCATE.good)).toEqual([]);
    expect(await fitFindings('advocate', ADVOCATE.noClaim.replace('# Thanks for a year with Harbor', '# You and a friend both get $25 off'))).toEqual([]);
    expect(await fitFindings('advocate', ADVOCATE.noClaim.replace('Know someone', 'Your claims are paid fast: most within 2 days. Know someone'))).toEqual([]);
  });

  it('flag pressure in an ask to recommend', async () => {
    const found = await fitFindings('advocate', ADVOCATE.pushy);
    expect(ids(found)).toEqual(['advocate-pressure']);
    expect(found[0]?.message).toMatch(/"hurry" pushes/);
  });
});

describe('stage-fit rules', () => {
  it('each is one registry entry naming its stage, in the stage-fit category', () => {
    for (const rule of STAGE_FIT_RULES) {
      expect(RULES[rule.id]?.category, rule.id).toBe('stage-fit');
      expect(RULES[rule.id]?.stage, rule.id).toBe(rule.id.split('-')[0]);
    }
    expect(Object.values(RULES).filter((r) => r.category === 'stage-fit')).toHaveLength(STAGE_FIT_RULES.length);
  });

  it('run only on units of their own stage', async () => {
    // Missing everything an activate, reciprocate or advocate text needs, but an inform page that does its job.
    for (const stage of ['activate', 'reciprocate', 'advocate'] as const) expect(ids(await fitFindings(stage, INFORM.good)).every((id) => id.startsWith(stage)), stage).toBe(true);
    expect(await fitFindings('inform', INFORM.good)).toEqual([]);
    expect(await fitFindings('inform', ACTIVATE.none)).toEqual([]);
  });

  it('give the unit its fit: pass, or the count and rules of its findings', async () => {
    expect((await audit('inform', INFORM.good)).stage.fit).toEqual({ pass: true, findings: 0, rules: [] });
    expect((await audit('reciprocate', RECIPROCATE.closed)).stage.fit).toEqual({ pass: false, findings: 2, rules: ['reciprocate-invitation', 'reciprocate-open-channel'] });
  });

  it('keep a finding on the whole unit the same finding for a baseline when text is added at the end', async () => {
    const before = await audit('reciprocate', RECIPROCATE.closed);
    const after = await audit('reciprocate', `${RECIPROCATE.closed}\nPS: your policy number is HM-2231.\n`);
    const prints = (u: UnitReport) => [...fingerprints(u)].filter(([f]) => f.category === 'stage-fit').map(([, p]) => p);
    expect(after.findings.find((f) => f.ruleId === 'reciprocate-open-channel')?.text).not.toBe(before.findings.find((f) => f.ruleId === 'reciprocate-open-channel')?.text);
    expect(prints(after)).toEqual(prints(before));
    expect(prints(before)).toHaveLength(2);
  });

  it('can be turned off like any rule, and a disable comment silences one', async () => {
    expect(await fitFindings('activate', ACTIVATE.none, { rules: { 'activate-next-step': 'off' } })).toEqual([]);
    expect(await fitFindings('activate', `<!-- clarity-disable activate-next-step -->\n${ACTIVATE.none}`)).toEqual([]);
  });
});

describe('stage fit in the reports', () => {
  it('names the stage and its fit in the text report', async () => {
    const text = renderText(buildReport(personas, [await audit('reciprocate', RECIPROCATE.closed), await audit('inform', INFORM.good)], []));
    expect(text).toContain('\n  Stage: reciprocate (declared by its folder) — the folder stages/reciprocate/\n  Stage fit: falls short of reciprocate (2 findings: reciprocate-invitation, reciprocate-open-channel)\n');
    expect(text).toContain('\n  Stage fit: does the job of inform\n');
  });

  it('shows on the asset page the stage, how it was decided, the fit, its findings and the stage-fit score part, escaped', async () => {
    // A title with markup in it: the stage-fit finding quotes it, and the page must escape it.
    const unit = await audit('activate', ACTIVATE.none.replace('# Business cover from Harbor', '# Business cover <b>from</b> Harbor & co'), { includeSource: true });
    const html = renderAssetPage(buildReport(personas, [unit], []));
    expect(html).toContain('<strong>Stage: activate</strong> <span class="muted">(declared by its folder)</span>');
    expect(html).toContain('<summary>How it was decided</summary><ul><li>the folder stages/activate/</li></ul>');
    expect(html).toContain('<p class="fit-fail">Stage fit: falls short of activate (1 finding: activate-next-step)</p>');
    const gap = unit.findings.findIndex((f) => f.ruleId === 'activate-next-step');
    expect(html).toMatch(new RegExp(`<ul class="gaps"><li><a href="#u0-m${gap}">1:3</a> <code>activate-next-step</code> No clear next step`));
    expect(html).toMatch(/<strong>Stage fit \(activate\)<\/strong> — Falls short of its stage \(activate\)/);
    expect(html).not.toContain('<b>from</b>');
    expect(html).toContain('&lt;b&gt;from&lt;/b&gt; Harbor &amp; co');
  });

  it('gives the portfolio a stage filter with the stages present, and each row its stage and fit', async () => {
    const units = [await audit('reciprocate', RECIPROCATE.closed), await audit('inform', INFORM.good)];
    const html = renderHtml(buildReport(personas, units, []));
    expect(html).toContain('<select id="f-stage"><option value="">All</option><option value="inform">inform</option><option value="reciprocate">reciprocate</option></select>');
    expect(html).toContain('<option value="fail">Fails its stage</option>');
    expect(html).toContain('<input id="f-group" type="checkbox"> Group by stage');
    const data = JSON.parse(/<script type="application\/json" id="data">(.*?)<\/script>/s.exec(html)![1]!) as { rows: { stage: string; fits: boolean }[] };
    expect(data.rows.map((r) => [r.stage, r.fits]).sort()).toEqual([['inform', true], ['reciprocate', false]]);
  });
});

describe('the stage-fit part of the score', () => {
  const consumer = BUILTIN_PERSONAS.find((p) => p.id === 'first-time-consumer')!;
  const admin = BUILTIN_PERSONAS.find((p) => p.id === 'technical-admin')!;
  const partOf = (unit: UnitReport, persona: Persona) => unit.scores.find((s) => s.personaId === persona.id)!;

  it('is explained like a goal, and serves in control and assured by default', async () => {
    const good = partOf(await audit('activate', ACTIVATE.good), consumer);
    expect(good.stageFit).toMatchObject({ stage: 'activate', counted: true, score: 100, goals: ['assured', 'in-control'], contributors: [] });
    expect(good.stageFit.reason).toBe('Does the job of its stage (activate): no stage-fit check found anything missing. It counts towards assured and in control.');
    const unit = await audit('activate', ACTIVATE.none);
    const bad = partOf(unit, consumer);
    expect(bad.stageFit.score).toBeLessThan(90);
    expect(bad.stageFit.reason).toMatch(/^Falls short of its stage \(activate\) \(weighted 1.5 for this reader\): no clear next step near the top and at the end\./);
    expect(bad.stageFit.contributors.map((c) => c.findingId)).toEqual(unit.findings.filter((f) => f.category === 'stage-fit').map((f) => f.id));
    // Its findings cost the goals it serves, and only those.
    const goal = (id: string) => bad.goals.find((g) => g.goalId === id)!;
    expect(goal('in-control').contributors.some((c) => c.findingId.startsWith('activate-next-step@'))).toBe(true);
    expect(goal('respected').contributors.some((c) => c.findingId.startsWith('activate-next-step@'))).toBe(false);
  });

  it('weights a stage per persona: a first-time consumer needs a next step more than an administrator', async () => {
    const unit = await audit('activate', ACTIVATE.none);
    expect(consumer.stageWeights?.activate).toBeGreaterThan(admin.stageWeights?.activate ?? 1);
    expect(partOf(unit, consumer).stageFit.score).toBeLessThan(partOf(unit, admin).stageFit.score);
    // Without the stage weight, the same finding costs the same part.
    const flat = { ...consumer, id: 'flat', stageWeights: {} };
    const [units] = [await createEngine({ personas: [consumer, flat], rules: EVERY_CHECK }).auditAsset({ path: 'content/stages/activate/page.md', bytes: new TextEncoder().encode(ACTIVATE.none) })];
    const [u] = units.units;
    expect(partOf(u!, flat).stageFit.weight).toBe(1);
    expect(partOf(u!, flat).stageFit.score).toBeGreaterThan(partOf(u!, consumer).stageFit.score);
    expect(partOf(u!, flat).overall).toBeGreaterThan(partOf(u!, consumer).overall);
  });

  it('costs the goals a custom persona says it serves, and nothing for a persona that weights the stage 0', async () => {
    const custom: Persona = { ...consumer, id: 'custom', goals: consumer.goals.map((g) => ({ ...g, categoryWeights: { ...g.categoryWeights, 'stage-fit': g.id === 'respected' ? 2 : 0 } })) };
    const careless: Persona = { ...consumer, id: 'careless', stageWeights: { activate: 0 } };
    const { units } = await createEngine({ personas: [custom, careless], rules: EVERY_CHECK }).auditAsset({ path: 'content/stages/activate/page.md', bytes: new TextEncoder().encode(ACTIVATE.none) });
    const unit = units[0]!;
    expect(partOf(unit, custom).stageFit.goals).toEqual(['respected']);
    expect(partOf(unit, custom).goals.find((g) => g.goalId === 'respected')!.contributors.some((c) => c.findingId.startsWith('activate-next-step@'))).toBe(true);
    expect(partOf(unit, custom).goals.find((g) => g.goalId === 'in-control')!.contributors.some((c) => c.findingId.startsWith('activate-next-step@'))).toBe(false);
    expect(unit.findings.find((f) => f.ruleId === 'activate-next-step')?.personas).toEqual(['custom']);
    expect(partOf(unit, careless).stageFit.score).toBe(100);
  });

  it('costs as much in a long text as in a short one: it judges the whole text', async () => {
    const long = `${ACTIVATE.none}\n${'Harbor covers tools, vans and stock for small businesses across the country. '.repeat(30)}\n`;
    const [short, longer] = [await audit('activate', ACTIVATE.none), await audit('activate', long)];
    const cost = (u: UnitReport) => partOf(u, consumer).goals.find((g) => g.goalId === 'in-control')!.contributors.find((c) => c.findingId.startsWith('activate-next-step@'))?.points;
    // Charged per 100 words like a passage's finding, it would cost the 400-word text a quarter of what it costs the short one.
    expect(cost(longer)! / cost(short)!).toBeGreaterThan(0.9);
  });

  it('costs no goal when the stage was only inferred: shown, and said so, but the score does not fall for a guess', async () => {
    const path = 'content/messages/claim.md';
    const engine = (rules = {}) => createEngine({ personas, rules: { ...EVERY_CHECK, ...rules } });
    const [inferred] = (await engine().auditAsset({ path, bytes: new TextEncoder().encode(RECIPROCATE.closed) })).units;
    expect(inferred!.stage).toMatchObject({ stage: 'reciprocate', source: 'inferred' });
    expect(inferred!.stage.fit.pass).toBe(false);
    const part = partOf(inferred!, consumer).stageFit;
    expect(part.counted).toBe(false);
    expect(part.score).toBeLessThan(100);
    expect(part.reason).toMatch(/inferred from the text, so it counts towards no goal: declare the stage to count it\.$/);
    const off = Object.fromEntries(STAGE_FIT_RULES.map((r) => [r.id, 'off' as const]));
    const [without] = (await engine(off).auditAsset({ path, bytes: new TextEncoder().encode(RECIPROCATE.closed) })).units;
    expect(partOf(inferred!, consumer).overall).toBe(partOf(without!, consumer).overall);
    // Declared, the same gaps cost.
    expect(partOf(await audit('reciprocate', RECIPROCATE.closed), consumer).overall).toBeLessThan(partOf(without!, consumer).overall);
  });

  it('is validated in persona data: stage weights are optional, per stage, 0 to 5', () => {
    const base = { ...consumer };
    expect(parsePersona({ ...base, stageWeights: { activate: 2 } }, 'p.json').ok).toBe(true);
    const { stageWeights: _w, ...without } = base;
    expect(parsePersona(without, 'p.json').ok).toBe(true);
    const wrongStage = parsePersona({ ...base, stageWeights: { nurture: 2 } }, 'p.json');
    expect(wrongStage.ok).toBe(false);
    expect(!wrongStage.ok && wrongStage.error.message).toMatch(/stageWeights/);
    expect(parsePersona({ ...base, stageWeights: { activate: -1 } }, 'p.json').ok).toBe(false);
  });
});

describe('defaults', () => {
  it('leave off the checks an editor could not sign on real content, each saying why, and run the rest', async () => {
    const off = ['inform-opening', 'inform-says-what', 'inform-undated-news', 'activate-next-step', 'reciprocate-open-channel', 'reciprocate-invitation'];
    for (const id of off) expect(RULES[id]?.offBecause, id).toMatch(/real/);
    const stageFit = Object.entries(RULES).filter(([, r]) => r.category === 'stage-fit');
    expect(stageFit.filter(([, r]) => !r.defaultOn).map(([id]) => id).sort()).toEqual([...off].sort());
    // A bare support reply: with the defaults it draws none of the off checks; with them on it draws both of its stage's.
    const reply = 'Hi Sam,\n\nYour refund of $40 went back to your card today.\n';
    const byDefault = await createEngine({ personas }).auditAsset({ path: 'content/stages/reciprocate/reply.md', bytes: new TextEncoder().encode(reply) });
    expect(ids(byDefault.units[0]?.findings.filter((f) => f.category === 'stage-fit') ?? [])).toEqual([]);
    expect(ids(await fitFindings('reciprocate', reply)).sort()).toEqual(['reciprocate-invitation', 'reciprocate-open-channel']);
  });
});

describe('the built-in examples', () => {
  it('each show a stage and stage-fit findings, with the checks their config turns on', async () => {
    const loaded = loadConfig('.', 'examples/clarity.config.json');
    if (!loaded.ok) throw new Error(loaded.error.message);
    const engine = createEngine(engineOptionsOf(loaded.value, personas));
    const files = readdirSync('examples').filter((f) => !f.startsWith('.') && f !== 'clarity.config.json');
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const { units } = await engine.auditAsset({ path: `examples/${file}`, bytes: readFileSync(`examples/${file}`) });
      expect(units.length, file).toBeGreaterThan(0);
      for (const u of units) expect(u.stage.cues.length, file).toBeGreaterThan(0);
      expect(units.some((u) => u.findings.some((f) => f.category === 'stage-fit') && !u.stage.fit.pass), file).toBe(true);
    }
  });
});

describe('on hostile content', () => {
  it('stay linear: a paragraph of 3,000 linked instructions, and an 80 KB run of letters, under every stage', async () => {
    const steps = `# Steps\n\n${'Then open [the app](https://harbor.example/app) and tap Renew. '.repeat(3000)}\n`;
    const run = `${'a'.repeat(80_000)}s who\n\n${'Refunds go back to the card used to pay. '.repeat(200)}\n`;
    for (const stage of ['inform', 'entice', 'activate', 'reciprocate', 'advocate'] as const) {
      for (const text of [steps, run]) expect((await audit(stage, text)).stage.stage).toBe(stage);
    }
  }, 60_000);
});
