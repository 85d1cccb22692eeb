import { describe, expect, it } from 'vitest';
import { createEngine } from '../lib/engine/audit.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { frequencyRank } from '../lib/engine/rules/frequency.ts';
import { audit, byRule } from './engine-helpers.ts';

const ALL = BUILTIN_PERSONAS.map((p) => p.id);

describe('plain words', () => {
  it('flags wordy phrasing with a case-matched swap', async () => {
    const u = await audit('Utilize the form. We will call you in the event that it fails.');
    const f = byRule(u, 'plain-words');
    expect(f.map((x) => [x.text, x.suggestion])).toEqual([
      ['Utilize', 'Use'],
      ['in the event that', 'if'],
    ]);
  });
  it('leaves plain wording alone', async () => {
    expect(byRule(await audit('Use the form. We will call you if it fails.'), 'plain-words')).toEqual([]);
  });
});

describe('nominalisations', () => {
  it('turns hidden verbs back into verbs', async () => {
    const f = byRule(await audit('Please make a decision by Friday.'), 'nominalisation');
    expect(f.map((x) => [x.text, x.suggestion])).toEqual([['make a decision', 'decide']]);
  });
  it('does not flag the verb itself', async () => {
    expect(byRule(await audit('Please decide by Friday.'), 'nominalisation')).toEqual([]);
  });
});

describe('domain jargon', () => {
  it('explains insurance jargon to every persona that does not know the pack', async () => {
    const [f] = byRule(await audit('Your deductible is due.'), 'jargon');
    expect(f?.text).toBe('deductible');
    expect(f?.suggestion).toMatch(/deductible|pay/);
    expect(f?.personas).toEqual(ALL);
  });
  it('does not call IT words jargon for the technical administrator', async () => {
    const f = byRule(await audit('The latency of the firmware update is low.'), 'jargon');
    expect(f.length).toBeGreaterThan(0);
    for (const x of f) expect(x.personas).not.toContain('technical-admin');
  });
  it('prefers the longer phrase across word lists', async () => {
    const u = await audit('Claims in excess of the limit are paid later.');
    expect(byRule(u, 'plain-words').map((f) => f.text)).toEqual(['in excess of']);
    expect(u.findings.filter((f) => f.text === 'excess')).toEqual([]);
  });
});

describe('persona terms', () => {
  it('flags a term only for the persona that does not know it', async () => {
    const personas = BUILTIN_PERSONAS.map((p) => (p.id === 'first-time-consumer' ? { ...p, unfamiliarTerms: [...p.unfamiliarTerms, 'escrow agent'] } : p));
    const e = createEngine({ personas });
    const f = byRule(await audit('The escrow agent will write to you.', 'a.md', e), 'persona-term');
    expect(f.map((x) => [x.text, x.personas])).toEqual([['escrow agent', ['first-time-consumer']]]);
  });
});

describe('overlapping word lists', () => {
  it('lets a longer phrase win only for the personas it applies to', async () => {
    const personas = BUILTIN_PERSONAS.map((p) => (p.id === 'small-business-owner' ? { ...p, unfamiliarTerms: [...p.unfamiliarTerms, 'liability insurance'] } : p));
    const u = await audit('Buy liability insurance today.', 'a.md', createEngine({ personas }));
    expect(byRule(u, 'persona-term').map((f) => [f.text, f.personas])).toEqual([['liability insurance', ['small-business-owner']]]);
    // The others do not know the legal pack either: for them "liability" is still legal jargon.
    expect(byRule(u, 'jargon').map((f) => [f.text, f.personas])).toEqual([['liability', ['first-time-consumer', 'technical-admin']]]);
  });
});

describe('acronyms', () => {
  it('flags an undefined acronym once, at first use, with the spelled-out form', async () => {
    const f = byRule(await audit('Read the SLA. The SLA says when we reply.'), 'acronym');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ text: 'SLA', column: 10, suggestion: 'service level agreement (SLA)' });
  });
  it('accepts an acronym defined at first use, either way round', async () => {
    expect(byRule(await audit('Our service level agreement (SLA) is short. The SLA is fair.'), 'acronym')).toEqual([]);
    expect(byRule(await audit('The SLA (service level agreement) is short.'), 'acronym')).toEqual([]);
  });
  it('skips everyday acronyms, shouted words and all-caps headings', async () => {
    expect(byRule(await audit('We ship across the US and the EU. IMPORTANT: read this.'), 'acronym')).toEqual([]);
    expect(byRule(await audit('# PLEASE READ THESE TERMS CAREFULLY\n\nThanks.'), 'acronym')).toEqual([]);
  });
  it('does not flag IT acronyms for the technical administrator', async () => {
    const [f] = byRule(await audit('Turn on SSO for your team.'), 'acronym');
    expect(f?.personas).toEqual(['small-business-owner', 'first-time-consumer']);
  });
});

describe('uncommon words', () => {
  it('flags words outside each persona\'s vocabulary', async () => {
    const [f] = byRule(await audit('This lexicon lists our words.'), 'uncommon-word');
    const rank = frequencyRank('lexicon');
    expect(f?.text).toBe('lexicon');
    expect(f?.personas).toEqual(BUILTIN_PERSONAS.filter((p) => rank > p.vocabulary).map((p) => p.id));
    expect(f?.personas).not.toEqual(ALL);
  });
  it('ignores common words, names mid-sentence, contractions and numbers', async () => {
    expect(byRule(await audit("We'll send the paperwork to Quixotica Ltd by 2026-01-05."), 'uncommon-word')).toEqual([]);
  });
});

describe('tone', () => {
  it('flags hedging, but not the month of May', async () => {
    const u = await audit('Refunds may be delayed, subject to review. We open in May.');
    expect(byRule(u, 'hedging').map((f) => f.text)).toEqual(['may', 'subject to']);
  });
  it('flags condescension, not plain adjectives', async () => {
    expect(byRule(await audit('Obviously, you simply click Save.'), 'condescension').map((f) => f.text)).toEqual(['Obviously', 'simply']);
    expect(byRule(await audit('It is a simple form.'), 'condescension')).toEqual([]);
  });
  it('flags fear words only without reassurance nearby', async () => {
    expect(byRule(await audit('We will suspend your account.'), 'fear').map((f) => f.text)).toEqual(['suspend']);
    expect(byRule(await audit('We will suspend your account. Contact us and we can help you keep it.'), 'fear')).toEqual([]);
  });
});

describe('complexity', () => {
  const twenty = 'We will send the new card to the address on your account so you can start to use it on the same day.';
  it('flags sentences over each persona\'s length limit', async () => {
    const [f] = byRule(await audit(twenty), 'sentence-length');
    const words = 23;
    expect(f?.message).toContain(`${words} words`);
    expect(f?.personas).toEqual(BUILTIN_PERSONAS.filter((p) => words > p.maxSentenceLength).map((p) => p.id));
  });
  it('leaves short sentences alone', async () => {
    expect(byRule(await audit('We will send the card. You can use it the same day.'), 'sentence-length')).toEqual([]);
    // 18 plain words with one idea: under every built-in persona's bar, the first-time consumer's 20 included.
    expect(byRule(await audit('If you ever lose your backup codes, you can ask us for a new set from your account page.'), 'sentence-length')).toEqual([]);
  });
  it('grades hard sentences against the persona\'s reading level', async () => {
    const hard = 'Comprehensive documentation regarding organizational accountability considerations accompanies every notification that administrators communicate electronically.';
    const [f] = byRule(await audit(hard), 'sentence-grade');
    expect(f?.personas).toEqual(ALL);
    expect(byRule(await audit('We send you a note when your card is on the way to you.'), 'sentence-grade')).toEqual([]);
  });
  it('does not grade a short sentence by one long word, nor count names and numbers as hard words', async () => {
    // Nine words: its grade says more about "organizational" than about the sentence.
    expect(byRule(await audit('Comprehensive documentation regarding organizational accountability considerations accompanies every notification.'), 'sentence-grade')).toEqual([]);
    const named = 'Are you a Servicemember, Veteran or Survivor with Servicemembers Group Life Insurance coverage today?';
    expect(byRule(await audit(named), 'sentence-grade')).toEqual([]);
    const plain = named.replace(/[A-Z]\w+/g, (w) => w.toLowerCase()).replace(/^a/, 'A');
    expect(byRule(await audit(plain), 'sentence-grade').length).toBeGreaterThan(0);
  });
  it('flags tangled clauses', async () => {
    const tangled = 'If you move, which happens, you must tell us, because the rate, which depends on where you live, may change, although not always.';
    expect(byRule(await audit(tangled), 'clauses')).toHaveLength(1);
    expect(byRule(await audit('If you move, tell us. Your rate may change.'), 'clauses')).toEqual([]);
  });
  it('flags passive voice, not adjectives after "is"', async () => {
    const u = await audit('Your claim will be reviewed by the team. The form was sent.');
    expect([...byRule(u, 'passive'), ...byRule(u, 'passive-be')].map((f) => [f.ruleId, f.text])).toEqual([
      ['passive', 'be reviewed'],
      ['passive-be', 'was sent'],
    ]);
    expect(byRule(await audit('We are pleased to help. She is interested.'), 'passive-be')).toEqual([]);
  });
  it('flags long paragraphs at their first sentence', async () => {
    const para = Array.from({ length: 8 }, (_, i) => `This is sentence number ${i + 1} here.`).join(' ');
    const [f] = byRule(await audit(para), 'long-paragraph');
    expect(f?.text).toBe('This is sentence number 1 here.');
    expect(byRule(await audit('One. Two. Three.'), 'long-paragraph')).toEqual([]);
  });
  it('splits a long sentence at a clause-joining conjunction near its middle', async () => {
    const split = async (text: string) => byRule(await audit(text), 'sentence-length')[0]?.suggestion;
    expect(await split('We received your form on Monday morning, and we will send your new card to your home address within five working days.')).toBe(
      'We received your form on Monday morning. We will send your new card to your home address within five working days.',
    );
    expect(await split('Bring your passport, your bank card, your council tax bill and your letter from the council to the office.')).toBeUndefined();
  });
  it('splits only between two whole clauses, never inside a list', async () => {
    const split = async (text: string) => byRule(await audit(text), 'sentence-length')[0]?.suggestion;
    // No verb before the join: a list of subjects.
    expect(await split('Chrome, Firefox, Edge and Opera on every phone and tablet, and Safari on all Apple devices rely on the same settings.')).toBeUndefined();
    // No subject after it: a list of verbs.
    expect(await split('Our policy tells your browser which of the many resources on this page it should trust, and execute only the scripts we send.')).toBeUndefined();
    // A list item after the join, however the tagger reads it: "…, and websites, as well as materials…".
    expect(await split('The Services include links to third-party products, services, and websites, as well as materials provided by third parties, and may include other features.')).toBeUndefined();
    // A second complement of the head's verb: "…, and that Valve does not…" would be a fragment.
    expect(await split('You understand that Subscriptions are license rights, that you have no ownership interest in them, and that Valve does not recognise any transfers made outside of Steam.')).toBeUndefined();
    // A condition cut in two.
    expect(await split('If a payment is not settled, due to expiry, insufficient funds or anything else, and you do not cancel your plan, we may suspend your access to the service.')).toBeUndefined();
    expect(await split('You may be able to get more cover from us at no extra cost if you qualify for a waiver and you meet both of the requirements below.')).toBeUndefined();
  });
  it('splits where the second part opens a clause with its own subject and verb', async () => {
    const split = async (text: string) => byRule(await audit(text), 'sentence-length')[0]?.suggestion;
    expect(await split('If you cancel the Service before the end of your current paid month, your cancellation takes effect at once, and you will not be charged again.')).toBe(
      'If you cancel the Service before the end of your current paid month, your cancellation takes effect at once. You will not be charged again.',
    );
  });
});

describe('house terms from the config', () => {
  it('applies preferred and forbidden wording', async () => {
    const e = createEngine({ personas: BUILTIN_PERSONAS, terms: { preferred: [{ use: 'sign in', instead: ['log in', 'login'] }], forbidden: [{ term: 'guarantee', message: 'legal says never promise outcomes.' }] } });
    const { units } = await e.auditAsset({ path: 'a.md', bytes: new TextEncoder().encode('Log in to see the guarantee.') });
    const f = units[0]!.findings;
    expect(f.find((x) => x.ruleId === 'custom-preferred')).toMatchObject({ text: 'Log in', suggestion: 'Sign in' });
    expect(f.find((x) => x.ruleId === 'custom-forbidden')).toMatchObject({ text: 'guarantee', severity: 'error' });
  });
});

describe('inline disable comments', () => {
  it('switch named rules off and on again', async () => {
    const md = 'Utilize this.\n\n<!-- clarity-disable plain-words -->\n\nUtilize that, obviously.\n\n<!-- clarity-enable plain-words -->\n\nUtilize more.';
    const u = await audit(md);
    expect(byRule(u, 'plain-words').map((f) => f.line)).toEqual([1, 9]);
    expect(byRule(u, 'condescension')).toHaveLength(1);
  });
  it('switch every rule off when no rule is named', async () => {
    const html = '<p>Utilize this.</p><!-- clarity-disable --><p>Obviously utilize.</p>';
    expect((await audit(html, 'page.html')).findings.map((f) => f.text)).toEqual(['Utilize']);
  });
});

describe('false positives found on real documents', () => {
  it('does not call "may not" a hedge', async () => {
    expect(byRule(await audit('You may not share your password. Each code may not be reused.'), 'hedging')).toEqual([]);
  });
  it('tells a permission ("you may cancel") from a hedge ("you may be charged", "we may")', async () => {
    const u = await audit('You may cancel at any time. You may be charged a fee. We may change the price.');
    expect(byRule(u, 'hedging').map((f) => `${f.text}@${f.offset}`)).toEqual(['may@32', 'may@57']);
  });
  it('calls "subject to change" a hedge, not "subject to these terms"', async () => {
    const u = await audit('Your use is subject to these terms. Prices are subject to change.');
    expect(byRule(u, 'hedging').map((f) => `${f.text}@${f.offset}`)).toEqual(['subject to@47']);
  });
  it('keeps "required by law" as it is', async () => {
    expect(byRule(await audit('We keep records if required by law.'), 'plain-words')).toEqual([]);
    expect(byRule(await audit('A password is required.'), 'plain-words').map((f) => f.suggestion)).toEqual(['needed']);
  });
  it('counts a pack term a persona does not know once, not twice', async () => {
    const u = await audit('Our liability is limited.');
    // "liability" is on the first-time consumer's unfamiliar list and in the legal pack.
    expect(u.findings.filter((f) => f.text === 'liability').map((f) => [f.ruleId, f.personas.includes('first-time-consumer')])).toEqual([['jargon', true]]);
  });
  it('keeps acronyms in upper case in pack names', async () => {
    expect(byRule(await audit('Check the firmware first.'), 'jargon')[0]?.message).toContain('software and IT jargon');
  });
});
