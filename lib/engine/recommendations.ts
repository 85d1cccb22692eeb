import type { Finding, Persona, Recommendation } from './types.ts';
import { firstSorted } from './first-sorted.ts';
import { goalScore, penalty, round1, weightedOverall } from './scoring.ts';

export const MAX_RECOMMENDATIONS = 10;

/**
 * A persona's rewrites for one unit, ranked by how many overall points each
 * would win back: findings on the same passage are fixed together, so they
 * make one recommendation.
 */
export function recommend(persona: Persona, findings: readonly Finding[], words: number, limit = MAX_RECOMMENDATIONS): Recommendation[] {
  const mine = findings.filter((f) => f.personas.includes(persona.id));
  const totals = persona.goals.map((g) => mine.reduce((n, f) => n + penalty(g, f), 0));
  const overall = weightedOverall(persona, totals.map((t) => goalScore(t, words)));

  const passages = new Map<string, Finding[]>();
  for (const f of mine) {
    const key = `${f.offset}:${f.length}`;
    const group = passages.get(key);
    if (group) group.push(f);
    else passages.set(key, [f]);
  }
  // Rank first, then write the wording of the few that are kept.
  const ranked: { group: Finding[]; gain: number }[] = [];
  for (const group of passages.values()) {
    const without = persona.goals.map((g, i) => goalScore((totals[i] ?? 0) - group.reduce((n, f) => n + penalty(g, f), 0), words));
    const gain = round1(weightedOverall(persona, without) - overall);
    if (gain > 0) ranked.push({ group, gain });
  }
  const kept = firstSorted(ranked, limit, (a, b) => b.gain - a.gain || (a.group[0] as Finding).offset - (b.group[0] as Finding).offset);
  return kept.map(({ group, gain }) => {
    const first = group[0] as Finding;
    const hurt = persona.goals.filter((g) => group.some((f) => penalty(g, f) > 0)).map((g) => g.label.toLowerCase());
    const replacement = group.find((f) => f.suggestion !== undefined)?.suggestion;
    return {
      findingIds: group.map((f) => f.id),
      personaId: persona.id,
      gain,
      text: first.text,
      line: first.line,
      column: first.column,
      offset: first.offset,
      length: first.length,
      why: `${group.map((f) => f.message).join(' ')} Hurts feeling ${hurt.join(', ')}.`,
      ...(replacement !== undefined ? { replacement } : {}),
    };
  });
}
