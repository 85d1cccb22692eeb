// text-readability ships no types; these cover what clarity uses of it (its Dale–Chall list) and what the tests compare with.
declare module 'text-readability' {
  interface Readability {
    fleschReadingEase(text: string): number;
    fleschKincaidGrade(text: string): number;
    smogIndex(text: string): number;
    colemanLiauIndex(text: string): number;
    automatedReadabilityIndex(text: string): number;
    daleChallReadabilityScore(text: string): number;
    gunningFog(text: string): number;
    syllableCount(text: string): number;
    sentenceCount(text: string): number;
    lexiconCount(text: string): number;
    difficultWords(text: string, syllableThreshold?: number): number;
  }
  const readability: Readability;
  export default readability;
}
declare module 'text-readability/easy_words.js' {
  const easyWords: string[];
  export default easyWords;
}
