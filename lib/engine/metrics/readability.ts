import { automatedReadability } from 'automated-readability';
import { colemanLiau } from 'coleman-liau';
import { daleChallFormula } from 'dale-chall-formula';
import { flesch } from 'flesch';
import { fleschKincaid } from 'flesch-kincaid';
import { gunningFog } from 'gunning-fog';
import { smogFormula } from 'smog-formula';
import type { ReadabilityMetrics, Sentence, Word } from '../types.ts';
import type { TextCounts } from './counts.ts';

/** Under this many words the grades swing too much to be trusted. */
export const CONFIDENT_WORDS = 100;
/** SMOG was calibrated on 30-sentence samples. */
export const SMOG_SENTENCES = 30;

/**
 * Document readability through the words/* formula packages, fed with clarity's counts. What differs from
 * text-readability run on the text, and why (docs/architecture.md#readability-counts):
 * - sentences come from clarity's splitter (its own needs one space and a capital letter);
 * - syllables come from the CMU dictionary (its counter says walked 2, science 1);
 * - Dale–Chall and Gunning fog count every difficult word, not each distinct one once;
 * - no average is rounded before a formula (text-readability rounds sentences per word to 2 decimals in
 *   Coleman–Liau, up to 0.15 of a grade), and Coleman–Liau's letter weight is the paper's 0.0588, not 0.058;
 * - text without words gets zeros and `confident: false`, not FK −15.7;
 * - the consensus grade is the mean of the five grade formulas (FK, SMOG, Coleman–Liau, ARI, fog), not
 *   text-readability's vote of whole grades, which ties close texts (npm run bench).
 * Each figure is rounded as text-readability rounds it (grades to 1 or 2 decimals).
 */
export function documentMetrics(c: TextCounts): ReadabilityMetrics {
  if (c.words === 0 || c.sentences === 0) {
    return { words: 0, sentences: 0, syllables: 0, fleschReadingEase: 0, fleschKincaidGrade: 0, smogIndex: 0, colemanLiauIndex: 0, automatedReadabilityIndex: 0, daleChallScore: 0, gunningFog: 0, consensusGrade: 0, confident: false, smogConfident: false };
  }
  const counts = {
    sentence: c.sentences,
    word: c.words,
    syllable: c.syllables,
    letter: c.letters,
    character: c.characters,
    polysillabicWord: c.polysyllables,
    complexPolysillabicWord: c.complexWords,
    difficultWord: c.difficultWords,
  };
  const grades = {
    fleschKincaidGrade: rounded(fleschKincaid(counts), 1),
    // SMOG needs three sentences: below that it is 0 and left out of the mean rather than pull it down.
    smogIndex: c.sentences >= 3 ? rounded(smogFormula(counts), 1) : 0,
    colemanLiauIndex: rounded(colemanLiau(counts), 2),
    automatedReadabilityIndex: rounded(automatedReadability(counts), 1),
    gunningFog: rounded(gunningFog(counts), 2),
  };
  const votes = Object.entries(grades).filter(([k]) => k !== 'smogIndex' || c.sentences >= 3).map(([, v]) => v);
  return {
    words: c.words,
    sentences: c.sentences,
    syllables: c.syllables,
    fleschReadingEase: rounded(flesch(counts), 2),
    ...grades,
    daleChallScore: rounded(daleChallFormula(counts), 2),
    consensusGrade: Math.round((votes.reduce((a, b) => a + b, 0) / votes.length) * 10) / 10,
    confident: c.words >= CONFIDENT_WORDS,
    smogConfident: c.sentences >= SMOG_SENTENCES,
  };
}

/** Flesch–Kincaid grade of one sentence, to point at the hardest sentences. */
export function sentenceGrade(s: Sentence, easy?: (w: Word, i: number) => boolean): number {
  const words = s.words.length;
  if (words === 0) return 0;
  const syllables = s.words.reduce((n, w, i) => n + (easy?.(w, i) ? 1 : w.syllables), 0);
  return rounded(fleschKincaid({ sentence: 1, word: words, syllable: syllables }), 1);
}

/**
 * Half away from zero, as text-readability rounds positive figures (it rounded negative ones a step down:
 * −0.44 to −0.5). A formula missing a count it needs (the packages answer NaN, not a number) scores 0.
 */
function rounded(x: number, places: number): number {
  if (Number.isNaN(x)) return 0;
  const k = 10 ** places;
  return (Math.sign(x) * Math.floor(Math.abs(x) * k + 0.5)) / k;
}
