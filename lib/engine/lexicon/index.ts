/** The clarity lexicon: word lists the rules run on, plus their schemas. */
export * from './schema.ts';
export { plainWords } from './plain-words.ts';
export { domainPacks } from './domain-packs.ts';
export { hedging, condescension, fear, reassurance } from './tone.ts';
export { nominalisations, nominalSuffixes, lightVerbs } from './nominalisations.ts';
export { acronyms, everydayAcronyms } from './acronyms.ts';
export { irregularParticiples, beVerbs, notParticiples } from './participles.ts';
