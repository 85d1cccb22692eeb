import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { PHRASE_PATTERN, acronymEntrySchema, domainPackIds, domainPackSchema, phraseSchema, substitutionEntrySchema, toneEntrySchema } from '../lib/engine/lexicon/schema.ts';
import {
  acronyms,
  beVerbs,
  condescension,
  domainPacks,
  everydayAcronyms,
  fear,
  hedging,
  irregularParticiples,
  lightVerbs,
  nominalSuffixes,
  nominalisations,
  notParticiples,
  plainWords,
  reassurance,
} from '../lib/engine/lexicon/index.ts';
import type { SubstitutionEntry, ToneEntry } from '../lib/engine/lexicon/index.ts';

const domainTerms = domainPacks.flatMap((p) => p.terms);

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dups.add(v);
    seen.add(v);
  }
  return [...dups];
}

function isNormalPhrase(s: string): boolean {
  return s === s.toLowerCase() && s === s.trim() && !/\s{2,}/.test(s) && PHRASE_PATTERN.test(s);
}

/** Every phrase that a rule would flag, tagged with the list it came from. */
const flaggedPhrases: Array<[list: string, phrase: string]> = [
  ...plainWords.map((e): [string, string] => ['plainWords', e.phrase]),
  ...nominalisations.map((e): [string, string] => ['nominalisations', e.phrase]),
  ...domainPacks.flatMap((p) => p.terms.map((t): [string, string] => [`pack:${p.id}`, t.term])),
  ...hedging.map((e): [string, string] => ['hedging', e.phrase]),
  ...condescension.map((e): [string, string] => ['condescension', e.phrase]),
  ...fear.map((e): [string, string] => ['fear', e.phrase]),
];

describe('schemas', () => {
  it('plainWords and nominalisations parse as substitution entries', () => {
    expect(() => z.array(substitutionEntrySchema).parse(plainWords)).not.toThrow();
    expect(() => z.array(substitutionEntrySchema).parse(nominalisations)).not.toThrow();
  });

  it('domain packs parse', () => {
    expect(() => z.array(domainPackSchema).parse(domainPacks)).not.toThrow();
  });

  it('tone lists parse', () => {
    for (const list of [hedging, condescension, fear]) {
      expect(() => z.array(toneEntrySchema).parse(list)).not.toThrow();
    }
    expect(() => z.array(phraseSchema).parse(reassurance)).not.toThrow();
  });

  it('acronyms parse', () => {
    expect(() => z.array(acronymEntrySchema).parse(acronyms)).not.toThrow();
  });

  it('rejects malformed data (the schemas are not vacuous)', () => {
    expect(substitutionEntrySchema.safeParse({ phrase: 'Utilize', replace: ['use'] }).success).toBe(false);
    expect(substitutionEntrySchema.safeParse({ phrase: 'in  order to', replace: ['to'] }).success).toBe(false);
    expect(substitutionEntrySchema.safeParse({ phrase: 'prior to,', replace: ['before'] }).success).toBe(false);
    expect(substitutionEntrySchema.safeParse({ phrase: 'utilize', replace: [] }).success).toBe(false);
    expect(substitutionEntrySchema.safeParse({ phrase: 'please note that', replace: [], omit: true }).success).toBe(true);
    expect(substitutionEntrySchema.safeParse({ phrase: "don't", replace: ['do not'] }).success).toBe(true);
    expect(toneEntrySchema.safeParse({ phrase: 'simply', why: 'x', replace: [] }).success).toBe(false);
    expect(acronymEntrySchema.safeParse({ acronym: 'Sla', expansion: 'x', packs: [] }).success).toBe(false);
    expect(acronymEntrySchema.safeParse({ acronym: 'SLA', expansion: 'x', packs: ['law'] }).success).toBe(false);
    expect(domainPackSchema.safeParse({ id: 'medical', label: 'x', terms: [{ term: 'a', plain: 'b' }] }).success).toBe(false);
  });
});

describe('minimum sizes', () => {
  it('meets the required counts', () => {
    expect(plainWords.length).toBeGreaterThanOrEqual(330);
    expect(nominalisations.length).toBeGreaterThanOrEqual(60);
    expect(hedging.length).toBeGreaterThanOrEqual(40);
    expect(condescension.length).toBeGreaterThanOrEqual(30);
    expect(fear.length).toBeGreaterThanOrEqual(40);
    expect(reassurance.length).toBeGreaterThanOrEqual(25);
    expect(acronyms.length).toBeGreaterThanOrEqual(120);
    expect(irregularParticiples.length).toBeGreaterThanOrEqual(150);
    expect(notParticiples.length).toBeGreaterThanOrEqual(25);
  });

  it('has every pack the schema names, each with at least 40 terms', () => {
    expect(domainPacks.map((p) => p.id).sort()).toEqual([...domainPackIds].sort());
    for (const pack of domainPacks) {
      expect(pack.terms.length, pack.id).toBeGreaterThanOrEqual(40);
    }
  });
});

describe('phrase hygiene', () => {
  it('every phrase is lowercase, trimmed and single-spaced', () => {
    const all = [
      ...flaggedPhrases.map(([, p]) => p),
      ...reassurance,
      ...lightVerbs,
      ...irregularParticiples,
      ...beVerbs,
      ...notParticiples,
    ];
    const bad = all.filter((p) => !isNormalPhrase(p));
    expect(bad).toEqual([]);
  });

  it('participle and be-verb lists are single tokens', () => {
    for (const w of [...irregularParticiples, ...beVerbs, ...notParticiples]) {
      expect(w.includes(' '), w).toBe(false);
    }
  });
});

describe('no duplicates or double-flagging', () => {
  it('no duplicate phrase within any list', () => {
    expect(duplicates(plainWords.map((e) => e.phrase))).toEqual([]);
    expect(duplicates(nominalisations.map((e) => e.phrase))).toEqual([]);
    expect(duplicates(domainTerms.map((t) => t.term))).toEqual([]);
    expect(duplicates(hedging.map((e) => e.phrase))).toEqual([]);
    expect(duplicates(condescension.map((e) => e.phrase))).toEqual([]);
    expect(duplicates(fear.map((e) => e.phrase))).toEqual([]);
    expect(duplicates(reassurance)).toEqual([]);
    expect(duplicates(lightVerbs)).toEqual([]);
    expect(duplicates(nominalSuffixes)).toEqual([]);
    expect(duplicates(irregularParticiples)).toEqual([]);
    expect(duplicates(beVerbs)).toEqual([]);
    expect(duplicates(notParticiples)).toEqual([]);
  });

  it('no phrase is flagged by two lists (plainWords, nominalisations, packs, hedging, condescension, fear)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [list, phrase] of flaggedPhrases) {
      const prev = owner.get(phrase);
      if (prev !== undefined && prev !== list) clashes.push(`${phrase} (${prev} / ${list})`);
      owner.set(phrase, list);
    }
    expect(clashes).toEqual([]);
  });

  it('a domain term appears in one pack only', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const pack of domainPacks) {
      for (const t of pack.terms) {
        const prev = seen.get(t.term);
        if (prev !== undefined) clashes.push(`${t.term} (${prev} / ${pack.id})`);
        seen.set(t.term, pack.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('reassurance phrases never appear in the tone lists they balance', () => {
    const tone = new Set([...hedging, ...condescension, ...fear].map((e) => e.phrase));
    expect(reassurance.filter((r) => tone.has(r))).toEqual([]);
  });

  it('domain packs hold words only; acronyms live in acronyms.ts', () => {
    const lowered = new Set(acronyms.map((a) => a.acronym.toLowerCase()));
    expect(domainTerms.filter((t) => lowered.has(t.term)).map((t) => t.term)).toEqual([]);
  });
});

describe('replacements', () => {
  const substitutionLists: Array<[string, SubstitutionEntry[]]> = [
    ['plainWords', plainWords],
    ['nominalisations', nominalisations],
  ];
  const toneLists: Array<[string, ToneEntry[]]> = [
    ['hedging', hedging],
    ['condescension', condescension],
    ['fear', fear],
  ];

  it('replace is non-empty unless the entry is an omit', () => {
    for (const [name, list] of substitutionLists) {
      const bad = list.filter((e) => e.replace.length === 0 && e.omit !== true).map((e) => e.phrase);
      expect(bad, name).toEqual([]);
    }
  });

  it('plainWords has deletable filler marked omit', () => {
    const omitted = new Set(plainWords.filter((e) => e.omit === true).map((e) => e.phrase));
    expect(omitted.has('please be advised')).toBe(true);
    expect(omitted.has('it should be noted that')).toBe(true);
    expect(omitted.size).toBeGreaterThanOrEqual(10);
  });

  it('no replacement equals its own phrase', () => {
    const bad: string[] = [];
    for (const [, list] of substitutionLists) {
      for (const e of list) if (e.replace.some((r) => r.toLowerCase() === e.phrase)) bad.push(e.phrase);
    }
    for (const [, list] of toneLists) {
      for (const e of list) if (e.replace?.some((r) => r.toLowerCase() === e.phrase)) bad.push(e.phrase);
    }
    for (const t of domainTerms) if (t.replace?.some((r) => r.toLowerCase() === t.term)) bad.push(t.term);
    expect(bad).toEqual([]);
  });

  it('no entry repeats a replacement', () => {
    const bad: string[] = [];
    for (const e of [...plainWords, ...nominalisations]) if (duplicates(e.replace).length > 0) bad.push(e.phrase);
    for (const e of [...hedging, ...condescension, ...fear]) if (e.replace && duplicates(e.replace).length > 0) bad.push(e.phrase);
    expect(bad).toEqual([]);
  });

  it('tone entries leave replace out rather than giving []', () => {
    for (const [name, list] of toneLists) {
      expect(list.filter((e) => e.replace !== undefined && e.replace.length === 0).map((e) => e.phrase), name).toEqual([]);
    }
  });

  it('no suggested replacement contains a phrase some rule would flag', () => {
    // whole-word containment: "put at risk" would trip the fear phrase "at risk"
    const flagged = flaggedPhrases.map(([list, p]) => [list, ` ${p} `] as const);
    const bad: string[] = [];
    const check = (source: string, replace: string[] | undefined) => {
      for (const r of replace ?? []) {
        const padded = ` ${r.toLowerCase().replace(/[^a-z0-9'\- ]/g, ' ').replace(/\s+/g, ' ')} `;
        for (const [list, p] of flagged) if (padded.includes(p)) bad.push(`${source} -> ${r} (${list}:${p.trim()})`);
      }
    };
    for (const e of [...plainWords, ...nominalisations, ...hedging, ...condescension, ...fear]) check(e.phrase, e.replace);
    for (const t of domainTerms) check(t.term, t.replace);
    expect(bad).toEqual([]);
  });

  it('every why is a single line', () => {
    const whys = [...plainWords, ...nominalisations, ...hedging, ...condescension, ...fear]
      .map((e) => e.why)
      .filter((w): w is string => w !== undefined);
    expect(whys.filter((w) => w.trim() === '' || /[\r\n]/.test(w))).toEqual([]);
    expect([...hedging, ...condescension, ...fear].every((e) => e.why.length > 0)).toBe(true);
  });
});

describe('spot checks from the brief', () => {
  const sub = new Map(plainWords.map((e) => [e.phrase, e.replace]));
  const nom = new Map(nominalisations.map((e) => [e.phrase, e.replace]));

  it('plain word substitutions, with inflections and British spellings', () => {
    const expected: Record<string, string> = {
      utilize: 'use', utilizes: 'uses', utilized: 'used', utilizing: 'using',
      utilise: 'use', utilises: 'uses', utilised: 'used', utilising: 'using',
      leverage: 'use', 'in the event that': 'if', 'prior to': 'before', commence: 'start',
      commenced: 'started', endeavor: 'try', endeavour: 'try', facilitate: 'help', 'in order to': 'to',
      'at this point in time': 'now', 'with regard to': 'about', 'pursuant to': 'under', remit: 'send',
    };
    for (const [phrase, first] of Object.entries(expected)) {
      expect(sub.get(phrase), phrase).toBeDefined();
      expect(sub.get(phrase), phrase).toContain(first);
    }
    expect(sub.get('remit')).toContain('pay');
  });

  it('nominalisations with article variants', () => {
    expect(nom.get('make a decision')).toEqual(['decide']);
    expect(nom.get('make the decision')).toEqual(['decide']);
    expect(nom.get('give consideration to')).toContain('consider');
    expect(nom.get('conduct an investigation')).toContain('investigate');
    expect(nom.get('provide assistance')).toContain('help');
    expect(nom.get('make a payment')).toContain('pay');
    expect(nom.get('perform an analysis')).toContain('analyze');
    expect(nom.get('reach a conclusion')).toContain('conclude');
    expect(nom.get('take action')).toContain('act');
  });

  it('nominal suffixes and light verbs', () => {
    expect(nominalSuffixes).toEqual(['tion', 'sion', 'ment', 'ance', 'ence', 'ity', 'ness', 'ization', 'isation']);
    for (const v of ['make', 'makes', 'made', 'making', 'give', 'gives', 'gave', 'given', 'take', 'took', 'taken', 'conduct', 'perform', 'provide', 'carry out']) {
      expect(lightVerbs, v).toContain(v);
    }
  });

  it('tone lists include the core phrases', () => {
    const has = (list: ToneEntry[], p: string) => list.some((e) => e.phrase === p);
    for (const p of ['may', 'might', 'could possibly', 'subject to', 'where applicable', 'as appropriate', 'it is possible that', 'we believe', 'tend to', 'generally', 'in some cases', 'at our discretion', 'reserve the right']) {
      expect(has(hedging, p), p).toBe(true);
    }
    expect(hedging.find((e) => e.phrase === 'we will try to')?.replace).toEqual(['we will']);
    for (const p of ['simply', 'just', 'obviously', 'clearly', 'as you know', 'of course', 'everyone knows', "it's easy", 'merely', 'basically', 'needless to say', 'as previously stated']) {
      expect(has(condescension, p), p).toBe(true);
    }
    // A product that is easy to use is a claim, not condescension ("it's easy" stays).
    expect(has(condescension, 'easy')).toBe(false);
    for (const p of ['suspend', 'penalty', 'forfeit', 'breach', 'default', 'violation', 'legal action', 'cancel your', 'denied', 'liable', 'overdue', 'failure to', 'delinquent']) {
      expect(has(fear, p), p).toBe(true);
    }
    for (const p of ['help', 'support', 'contact us', 'we can', 'you can', "don't worry", 'no charge', 'free', 'protected', 'safe', 'refund', "we'll"]) {
      expect(reassurance, p).toContain(p);
    }
  });

  it('domain packs include the core terms in the right pack', () => {
    const pack = (id: string) => new Set(domainPacks.find((p) => p.id === id)?.terms.map((t) => t.term));
    const fin = pack('insurance-finance');
    for (const t of ['deductible', 'premium', 'underwriting', 'indemnity', 'subrogation', 'actuarial', 'amortization', 'escrow', 'rider', 'policy endorsement', 'policyholder', 'beneficiary', 'accrued interest', 'liquidity', 'policy loan', 'cash surrender']) {
      expect(fin.has(t), t).toBe(true);
    }
    const health = pack('health-benefits');
    for (const t of ['coinsurance', 'copayment', 'formulary', 'cost-sharing reduction', 'essential health benefits', 'aid and attendance', 'housebound']) {
      expect(health.has(t), t).toBe(true);
    }
    const bank = pack('banking-payments');
    for (const t of ['grace period', 'statement balance', 'electronic funds transfer', 'foreign transaction fee', 'chargeback']) {
      expect(bank.has(t), t).toBe(true);
    }
    for (const t of ['data mining', 'ad network', 'data controller']) expect(pack('privacy-data').has(t), t).toBe(true);
    for (const t of ['prorated', 'early termination fee']) expect(pack('telecom-utilities').has(t), t).toBe(true);
    const legal = pack('legal');
    for (const t of ['hereinafter', 'notwithstanding', 'indemnify', 'whereas', 'herein', 'thereof', 'force majeure', 'arbitration', 'liability', 'jurisdiction']) {
      expect(legal.has(t), t).toBe(true);
    }
    const soft = pack('software-it');
    for (const t of ['endpoint', 'authentication', 'two-factor authentication', 'latency', 'cache', 'bandwidth', 'firmware', 'encryption', 'provisioning']) {
      expect(soft.has(t), t).toBe(true);
    }
    const buzz = pack('corporate-buzzwords');
    for (const t of ['synergy', 'circle back', 'touch base', 'move the needle', 'low-hanging fruit', 'best-in-class', 'paradigm shift', 'value-add', 'deep dive']) {
      expect(buzz.has(t), t).toBe(true);
    }
  });

  it('every plain explanation is a short fragment', () => {
    for (const t of domainTerms) {
      expect(t.plain.length, t.term).toBeLessThanOrEqual(140);
      expect(t.plain.trim(), t.term).toBe(t.plain);
    }
  });
});

describe('acronyms', () => {
  it('are uppercase, unique and not in everydayAcronyms', () => {
    const list = acronyms.map((a) => a.acronym);
    expect(list.filter((a) => a !== a.toUpperCase() || !/^[A-Z0-9]*[A-Z][A-Z0-9]*$/.test(a))).toEqual([]);
    expect(duplicates(list)).toEqual([]);
    const everyday = new Set(everydayAcronyms);
    expect(list.filter((a) => everyday.has(a))).toEqual([]);
  });

  it('list only valid pack ids, without repeats', () => {
    const valid = new Set<string>(domainPackIds);
    for (const a of acronyms) {
      expect(a.packs.filter((p) => !valid.has(p)), a.acronym).toEqual([]);
      expect(duplicates(a.packs), a.acronym).toEqual([]);
      expect(a.expansion.trim().length, a.acronym).toBeGreaterThan(0);
    }
  });

  it('cover each domain and the general case', () => {
    const by = (id: string) => acronyms.filter((a) => a.packs.some((p) => p === id)).map((a) => a.acronym);
    expect(acronyms.some((a) => a.packs.length === 0)).toBe(true);
    expect(by('insurance-finance')).toEqual(expect.arrayContaining(['APR', 'APY', 'KYC']));
    expect(by('health-benefits')).toEqual(expect.arrayContaining(['HSA', 'FSA', 'HMO', 'PPO', 'COBRA', 'EOB']));
    expect(by('banking-payments')).toEqual(expect.arrayContaining(['APR', 'ACH', 'EFT']));
    expect(by('legal')).toEqual(expect.arrayContaining(['TOS', 'GDPR', 'CCPA', 'DMCA', 'NDA']));
    expect(by('software-it')).toEqual(expect.arrayContaining(['API', 'SSO', 'MFA', '2FA', 'DNS', 'URL', 'VPN', 'SAAS', 'CPU', 'RAM', 'HTTP', 'SSL', 'TLS', 'IP']));
    expect(acronyms.map((a) => a.acronym)).toEqual(expect.arrayContaining(['ETA', 'RSVP']));
  });

  it('everydayAcronyms is uppercase, unique and covers the basics', () => {
    expect(duplicates(everydayAcronyms)).toEqual([]);
    expect(everydayAcronyms.filter((a) => a !== a.toUpperCase() || a.trim() !== a || a === '')).toEqual([]);
    expect(everydayAcronyms).toEqual(
      expect.arrayContaining(['US', 'USA', 'UK', 'EU', 'OK', 'TV', 'PC', 'PM', 'AM', 'ID', 'FAQ', 'PDF', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']),
    );
    for (let c = 65; c <= 90; c++) expect(everydayAcronyms).toContain(String.fromCharCode(c));
    expect(everydayAcronyms).not.toContain('URL');
  });
});

describe('participles', () => {
  it('irregular participles exclude "been" and do not overlap the other lists', () => {
    expect(irregularParticiples).not.toContain('been');
    const be = new Set(beVerbs);
    const not = new Set(notParticiples);
    expect(irregularParticiples.filter((w) => be.has(w) || not.has(w))).toEqual([]);
    for (const w of ['begun', 'broken', 'chosen', 'done', 'drawn', 'driven', 'eaten', 'fallen', 'forgotten', 'given', 'gone', 'held', 'kept', 'known', 'laid', 'led', 'left', 'lost', 'made', 'meant', 'paid', 'put', 'read', 'run', 'said', 'seen', 'sent', 'set', 'shown', 'shut', 'sold', 'spent', 'taken', 'told', 'thought', 'understood', 'won', 'written']) {
      expect(irregularParticiples, w).toContain(w);
    }
  });

  it('be-verbs cover the core forms and avoid ambiguous \'s', () => {
    expect(beVerbs).toEqual(expect.arrayContaining(['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being']));
    expect(beVerbs.filter((w) => w.endsWith("'s"))).toEqual([]);
  });

  it('notParticiples are -ed/-en style words and include the usual adjectives', () => {
    expect(notParticiples).toEqual(expect.arrayContaining(['interested', 'concerned', 'pleased', 'tired', 'excited', 'supposed', 'married', 'located', 'based']));
    // "your data is used to…" is a real passive, so "used" must not be excused.
    expect(notParticiples).not.toContain('used');
  });
});
