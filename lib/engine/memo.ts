/**
 * A pure function of a string, remembered: for word-level work asked again for every persona and every use
 * (ranks, lemmas). Cleared when it reaches `size` entries, so a long batch cannot grow it without bound.
 */
export function memoise<T>(fn: (key: string) => T, size = 200_000): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      if (known.size >= size) known.clear();
      known.set(key, (value = fn(key)));
    }
    return value;
  };
}
