import type { Finding, Persona, Recommendation } from './types.ts';
import { firstSorted } from './first-sorted.ts';
import { goalScore, penalty, round1, weightedOverall } from './scoring.ts';

export const MAX_RECOMMENDATIONS = 10;

/** Findings grouped by the passage they flag (same offset and length): fixed together, they make one recommendation. */
export function passages(findings: readonly Finding[]): Finding[][] {
  const byPassage = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.offset}:${f.length}`;
    const group = byPassage.get(key);
    if (group) group.push(f);
    else byPassage.set(key, [f]);
  }
  return [...byPassage.values()];
}

/**
 * A persona's rewrites for one unit (its findings grouped by `passages`), ranked by how many overall
 * points each would win back.
 */
export function recommend(persona: Persona, grouped: readonly Finding[][], words: number, limit = MAX_RECOMMENDATIONS): Recommendation[] {
  const applies = (f: Finding): boolean => f.personas.includes(persona.id);
  const mine = grouped.flatMap((group) => (group.every(applies) ? [group] : group.some(applies) ? [group.filter(applies)] : []));
  const totals = persona.goals.map((g) => mine.reduce((n, group) => group.reduce((m, f) => m + penalty(g, f), n), 0));
  const overall = weightedOverall(persona, totals.map((t) => goalScore(t, words)));

  // Rank first, then write the wording of the few that are kept.
  const ranked: { group: Finding[]; gain: number }[] = [];
  for (const group of mine) {
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
