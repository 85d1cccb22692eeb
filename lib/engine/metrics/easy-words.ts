import easyWords from 'text-readability/easy_words.js';

/** The Dale–Chall list of familiar words that text-readability's formulas use (2,949 words). */
const EASY = new Set(easyWords.map((w) => w.toLowerCase()));

const INFLECTIONS = [['s', ''], ['es', ''], ['ies', 'y'], ['ed', ''], ['ed', 'e'], ['ing', ''], ['ing', 'e'], ["'s", '']] as const;

/** Dale–Chall familiarity, accepting the simple inflections the list leaves out (plurals, -ed, -ing). */
export function isEasyWord(lower: string): boolean {
  if (EASY.has(lower)) return true;
  for (const [suffix, repl] of INFLECTIONS) {
    if (lower.endsWith(suffix) && EASY.has(lower.slice(0, -suffix.length) + repl)) return true;
  }
  return false;
}
