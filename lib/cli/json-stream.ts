/**
 * A JSON object as chunks: each element of its top-level arrays (a report's units and skipped files) is its own
 * chunk. The output is byte for byte `JSON.stringify(value, null, 2)`, but no string holds all of it: a report on
 * 40,000 macros is far more than V8's longest string (2^29 - 24 characters, ~512 MiB), and one JSON.stringify of it
 * throws `RangeError: Invalid string length`.
 */
export function* jsonChunks(value: object): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => serialisable(v));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (const [i, [key, v]] of entries.entries()) {
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(v) && v.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [j, element] of v.entries()) yield `    ${indent(JSON.stringify(serialisable(element) ? element : null, null, 2), '    ')}${j < v.length - 1 ? ',' : ''}\n`;
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(v, null, 2), '  ')}${comma}\n`;
    }
  }
  yield '}';
}

/** What JSON.stringify keeps as an object member (it drops undefined, functions and symbols). */
function serialisable(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

/** JSON.stringify's own indentation for a value nested deeper: every line after the first, shifted. JSON strings hold no raw newline. */
function indent(json: string, by: string): string {
  return json.replaceAll('\n', `\n${by}`);
}
