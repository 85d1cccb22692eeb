/**
 * Issue 9, part 3 to 5: findings judged per document (jargon at first use, not where the document explains it),
 * terms matched in any inflection, names left alone, one finding per sentence, and suggestions that read right
 * (with a mark saying whether they may be applied unattended). Each pattern is pinned with the case that must
 * still be flagged beside the one that must not.
 */
import { describe, expect, it } from 'vitest';
import { audit, byRule } from './engine-helpers.ts';
import { RULES } from '../lib/engine/rules/registry.ts';
import { ledger } from '../lib/engine/scoring.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';

const texts = async (text: string, ruleId: string): Promise<string[]> => byRule(await audit(text), ruleId).map((f) => f.text);

describe('jargon: judged per document', () => {
  it('flags a term at its first use only', async () => {
    expect(await texts('Your deductible is due. Pay the deductible by Friday. The deductible is high.', 'jargon')).toEqual(['deductible']);
  });

  it('does not flag a term the document explains, wherever it explains it', async () => {
    for (const text of [
      'Your deductible (the amount you pay before we pay) is due.',
      'A deductible means the amount you pay first. Your deductible is $500.',
      'Your deductible, which is the amount you pay first, is $500.',
      'The deductible is the amount you pay first.',
      'Your plan has a deductible. A deductible is the amount you pay before the plan pays.',
      '# What is a deductible?\n\nIt is the amount you pay first. Your deductible is $500.',
      '# Glossary\n\nDeductible: the amount you pay before your plan starts to pay.\n\nYour deductible is $500.',
      'You pay the first $500 yourself, called a deductible.',
      'You could face a deductible — that is, an amount you pay first.',
      'Your deductible, in other words the amount you pay first, is $500.',
      '* Deductible Amount: the part of each claim you pay yourself.\n\nYour deductible is $500.',
      '* Geolocation Information: we collect the region you are in from your address.\n\nWe share geolocation data with partners.',
    ])
      expect(await texts(text, 'jargon'), text).toEqual([]);
  });

  it('does not take a label for a definition', async () => {
    expect(await texts('Coinsurance: 20%\n\nYou pay your share.', 'jargon')).toEqual(['Coinsurance']);
    expect(await texts('* Geolocation Data: 2%\n\nWe share geolocation data.', 'jargon')).toEqual(['geolocation']);
  });

  it('matches a term in its plural and verb forms, and a word with an everyday sense only in its jargon sense', async () => {
    expect(await texts('We charge no foreign transaction fees.', 'jargon')).toEqual(['foreign transaction fees']);
    expect(await texts('Interest accrued on your balance.', 'jargon')).toEqual(['accrued']);
    expect(await texts('The yield on this account is 2%.', 'jargon')).toEqual(['yield']);
    expect(await texts('These steps yield better results.', 'jargon')).toEqual([]);
  });

  it('covers the multiword terms frequency lists miss', async () => {
    const found = await texts('Pay by electronic funds transfer. A policy loan reduces the cash surrender value. You may get a cost-sharing reduction. We use an ad network.', 'jargon');
    expect(found).toEqual(expect.arrayContaining(['electronic funds transfer', 'policy loan', 'cost-sharing reduction', 'ad network']));
    const legal = byRule(await audit('The limits set forth below apply. You represent and warrant that you own it. Claims arising out of these terms go to court.'), 'jargon');
    expect(legal.map((f) => [f.text, f.suggestion])).toEqual([
      ['set forth', 'set out'],
      ['represent and warrant', 'promise'],
      ['arising out of', 'resulting from'],
    ]);
  });

  it('does not match a phrase across punctuation', async () => {
    expect(await texts('We process your data, subject to these terms.', 'jargon')).not.toContain('data, subject');
    expect(await texts('You have rights as a data subject.', 'jargon')).toEqual(['data subject']);
  });
});

describe('names are not wording', () => {
  it('leaves a word that is part of a capitalised name', async () => {
    expect(await texts('Call the Consumer Assistance Program for help.', 'plain-words')).toEqual([]);
    expect(await texts('Get tested for Sexually Transmitted Infections.', 'plain-words')).toEqual([]);
    expect(await texts('We will give you assistance.', 'plain-words')).toEqual(['assistance']);
  });

  it('still flags a term that is the whole name', async () => {
    expect(await texts('You may qualify for Housebound or Aid and Attendance benefits.', 'jargon')).toEqual(['Housebound', 'Aid and Attendance']);
  });
});

describe('uncommon-word: a word is as common as its lemma, its parts or its base', () => {
  it('leaves inflections, compounds and plain derivations of everyday words', async () => {
    for (const word of ['incomes', 'limiting', 'breastfeeding', 'unusable', 'holders', 'monthly'])
      expect(byRule(await audit(`We asked about ${word} today.`), 'uncommon-word').filter((f) => f.personas.includes('first-time-consumer')), word).toEqual([]);
  });

  it('still flags a rare word, unless the document explains it', async () => {
    expect(await texts('The clause is subject to abrogation.', 'uncommon-word')).toContain('abrogation');
    expect(await texts('The clause is subject to abrogation. Abrogation (cancelling a rule) is rare.', 'uncommon-word')).not.toContain('abrogation');
  });

  it('knows a persona term in any inflection', async () => {
    const f = byRule(await audit('Both logins failed.'), 'uncommon-word').filter((x) => x.text === 'logins');
    expect(f.every((x) => !x.personas.includes('first-time-consumer'))).toBe(true);
  });
});

describe('passive: modal passives', () => {
  it('flags "can be used" and "will be determined by"', async () => {
    expect(await texts('The software may solely be used for access.', 'passive')).toEqual(['be used']);
    expect(await texts('The amount will be determined by SSA.', 'passive')).toEqual(['be determined']);
  });
  it('leaves a state word with no agent', async () => {
    expect(await texts('We are determined to help.', 'passive')).toEqual([]);
  });
});

describe('acronym: names in capitals are not acronyms', () => {
  it('leaves Roman numerals, long names, a brand with its own web address and shouted phrases', async () => {
    expect(await texts('Class IIB devices need a permit.', 'acronym')).toEqual([]);
    expect(await texts('TRICARE covers you abroad.', 'acronym')).toEqual([]);
    expect(await texts('VA pays pensions. See [va.gov](https://www.va.gov).', 'acronym')).toEqual([]);
    expect(await texts('THE SERVICE IS PROVIDED AS IS.', 'acronym')).toEqual([]);
    expect(await texts('VA pays pensions.', 'acronym')).toEqual(['VA']);
  });
  it('offers no expansion that breaks the sentence: a plural, or after "a" or "an"', async () => {
    const plural = byRule(await audit('Ask the DMVs near you.'), 'acronym')[0];
    expect(plural?.suggestion).toBeUndefined();
    const article = byRule(await audit('Send us an SLA today.'), 'acronym')[0];
    expect(article?.suggestion).toBeUndefined();
    expect(byRule(await audit('Read our SLA today.'), 'acronym')[0]?.suggestion).toBe('service level agreement (SLA)');
  });
});

describe('one sentence-level finding per sentence', () => {
  const long =
    'Notwithstanding any contrary provisions, comprehensive organizational accountability considerations, which administrators communicate electronically, accompany every notification, and they apply whenever beneficiaries request documentation regarding eligibility determinations.';

  it('keeps the worst for each persona, with the others as its reasons', async () => {
    const unit = await audit(long);
    const sentenceLevel = unit.findings.filter((f) => RULES[f.ruleId]?.overlap === 'one-per-sentence');
    for (const p of BUILTIN_PERSONAS) expect(sentenceLevel.filter((f) => f.personas.includes(p.id)).length, p.id).toBe(1);
    const main = sentenceLevel.find((f) => f.ruleId === 'sentence-length');
    expect(main?.reasons?.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['sentence-grade']));
    expect(main?.message).toMatch(/Also: /);
  });

  it('costs each persona what each of its rules would have cost, and no more', async () => {
    const unit = await audit(long);
    const main = unit.findings.find((f) => f.ruleId === 'sentence-length')!;
    const consumer = BUILTIN_PERSONAS.find((p) => p.id === 'first-time-consumer')!;
    const alone = { ...main, reasons: [] };
    const { totals: withReasons } = ledger(consumer, [main], { stage: 'inform', words: 100, counted: true });
    const { totals: without } = ledger(consumer, [alone], { stage: 'inform', words: 100, counted: true });
    expect(withReasons.some((t, g) => t > (without[g] ?? 0))).toBe(true);
    const stranger = { ...main, reasons: main.reasons!.map((r) => ({ ...r, personas: [] })) };
    expect(ledger(consumer, [stranger], { stage: 'inform', words: 100, counted: true }).totals).toEqual(without);
  });
});

describe('suggestions say whether they are safe to apply', () => {
  it('marks a plain-word swap safe and a jargon gloss for review', async () => {
    const unit = await audit('Utilize the form. Your deductible is due.');
    expect(byRule(unit, 'plain-words')[0]).toMatchObject({ suggestion: 'Use', suggestionSafe: true });
    expect(byRule(unit, 'jargon')[0]).toMatchObject({ suggestionSafe: false });
    expect(byRule(unit, 'jargon')[0]?.suggestion).toMatch(/^deductible \(/);
  });

  it('marks a rewrite that needs a person’s choice for review, whatever its rule', async () => {
    const f = byRule(await audit('You shall pay the fee. We terminated the plan.'), 'plain-words');
    expect(f.map((x) => [x.text, x.suggestion, x.suggestionSafe])).toEqual([
      ['shall', 'must', false],
      ['terminated', 'ended', true],
    ]);
  });

  it('offers no jargon rewrite where the term modifies a noun or sits in a heading', async () => {
    expect(byRule(await audit('Find an in-network provider near you.'), 'jargon')[0]?.suggestion).toBeUndefined();
    expect(byRule(await audit('# Your deductible\n\nPay it first.'), 'jargon')[0]?.suggestion).toBeUndefined();
  });

  it('offers no suggestion that would drop a link inside the text it replaces', async () => {
    const linked = 'Before you start, read [our guide to the claims process](https://example.com/guide) carefully, and then you can send us the form with every page signed and dated by you today.';
    const f = byRule(await audit(linked), 'sentence-length')[0];
    expect(f).toBeDefined();
    expect(f?.suggestion).toBeUndefined();
  });

  it('every rule declares its suggestion and overlap policy in its one definition', () => {
    for (const [id, info] of Object.entries(RULES)) {
      expect(['none', 'safe', 'review'], id).toContain(info.suggestions);
      expect(['longest-wins', 'yields-to-longer', 'yields-to-word-lists', 'one-per-sentence', 'team-term', 'none'], id).toContain(info.overlap);
    }
  });
});
