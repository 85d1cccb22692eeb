/**
 * The first `n` items in `compare` order, as `[...items].sort(compare).slice(0, n)` gives them (ties keep
 * input order), without sorting all of them: scoring asks for the top three of hundreds, per goal and persona.
 */
export function firstSorted<T>(items: Iterable<T>, n: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  if (n <= 0) return kept;
  for (const item of items) {
    if (kept.length === n && compare(item, kept[n - 1] as T) >= 0) continue;
    let at = kept.length === n ? n - 1 : kept.length;
    while (at > 0 && compare(item, kept[at - 1] as T) < 0) {
      kept[at] = kept[at - 1] as T;
      at--;
    }
    kept[at] = item;
  }
  return kept;
}
