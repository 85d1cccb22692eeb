import type { Finding, Recommendation } from './types.ts';
import { firstSorted } from './first-sorted.ts';
import { goalScore, round1, weightedOverall, type Ledger } from './scoring.ts';

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
export function recommend({ persona, costs, totals, indexOf }: Ledger, grouped: readonly Finding[][], words: number, limit = MAX_RECOMMENDATIONS): Recommendation[] {
  const n = persona.goals.length;
  const overall = weightedOverall(persona, totals.map((t) => goalScore(t, words)));
  // Rank first, then write the wording of the few that are kept.
  const ranked: { group: Finding[]; gain: number; cost: number[] }[] = [];
  for (const passage of grouped) {
    const group = passage.filter((f) => indexOf.has(f));
    if (group.length === 0) continue;
    const cost = persona.goals.map((_, g) => group.reduce((sum, f) => sum + (costs[(indexOf.get(f) ?? 0) * n + g] ?? 0), 0));
    const gain = round1(weightedOverall(persona, cost.map((c, g) => goalScore((totals[g] ?? 0) - c, words))) - overall);
    if (gain > 0) ranked.push({ group, gain, cost });
  }
  const kept = firstSorted(ranked, limit, (a, b) => b.gain - a.gain || (a.group[0] as Finding).offset - (b.group[0] as Finding).offset);
  return kept.map(({ group, gain, cost }) => {
    const first = group[0] as Finding;
    const hurt = persona.goals.filter((_, g) => (cost[g] ?? 0) > 0).map((g) => g.label.toLowerCase());
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
