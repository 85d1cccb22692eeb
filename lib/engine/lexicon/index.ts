/**
 * The clarity lexicon: word lists the rules run on. Their zod schemas live in schema.ts and are checked
 * by the tests, not at run time, so the engine (and the audit Lambda) does not load zod for them.
 */
export type { AcronymEntry, DomainPack, DomainPackId, DomainTerm, SubstitutionEntry, ToneEntry } from './schema.ts';
export { plainWords } from './plain-words.ts';
export { domainPacks } from './domain-packs.ts';
export { hedging, condescension, fear, reassurance } from './tone.ts';
export { nominalisations, nominalSuffixes, lightVerbs } from './nominalisations.ts';
export { acronyms, everydayAcronyms } from './acronyms.ts';
export { irregularParticiples, beVerbs, notParticiples, formulaParticiples } from './participles.ts';
