import { describe, expect, it } from 'vitest';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { goalScore, gradeGap, gradeLoad, ledger, scorePersona, worstOf } from '../lib/engine/scoring.ts';
import { audit, overall } from './engine-helpers.ts';

const PAIRS: [string, string, string][] = [
  [
    'insurance letter',
    'Pursuant to the terms of your policy, please be advised that the deductible applicable to your claim may potentially be subject to adjustment, and failure to remit the outstanding premium within the prescribed timeframe could result in termination of coverage.',
    'Your claim has a $500 excess. This is the part you pay. Please pay your bill by 1 June to keep your cover. If you need more time, call us and we can help.',
  ],
  [
    'login help',
    'In the event that authentication fails, utilize the SSO portal to reinitialize your MFA credentials; obviously, the IdP administrator should be contacted if the aforementioned procedure is unsuccessful.',
    'If you cannot sign in, reset your sign-in code on the sign-in page. If that does not work, ask the person who runs your company account.',
  ],
  [
    'sales pitch',
    'Our best-in-class solution leverages synergistic paradigms to facilitate the optimization of your operational efficiency going forward, as you know.',
    'Our tool saves you time. It puts your jobs in one place, so you can see what is next.',
  ],
];

describe('persona scores', () => {
  it.each(PAIRS)('a plainer %s scores higher for every built-in persona', async (_, complex, simple) => {
    const [hard, easy] = [await audit(complex), await audit(simple)];
    for (const p of BUILTIN_PERSONAS) expect(overall(easy, p.id), p.id).toBeGreaterThan(overall(hard, p.id));
  });

  it('scores the same text differently for different personas', async () => {
    const u = await audit(PAIRS[1]![1]);
    const scores = BUILTIN_PERSONAS.map((p) => overall(u, p.id));
    expect(new Set(scores).size).toBe(scores.length);
    // IT words are everyday to the administrator, so the IT-heavy text is kinder to them.
    expect(overall(u, 'technical-admin')).toBeGreaterThan(overall(u, 'first-time-consumer'));
  });

  it('gives one score per experience goal, each in 0–100 with a reason and its top findings', async () => {
    const u = await audit(PAIRS[0]![1]);
    const ids = new Set(u.findings.map((f) => f.id));
    for (const s of u.scores) {
      const persona = BUILTIN_PERSONAS.find((p) => p.id === s.personaId)!;
      expect(s.goals.map((g) => g.goalId)).toEqual(persona.goals.map((g) => g.id));
      for (const g of s.goals) {
        expect(g.score).toBeGreaterThanOrEqual(0);
        expect(g.score).toBeLessThanOrEqual(100);
        expect(g.reason).toMatch(/Held back most by|Nothing here/);
        expect(g.contributors.length).toBeLessThanOrEqual(3);
        for (const c of g.contributors) expect(ids.has(c.findingId)).toBe(true);
        expect(g.contributors.map((c) => c.points)).toEqual([...g.contributors.map((c) => c.points)].sort((a, b) => b - a));
      }
      const weights = persona.goals.map((g) => g.weight);
      const weighted = s.goals.reduce((n, g, i) => n + g.score * weights[i]!, 0) / weights.reduce((a, b) => a + b, 0);
      expect(s.overall).toBeCloseTo(weighted, 0);
    }
  });

  it('scores clean text 100 and explains that nothing gets in the way', async () => {
    const u = await audit('We got your form. Your card is on its way.');
    for (const s of u.scores) {
      expect(s.overall).toBe(100);
      expect(s.goals.every((g) => g.reason.startsWith('Nothing here'))).toBe(true);
    }
  });

  it('falls as the penalty per word grows, and never leaves 0–100', () => {
    expect(goalScore(0, 500)).toBe(100);
    expect(goalScore(10, 500)).toBeGreaterThan(goalScore(20, 500));
    expect(goalScore(10, 1000)).toBeGreaterThan(goalScore(10, 500));
    expect(goalScore(1e9, 1)).toBeGreaterThanOrEqual(0);
  });
});

describe('worst score', () => {
  it('is the lowest of the scores, and a clean 100 when there are none', () => {
    expect(worstOf([80, 55.5, 90])).toBe(55.5);
    expect(worstOf([0, 12])).toBe(0);
    expect(worstOf([])).toBe(100);
  });
});

describe('reading grade in the score', () => {
  const consumer = BUILTIN_PERSONAS.find((p) => p.id === 'first-time-consumer')!;
  const admin = BUILTIN_PERSONAS.find((p) => p.id === 'technical-admin')!;

  it('costs the goals that care about hard sentences, per grade above the persona’s, with the reason said', () => {
    const at = (consensusGrade: number) => scorePersona(ledger(consumer, [], { stage: 'inform', words: 300, counted: true }), { words: 300, consensusGrade, confident: true });
    const easy = at(1.5);
    const hard = at(10);
    const knowledgeable = (s: typeof easy) => s.goals.find((g) => g.goalId === 'knowledgeable')!;
    expect(knowledgeable(easy).score).toBe(100);
    expect(knowledgeable(hard).score).toBeLessThan(100);
    expect(knowledgeable(hard).reason).toBe("Reads at about grade 10, above this reader's 6.");
    expect(knowledgeable(at(12)).score).toBeLessThan(knowledgeable(hard).score);
    // "Respected" does not care about hard sentences: the grade costs it nothing.
    expect(hard.goals.find((g) => g.goalId === 'respected')!.score).toBe(100);
  });

  it('says the gap above the persona’s grade, none below it nor for a text too short to grade', () => {
    expect(gradeGap(admin, { consensusGrade: 10, confident: true })).toBe(0);
    expect(gradeGap(consumer, { consensusGrade: 10, confident: false })).toBe(0);
    expect(gradeGap(consumer, { consensusGrade: 9.5, confident: true })).toBe(3.5);
  });

  it('charges half rate from a few grades under the target, so two texts a reader can both manage are told apart', () => {
    expect(gradeLoad(admin, { consensusGrade: 7.5, confident: true })).toBe(0);
    expect(gradeLoad(admin, { consensusGrade: 10, confident: true })).toBe(1);
    expect(gradeLoad(admin, { consensusGrade: 12, confident: true })).toBe(2);
    expect(gradeLoad(admin, { consensusGrade: 14, confident: true })).toBe(4);
    expect(gradeLoad(admin, { consensusGrade: 14, confident: false })).toBe(0);
    const at = (consensusGrade: number) => scorePersona(ledger(admin, [], { stage: 'inform', words: 300, counted: true }), { words: 300, consensusGrade, confident: true });
    const knowledgeable = (s: ReturnType<typeof at>) => s.goals.find((g) => g.goalId === 'knowledgeable')!;
    expect(knowledgeable(at(11)).score).toBeLessThan(knowledgeable(at(9.5)).score);
    expect(knowledgeable(at(9.5)).reason).toBe("Reads at about grade 9.5, near this reader's 12: easier still reads faster.");
    expect(knowledgeable(at(7)).score).toBe(100);
  });
});

describe('hardest sentences', () => {
  it('point at the three highest-grade sentences, hardest first, quoting the source', async () => {
    const text = [
      'We send your card today.',
      'Comprehensive documentation regarding organizational accountability considerations accompanies every notification.',
      'Your new card will arrive at your home address within five working days.',
      'Notwithstanding the aforementioned provisions, policyholders must substantiate extraordinary circumstances promptly.',
      'Call us if you need any help at all with it.',
      'Please keep your card in a safe place at home.',
    ].join(' ');
    const u = await audit(text);
    expect(u.hardestSentences).toHaveLength(3);
    const grades = u.hardestSentences.map((h) => h.grade);
    expect(grades).toEqual([...grades].sort((a, b) => b - a));
    expect(u.hardestSentences.map((h) => h.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^Comprehensive/), expect.stringMatching(/^Notwithstanding/)]));
    for (const h of u.hardestSentences) expect(text.slice(h.offset, h.offset + h.length)).toBe(h.text);
    // Sentences under 8 words are never graded.
    expect(u.hardestSentences.map((h) => h.text)).not.toContain('We send your card today.');
  });
});

describe('recommendations', () => {
  it('rank rewrites by the score they would win back, with concrete replacements', async () => {
    const u = await audit(PAIRS[0]![1]);
    for (const p of BUILTIN_PERSONAS) {
      const recs = u.recommendations.filter((r) => r.personaId === p.id);
      expect(recs.length).toBeGreaterThan(2);
      expect(recs.map((r) => r.gain)).toEqual([...recs.map((r) => r.gain)].sort((a, b) => b - a));
      for (const r of recs) {
        expect(r.gain).toBeGreaterThan(0);
        expect(r.why).toMatch(/Hurts feeling/);
      }
    }
    const swaps = u.recommendations.filter((r) => r.replacement !== undefined).map((r) => [r.text, r.replacement]);
    expect(swaps).toContainEqual(['Pursuant to', 'Under']);
    expect(swaps).toContainEqual(['remit', 'send']);
  });

  it('applying the top recommendation whose rewrite is safe raises the persona\'s score', async () => {
    const text = PAIRS[1]![1];
    const before = await audit(text);
    // A rewrite for review (a gloss that lengthens a long sentence, say) is a person's call; a safe one must pay off.
    const safe = new Set(before.findings.filter((f) => f.suggestionSafe).map((f) => f.id));
    const top = before.recommendations.find((r) => r.personaId === 'first-time-consumer' && r.replacement !== undefined && r.findingIds.every((id) => safe.has(id)))!;
    expect(top).toBeDefined();
    const fixed = text.slice(0, top.offset) + top.replacement + text.slice(top.offset + top.length);
    const after = await audit(fixed);
    expect(overall(after, 'first-time-consumer')).toBeGreaterThan(overall(before, 'first-time-consumer'));
  });
});
