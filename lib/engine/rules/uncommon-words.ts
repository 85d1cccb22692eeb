import { knows, type Candidate, type Rule } from './candidate.ts';
import { explainedAt } from './explained.ts';
import { frequencyRank } from './frequency.ts';
import { MIN_VOCABULARY } from '../persona/schema.ts';
import { lemmas } from '../grammar/lemma.ts';
import { memoise } from '../memo.ts';

/** Contractions are judged by their stem ("we'll" → "we"); hyphenated compounds by their rarest part. */
function rankOf(lower: string): number {
  if (!lower.includes("'") && !lower.includes('-')) return wordRank(lower);
  return Math.max(...lower.replace(/'.*$/, '').split('-').map(wordRank));
}

/** Parts of a closed compound ("breastfeeding", "homeowner") must each be this common, and this long. */
const COMPOUND_PART_RANK = 5000;
const COMPOUND_PART_LENGTH = 4;

/** Particles that open everyday compounds however short they are: "upload", "outbox", "backup". */
const PARTICLES = ['up', 'out', 'back', 'down', 'over', 'under', 'in', 'on'];
const PREFIXES = ['un', 'non'];
const SUFFIXES = ['able', 'ible', 'age', 'ment', 'ness', 'ly', 'er', 'ful', 'less'];

/**
 * A word is as common as its most common lemma ("incomes" → "income", "limiting" → "limit"); a closed compound
 * of two everyday words ("breastfeeding", "upload") and a plain derivation of an everyday word ("unusable",
 * "usage", "holder", "monthly") are everyday too.
 */
const wordRank = memoise(rankFromParts);

function rankFromParts(lower: string): number {
  const best = lemmaRank(lower);
  if (best <= COMPOUND_PART_RANK) return best;
  const parts = [...compoundParts(lower), ...derivationBases(lower)];
  return parts.length > 0 ? Math.min(best, COMPOUND_PART_RANK) : best;
}

function lemmaRank(lower: string): number {
  let best = frequencyRank(lower);
  if (best <= MIN_VOCABULARY) return best;
  for (const lemma of lemmas(lower)) best = Math.min(best, frequencyRank(lemma));
  return best;
}

const everyday = (w: string): boolean => w.length >= 2 && lemmaRank(w) <= COMPOUND_PART_RANK;

/** Splits of a closed compound into two everyday words, each at least four letters unless a particle opens it. */
function compoundParts(lower: string): string[] {
  const found: string[] = [];
  for (let i = 2; i <= lower.length - COMPOUND_PART_LENGTH; i++) {
    const a = lower.slice(0, i);
    if ((i >= COMPOUND_PART_LENGTH || PARTICLES.includes(a)) && everyday(a) && everyday(lower.slice(i))) found.push(a);
  }
  return found;
}

/** Everyday words this one derives from by one prefix and one suffix: "unusable" → "use", "happiness" → "happy". */
function derivationBases(lower: string): string[] {
  const stems = [lower, ...PREFIXES.filter((p) => lower.startsWith(p) && lower.length - p.length >= COMPOUND_PART_LENGTH).map((p) => lower.slice(p.length))];
  const bases = stems.slice(1);
  for (const stem of stems) {
    for (const suffix of SUFFIXES) {
      if (!stem.endsWith(suffix) || stem.length - suffix.length < 2) continue;
      const base = stem.slice(0, -suffix.length);
      // "us" + "able" is "use" + "able": a base this short counts only with its dropped "e".
      bases.push(...(base.length >= 3 ? [base] : []), `${base}e`, ...(base.endsWith('i') ? [`${base.slice(0, -1)}y`] : []));
    }
  }
  return bases.filter(everyday);
}

/**
 * Words outside the persona's everyday vocabulary: rarer than the persona's
 * `vocabulary` rank in spoken English. Capitalised words mid-sentence are
 * names, and names, numbers, codes and web addresses are not vocabulary.
 */
export const uncommonWordRule: Rule = {
  id: 'uncommon-word',
  run(ctx, emit) {
    // First uses wait until the whole unit is read: a word the document explains anywhere is not flagged.
    const firstUse = new Map<string, Candidate>();
    const explained = new Set<string>();
    for (const { sentence, block } of ctx.sentences) {
      for (const [i, w] of sentence.words.entries()) {
        if (w.lower.length < 4 || /[\d.@&_]/.test(w.lower) || explained.has(w.lower)) continue;
        const raw = block.text.slice(w.start, w.end);
        const capitalised = raw[0] !== w.lower[0];
        const rank = rankOf(w.lower);
        if (rank <= MIN_VOCABULARY) continue; // every persona knows these
        if (explainedAt({ words: sentence.words, from: i, to: i + 1, blockText: block.text, blockKind: block.kind })) explained.add(w.lower);
        if ((capitalised && (i > 0 || rank === Infinity)) || firstUse.has(w.lower)) continue; // names, and uses after the first
        firstUse.set(w.lower, {
          ruleId: 'uncommon-word',
          category: 'uncommon-word',
          severity: 'info',
          message: `“${raw}” is not an everyday word; use a common word or explain it.`,
          blockIndex: sentence.blockIndex,
          start: w.start,
          end: w.end,
          applies: (p) => rank > p.vocabulary && !knows(p, w.lower),
        });
      }
    }
    for (const [word, candidate] of firstUse) if (!explained.has(word)) emit(candidate);
  },
};
