import readability from 'text-readability';
import type { ReadabilityMetrics, Sentence, Word } from '../types.ts';
import type { TextCounts } from './counts.ts';

/** Under this many words the grades swing too much to be trusted. */
export const CONFIDENT_WORDS = 100;
/** SMOG was calibrated on 30-sentence samples. */
export const SMOG_SENTENCES = 30;

/**
 * Document readability through text-readability's own formulas, fed with
 * clarity's counts instead of its text scanning. What is corrected, and why:
 * - sentences come from clarity's splitter (its own needs one space and a capital letter);
 * - syllables come from the CMU dictionary (its counter says walked 2, science 1);
 * - Dale–Chall and Gunning fog count every difficult word, not each distinct one once;
 * - averages are not rounded to one decimal before the formulas;
 * - text without words gets zeros and `confident: false`, not FK −15.7;
 * - the consensus grade is the mean of the five grade formulas (FK, SMOG, Coleman–Liau, ARI, fog), not
 *   text-readability's vote of whole grades, which ties close texts: on the OneStopEnglish triples the vote
 *   orders 0.381 of them, the mean 0.963 (npm run bench).
 * The formulas and their constants stay text-readability's.
 */
export function documentMetrics(c: TextCounts): ReadabilityMetrics {
  if (c.words === 0 || c.sentences === 0) {
    return { words: 0, sentences: 0, syllables: 0, fleschReadingEase: 0, fleschKincaidGrade: 0, smogIndex: 0, colemanLiauIndex: 0, automatedReadabilityIndex: 0, daleChallScore: 0, gunningFog: 0, consensusGrade: 0, confident: false, smogConfident: false };
  }
  const r = fedWith(c);
  const grades = {
    fleschKincaidGrade: r.fleschKincaidGrade(''),
    smogIndex: r.smogIndex(''),
    colemanLiauIndex: r.colemanLiauIndex(''),
    automatedReadabilityIndex: r.automatedReadabilityIndex(''),
    gunningFog: r.gunningFog(''),
  };
  // SMOG needs three sentences (text-readability returns 0 below that): leave it out rather than pull the mean down.
  const votes = Object.entries(grades).filter(([k]) => k !== 'smogIndex' || c.sentences >= 3).map(([, v]) => v);
  return {
    words: c.words,
    sentences: c.sentences,
    syllables: c.syllables,
    fleschReadingEase: r.fleschReadingEase(''),
    ...grades,
    daleChallScore: r.daleChallReadabilityScore(''),
    consensusGrade: Math.round((votes.reduce((a, b) => a + b, 0) / votes.length) * 10) / 10,
    confident: c.words >= CONFIDENT_WORDS,
    smogConfident: c.sentences >= SMOG_SENTENCES,
  };
}

/** A text-readability instance whose counting methods answer from `c` (the text argument is ignored). */
function fedWith(c: TextCounts): typeof readability {
  const r = Object.create(readability) as Record<string, unknown>;
  Object.assign(r, {
    lexiconCount: () => c.words,
    sentenceCount: () => c.sentences,
    syllableCount: () => c.syllables,
    charCount: () => c.characters,
    letterCount: () => c.letters,
    polySyllableCount: () => c.polysyllables,
    difficultWords: (_: string, threshold = 2) => (threshold >= 3 ? c.complexWords : c.difficultWords),
    averageSentenceLength: () => c.words / c.sentences,
    averageSyllablePerWord: () => c.syllables / c.words,
  });
  return r as unknown as typeof readability;
}

/** Flesch–Kincaid grade of one sentence, to point at the hardest sentences. */
export function sentenceGrade(s: Sentence, easy?: (w: Word, i: number) => boolean): number {
  const words = s.words.length;
  if (words === 0) return 0;
  const syllables = s.words.reduce((n, w, i) => n + (easy?.(w, i) ? 1 : w.syllables), 0);
  return Math.round((0.39 * words + 11.8 * (syllables / words) - 15.59) * 10) / 10;
}
