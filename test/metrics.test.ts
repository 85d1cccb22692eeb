import { describe, expect, it } from 'vitest';
import readability from 'text-readability';
import { parseText } from '../lib/engine/parse/text.ts';
import { segment } from '../lib/engine/segment/segment.ts';
import { countParagraphs } from '../lib/engine/metrics/counts.ts';
import { documentMetrics, sentenceGrade } from '../lib/engine/metrics/readability.ts';
import { syllablesOf } from '../lib/engine/metrics/syllables.ts';
import { splitSentences } from '../lib/engine/segment/sentences.ts';
import { unitOf } from './helpers.ts';

function metricsOf(text: string) {
  const parsed = parseText(text);
  const paragraphs = segment(unitOf(text, parsed));
  const counts = countParagraphs(paragraphs, parsed.blocks);
  return { counts, metrics: documentMetrics(counts), paragraphs };
}

// Hand-counted: 19 words, 3 sentences, 29 syllables (The science(2) teacher(2) walked(1) to the area(3) near the lake.
// She read a poem(2) about(2) ninety(2) birds. We cooperate(4).), 82 letters, 85 non-space characters,
// polysyllables: area, cooperate; Dale–Chall difficult (2+ syllables, not on the list): science, area, cooperate.
const PASSAGE = 'The science teacher walked to the area near the lake. She read a poem about ninety birds. We cooperate.';

describe('syllables', () => {
  it('counts the words text-readability gets wrong', () => {
    const expected = { walked: 1, science: 2, poem: 2, area: 3, ninety: 2, cooperate: 4 };
    for (const [word, n] of Object.entries(expected)) {
      expect(syllablesOf(word), word).toBe(n);
      expect(readability.syllableCount(word), `text-readability on ${word}`).not.toBe(n);
    }
  });

  it('falls back to rules for words outside the dictionary, and adds up hyphenated parts', () => {
    expect(syllablesOf('clarityfying')).toBeGreaterThanOrEqual(4);
    expect(syllablesOf('follow-up')).toBe(3);
    expect(syllablesOf('2026')).toBe(1);
  });
});

describe('sentence splitting', () => {
  const texts = (s: string) => splitSentences(s).map((sp) => s.slice(sp.start, sp.end));
  it('splits after two spaces, trailing spaces and lowercase starts', () => {
    expect(texts('One here.  Two here. three here.')).toEqual(['One here.', 'Two here.', 'three here.']);
  });
  it('does not split after abbreviations and initials', () => {
    expect(texts('Ask Dr. Smith, e.g. by phone. J. R. Doe agrees.')).toEqual(['Ask Dr. Smith, e.g. by phone.', 'J. R. Doe agrees.']);
  });
  it('keeps closing quotes with their sentence', () => {
    expect(texts('He said "stop." Then left!')).toEqual(['He said "stop."', 'Then left!']);
  });
  it('ends a sentence at a full stop that lost its space, but not inside an address, a name or initials', () => {
    expect(texts('You agree to our Services.If you do not, stop.')).toEqual(['You agree to our Services.', 'If you do not, stop.']);
    expect(texts('It is for users.Zoosk may change it.')).toEqual(['It is for users.', 'Zoosk may change it.']);
    for (const one of ['Visit zoosk.com today.', 'We use ASP.NET and Node.js here.', 'Open at 9 a.m.Then close.', 'See section 2.The rest applies.']) expect(texts(one)).toEqual([one]);
  });
});

describe('document metrics (hand-computed)', () => {
  const { counts, metrics } = metricsOf(PASSAGE);

  it('counts words, sentences, syllables, letters and difficult words', () => {
    expect(counts).toMatchObject({ words: 19, sentences: 3, syllables: 29, letters: 82, characters: 85, polysyllables: 2, difficultWords: 3, complexWords: 2 });
  });

  it('computes each formula from the corrected counts', () => {
    // FK = 0.39 × 19/3 + 11.8 × 29/19 − 15.59 = 4.8905
    expect(metrics.fleschKincaidGrade).toBe(4.9);
    // FRE = 206.835 − 1.015 × 19/3 − 84.6 × 29/19 = 71.2804
    expect(metrics.fleschReadingEase).toBe(71.28);
    // SMOG = 1.043 × √(30 × 2/3) + 3.1291 = 7.7935
    expect(metrics.smogIndex).toBe(7.8);
    // Coleman–Liau = 0.0588 × (82/19 × 100) − 0.296 × (3/19 × 100) − 15.8 = 4.9031
    expect(metrics.colemanLiauIndex).toBe(4.9);
    // ARI = 4.71 × 85/19 + 0.5 × 19/3 − 21.43 = 2.8078
    expect(metrics.automatedReadabilityIndex).toBe(2.8);
    // Dale–Chall = 0.1579 × (3/19 × 100) + 0.0496 × 19/3 + 3.6365 = 6.4438
    expect(metrics.daleChallScore).toBe(6.44);
    // Fog = 0.4 × (19/3 + 2/19 × 100) = 6.7439
    expect(metrics.gunningFog).toBe(6.74);
    // Consensus: the mean of FK 4.9, SMOG 7.8, Coleman–Liau 4.9, ARI 2.8 and fog 6.74 = 27.14 / 5 = 5.428
    expect(metrics.consensusGrade).toBe(5.4);
    // (text-readability's own vote of whole grades says 7: FK 5,5; FRE 7; SMOG 8,8; CLI 5,5; ARI 3,3; DC 7,7; Linsear 3,3; fog 7,7.)
  });

  it('agrees with text-readability where both count alike, but for its Coleman–Liau', () => {
    // Both count 40 words, 5 sentences, 60 syllables, 5 polysyllables, 8 and 3 difficult words, 180 letters: with
    // averages that text-readability's rounding leaves alone (8 words a sentence, 1.5 syllables a word), the formulas
    // must agree.
    const text = 'The committee met at noon to vote today. The members spoke about the new budget plan. Then the chairman asked for a final vote. Nobody wanted to delay the decision any longer. The proposal passed and everyone went back home.';
    const { counts, metrics: m } = metricsOf(text);
    expect(counts).toMatchObject({ words: readability.lexiconCount(text), sentences: readability.sentenceCount(text), syllables: readability.syllableCount(text), difficultWords: readability.difficultWords(text), complexWords: readability.difficultWords(text, 3) });
    expect(m.fleschReadingEase).toBe(readability.fleschReadingEase(text));
    expect(m.fleschKincaidGrade).toBe(readability.fleschKincaidGrade(text));
    expect(m.smogIndex).toBe(readability.smogIndex(text));
    expect(m.automatedReadabilityIndex).toBe(readability.automatedReadabilityIndex(text));
    expect(m.daleChallScore).toBe(readability.daleChallReadabilityScore(text));
    expect(m.gunningFog).toBe(readability.gunningFog(text));
    // Coleman–Liau: the paper's letter weight, 0.0588 (text-readability has 0.058), and 5/40 sentences a word
    // not rounded to 0.13 first: 0.0008 × 450 letters per 100 words + 0.296 × (13 − 12.5) = 0.508.
    expect(m.colemanLiauIndex - readability.colemanLiauIndex(text)).toBeCloseTo(0.0008 * (counts.letters / counts.words) * 100 + 0.296 * 0.5, 1);
  });

  it('rounds negative grades half away from zero (text-readability rounded them a step down)', () => {
    // 8 one-syllable words: FK = 0.39 × 8 + 11.8 × 1 − 15.59 = −0.67, which text-readability made −0.8.
    const { metrics: m, paragraphs } = metricsOf('The cat sat on the big red mat. The dog ran to the old oak tree.');
    expect(m.fleschKincaidGrade).toBe(-0.7);
    expect(sentenceGrade(paragraphs[0]!.sentences[0]!)).toBe(-0.7);
  });

  it('differs from raw text-readability where its counting is wrong', () => {
    // Raw: "We cooperate." (two words) is dropped as a sentence, and syllables are miscounted.
    expect(readability.sentenceCount(PASSAGE)).toBe(2);
    expect(readability.fleschKincaidGrade(PASSAGE)).not.toBe(metrics.fleschKincaidGrade);
  });

  it('counts every difficult word, not each distinct one once', () => {
    const once = metricsOf('The committee approved it. We went home after that.').counts.difficultWords;
    const twice = metricsOf('The committee approved it. The committee went home after that.').counts.difficultWords;
    expect(twice).toBe(once + 1);
  });

  it('marks short texts as low confidence and empty text as zero, not FK −15.7', () => {
    expect(metrics.confident).toBe(false);
    expect(metricsOf(Array(30).fill('The cat sat on the mat.').join(' ')).metrics.confident).toBe(true);
    const empty = metricsOf('— … —').metrics;
    expect(empty).toMatchObject({ words: 0, fleschKincaidGrade: 0, confident: false });
    expect(readability.fleschKincaidGrade('')).toBe(-15.7);
  });

  it('flags SMOG as low confidence under 30 sentences', () => {
    expect(metrics.smogConfident).toBe(false);
    expect(metricsOf(Array(30).fill('The cat sat on the mat.').join(' ')).metrics.smogConfident).toBe(true);
  });

  it('grades single sentences', () => {
    const { paragraphs } = metricsOf(PASSAGE);
    const [first, second] = paragraphs[0]!.sentences;
    // 0.39 × 10 + 11.8 × 14/10 − 15.59 = 4.83
    expect(sentenceGrade(first!)).toBe(4.8);
    // 0.39 × 7 + 11.8 × 10/7 − 15.59 = 3.997
    expect(sentenceGrade(second!)).toBe(4);
  });
});
