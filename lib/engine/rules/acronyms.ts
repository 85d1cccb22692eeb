import { acronyms, everydayAcronyms } from '../lexicon/index.ts';
import type { AcronymEntry } from '../lexicon/schema.ts';
import { knows, type Rule } from './candidate.ts';
import { frequencyRank } from './frequency.ts';

const EXPANSIONS = new Map<string, AcronymEntry>(acronyms.map((a) => [a.acronym, a]));
const EVERYDAY = new Set(everydayAcronyms);
const SHAPE = /^(?=(?:.*[A-Z]){2}|.*\d.*[A-Z]|.*[A-Z].*\d)[A-Z0-9&]{2,8}$/;

/** An all-capitals word that is an ordinary word shouted ("IMPORTANT"), not an acronym. */
function isShoutedWord(acronym: string): boolean {
  return !EXPANSIONS.has(acronym) && acronym.length >= 4 && frequencyRank(acronym.toLowerCase()) < 20000;
}

/** A sentence (a heading, mostly) written all in capitals. */
function isShoutedSentence(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length > 12 && letters === letters.toUpperCase();
}

/**
 * Acronyms not spelled out at first use. Defined means the first use sits
 * next to brackets: "service level agreement (SLA)" or "SLA (service level agreement)".
 */
export const acronymRule: Rule = {
  id: 'acronym',
  run(ctx, emit) {
    const seen = new Set<string>();
    for (const { sentence, block } of ctx.sentences) {
      let shouted: boolean | undefined;
      for (const w of sentence.words) {
        // Every acronym starts with a capital, a digit or '&': most words end here, before any slicing.
        const c0 = block.text.charCodeAt(w.start);
        if (!((c0 >= 65 && c0 <= 90) || (c0 >= 48 && c0 <= 57) || c0 === 38) || w.end - w.start > 9) continue;
        const raw = block.text.slice(w.start, w.end);
        const acronym = raw.endsWith('s') && SHAPE.test(raw.slice(0, -1)) ? raw.slice(0, -1) : raw;
        if (!SHAPE.test(acronym) || EVERYDAY.has(acronym) || seen.has(acronym) || isShoutedWord(acronym)) continue;
        shouted ??= isShoutedSentence(block.text.slice(sentence.start, sentence.end));
        if (shouted) break; // a heading in capitals: its words are not acronyms
        seen.add(acronym);
        const defined = block.text[w.start - 1] === '(' || /^\s*\(/.test(block.text.slice(w.end, w.end + 3));
        if (defined) continue;
        const entry = EXPANSIONS.get(acronym);
        emit({
          ruleId: 'acronym',
          category: 'acronym',
          severity: 'warning',
          message: entry
            ? `Spell out “${acronym}” the first time: ${entry.expansion} (${acronym}).`
            : `“${acronym}” is not defined at first use: spell it out, then give the short form in brackets.`,
          blockIndex: sentence.blockIndex,
          start: w.start,
          end: w.start + acronym.length,
          ...(entry ? { suggestion: `${entry.expansion} (${acronym})` } : {}),
          applies: (p) => !knows(p, acronym) && !(entry?.packs.some((pack) => p.knownPacks.includes(pack)) ?? false),
        });
      }
    }
  },
};
