import type { PhraseMatch } from './phrase-rule.ts';

/** "X (the amount you pay…)": a gloss of two or more words in brackets, not a bare acronym "(EFT)". */
const BRACKET_GLOSS = /^["”’*_]*\s*\((?![A-Z0-9&]+\))[^()]*\s[^()]*\)/;
/** The noun after a modifier term, then a bracket that says what it is: "[service-connected] disability (a disability linked to…)". */
const MODIFIER_GLOSS = /^\s+\p{Ll}+\s*\((?:a|an|the)\s[^()]*\s[^()]*\)/u;
/** "X, which is…", "X means…", "X refers to…", "X is defined as…". */
const DEFINING_VERB = /^["”’*_]*\s*(?:,\s*(?:which|that|or)\s+(?:is|are|means?)\b|(?:means?|refers? to|(?:is|are) defined as|(?:is|are) (?:when|how|what))\b)/;
/** "X — that is, you could get sued", "X, i.e. the amount…", "X, in other words …". */
const RESTATED = /^["”’*_]*\s*(?:,|\s[–—-]|[–—])\s*(?:that is|i\.e\.|in other words|meaning)\b/;
/** "X is the amount…": a definition only where X opens the sentence or its main clause. */
const IS_A = /^["”’*_]*\s*(?:is|are)\s+(?:the|a|an)\b/;
/**
 * Glossary style, "X: the amount you pay…", "X – the amount…" or "X Information: …", with X opening its block; not a
 * label ("X: 2%").
 */
const GLOSSARY = /^["”’*_]*(?:\s+\p{Lu}\p{L}*){0,2}["”’*_]*\s*(?::|\s[–—-])\s*["“*_]*\p{L}+\s+\p{L}+\s+\p{L}/u;
/** A glossary entry with its term as a label and no colon: "Copayment A fixed amount you pay…", "Premium A premium is…". */
const GLOSSARY_LABEL = /^["”’*_]*\s+(?:A|An|The)\s+\p{Ll}/u;
/** "third parties, such as platform partners and your employer": examples that say what the term covers. */
const EXAMPLES = /^["”’*_]*\s*,?\s*such as\s/;
const GLOSS_REACH = 400;
const CLAUSE_LOOKBACK = 16;
const DETERMINERS = new Set(['a', 'an', 'the', 'your', 'our', 'this', 'each']);
const POINTING_BACK = new Set(['this', 'these']);
/** Words that introduce a name for what came before: "the amount you pay first, called a deductible". */
const NAMING = new Set(['called', 'named', 'termed']);

/**
 * Whether the words around a matched term explain it, so a reader of this document meets the term with its
 * meaning: a bracketed gloss, "X means…", "X, which is…", "X — that is, …", "X is the…" opening a sentence, a glossary entry
 * (with a colon, or a label followed by its definition: "Copayment A fixed amount…"), examples ("X, such as…"), the term
 * in quotes as the writer names it, a
 * heading that is the term or asks "What is X?", "…, called X" / "known as X", or "this X" pointing back.
 */
export function explainedAt(m: Pick<PhraseMatch, 'words' | 'from' | 'to' | 'blockText' | 'blockKind'>): boolean {
  // What follows the term, as far as a gloss reaches: the patterns below never need more, and a bounded slice keeps
  // BRACKET_GLOSS from rescanning the rest of a long block after every match.
  const from = (m.words[m.to - 1] ?? { end: 0 }).end;
  const after = m.blockText.slice(from, from + GLOSS_REACH);
  if (BRACKET_GLOSS.test(after) || DEFINING_VERB.test(after) || RESTATED.test(after) || EXAMPLES.test(after)) return true;
  // A hyphenated modifier glossed with its noun: "a service-connected disability (a disability linked to your
  // service)"; not a bracket that qualifies it ("a service-connected disability (even if only 0%)").
  if (m.words[m.to - 1]?.lower.includes('-') && MODIFIER_GLOSS.test(after)) return true;
  // A term in quotes is one the writer is naming, with what it is around it: "for a single visit (through a
  // 'session cookie')", the contract's ("Beta Software").
  const first = m.words[m.from];
  if (first && /["“‘']\s*$/.test(m.blockText.slice(Math.max(0, first.start - 2), first.start)) && /^["”’']/.test(after)) return true;
  let start = m.from;
  while (start > 0 && DETERMINERS.has(m.words[start - 1]?.lower ?? '')) start--;
  const at = (m.words[start] ?? { start: 0 }).start;
  // "X is the…" opening the sentence, or its main clause after an opening phrase ("If you need care, a deductible is…").
  // Only the few characters before the term are read: a test anchored at the end of everything before it would
  // scan the whole block at every match, quadratic in one long block.
  const opensClause = start === 0 || /,\s*["“*_]*$/.test(m.blockText.slice(Math.max(0, at - CLAUSE_LOOKBACK), at));
  if (opensClause && IS_A.test(after)) return true;
  const before = m.blockText.slice(0, at);
  const opensBlock = /^[\s"“*_#>-]*$/.test(before);
  if (opensBlock && (GLOSSARY.test(after) || GLOSSARY_LABEL.test(after) || (m.blockKind === 'heading' && /^[\s"”*_?:]*$/.test(after)))) return true;
  // "this mortgage protection insurance", "these web analytics data": the writer points back to what the page has
  // just described in other words. A single rare word after "this" ("this lexicon") is no such name.
  if (m.to - m.from > 1 && POINTING_BACK.has(m.words[m.from - 1]?.lower ?? '')) return true;
  const p1 = m.words[start - 1]?.lower;
  const p2 = m.words[start - 2]?.lower;
  if (NAMING.has(p1 ?? '') || (p1 === 'as' && p2 === 'known')) return true;
  // "What is a deductible?", "What are cookies?"
  return (p1 === 'is' || p1 === 'are') && p2 === 'what' && m.from - start <= 1 && /^\s*\?/.test(after);
}
