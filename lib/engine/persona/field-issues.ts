// Works on zod and zod/mini schemas alike (they share zod's core), so the persona schema can stay on zod/mini.
interface SchemaLike {
  _zod: { def: Def };
}
interface Def {
  type: string;
  shape?: Record<string, SchemaLike>;
  innerType?: SchemaLike;
  element?: SchemaLike;
  valueType?: SchemaLike;
  keyType?: SchemaLike;
  entries?: Record<string, string | number>;
  in?: SchemaLike;
}
interface IssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/**
 * One line per problem, `path: message`. An unknown field (a strict object's unrecognized key) is named with the
 * nearest known field at that place, so `maxSentenceLenght` says `did you mean "maxSentenceLength"?`.
 */
export function describeIssues(issues: readonly IssueLike[], schema: SchemaLike, root: string): string[] {
  return issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code !== 'unrecognized_keys' || !issue.keys) return [`${at.join('.') || root}: ${issue.message}`];
    const known = fieldsAt(schema, issue.path) ?? [];
    return issue.keys.map((key) => {
      const near = nearest(key, known);
      const hint = near ? `did you mean "${near}"?` : known.length ? `the fields here are ${known.join(', ')}` : 'remove it';
      return `${[...at, key].join('.')}: unknown field; ${hint}`;
    });
  });
}

/** The field names the schema knows for the object (or enum-keyed record) at `path`, or undefined when there is none. */
export function fieldsAt(schema: SchemaLike, path: readonly PropertyKey[]): string[] | undefined {
  let def: Def | undefined = unwrap(schema._zod.def);
  for (const segment of path) {
    if (!def) return undefined;
    if (def.type === 'object') def = def.shape?.[String(segment)]?._zod.def;
    else if (def.type === 'array') def = def.element?._zod.def;
    else if (def.type === 'record') def = def.valueType?._zod.def;
    else return undefined;
    def = def && unwrap(def);
  }
  if (def?.type === 'object' && def.shape) return Object.keys(def.shape);
  // A record keyed by an enum (the config's rules): its keys are the enum's values.
  const keys = def?.type === 'record' && def.keyType ? unwrap(def.keyType._zod.def) : undefined;
  return keys?.type === 'enum' && keys.entries ? Object.values(keys.entries).map(String) : undefined;
}

function unwrap(def: Def): Def {
  let d = def;
  for (;;) {
    const inner = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
    if (!inner) return d;
    d = inner._zod.def;
  }
}

/** The known name closest to `name` (ignoring case), if it is close enough to be a slip of the keyboard. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
function distance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i]!;
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}
