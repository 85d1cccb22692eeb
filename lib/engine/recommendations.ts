import type { Finding, Persona, Recommendation } from './types.ts';
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
    passages.set(key, [...(passages.get(key) ?? []), f]);
  }
  const ranked: Recommendation[] = [];
  for (const group of passages.values()) {
    const first = group[0] as Finding;
    const without = persona.goals.map((g, i) => goalScore((totals[i] ?? 0) - group.reduce((n, f) => n + penalty(g, f), 0), words));
    const gain = round1(weightedOverall(persona, without) - overall);
    if (gain <= 0) continue;
    const hurt = persona.goals.filter((g) => group.some((f) => penalty(g, f) > 0)).map((g) => g.label.toLowerCase());
    const replacement = group.find((f) => f.suggestion !== undefined)?.suggestion;
    ranked.push({
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
    });
  }
  return ranked.sort((a, b) => b.gain - a.gain || a.offset - b.offset).slice(0, limit);
}
