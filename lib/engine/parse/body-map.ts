/** A macro export's decoded text: one object shared by the body maps of all its macros (a thread copies it once). */
export interface ExportText {
  text: string;
}

/**
 * Where a macro's reply sits in its export, kept from the parse: the engine audits the reply as decoded (JSON
 * escapes and CSV doubled quotes undone), and this maps each offset of it back to the file's text, so no one
 * decodes the file a second time to place a finding. Runs, not one entry per character: `runs` holds pairs
 * (reply offset, file offset), each starting a stretch the reply copies from the file character for character.
 * An escape (`\n`, `\"`, `\u00e9`) or a doubled quote ends one, as one reply character stands for several of the file's.
 */
export interface BodyMap {
  file: ExportText;
  /** The JSON string or CSV field holding the reply, in file offsets: its quotes included, `end` exclusive. */
  start: number;
  end: number;
  quoted: boolean;
  runs: Int32Array;
}

/**
 * The key of a unit report's body map. A symbol, so the map stays in memory with the report (object spread copies
 * it) and out of everything written from it: JSON.stringify skips symbol keys, so no output format, baseline or stored
 * report changes. A report read back from JSON has none, and its macros are placed by line.
 */
export const BODY_MAP: unique symbol = Symbol('clarity.bodyMap');

/** The file offset of a reply offset (up to and including the reply's length, which maps to its end). */
export function fileOffset(map: BodyMap, offset: number): number {
  const { runs } = map;
  let lo = 0;
  let hi = (runs.length >> 1) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((runs[mid * 2] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return (runs[lo * 2 + 1] as number) + offset - (runs[lo * 2] as number);
}

/**
 * The map of a JSON string literal of `length` characters at `offset` (its quotes included) that decodes to `value`.
 * Each escape is 2 characters or 6 (`\uXXXX`) for one of the value's, so how much shorter the value is than the
 * literal says how many escapes to step over; looking no further keeps a long export linear.
 */
export function jsonBodyMap(file: ExportText, offset: number, length: number, value: string): BodyMap {
  const { text } = file;
  const runs = [0, offset + 1];
  let body = 0;
  let at = offset + 1;
  for (let shorter = length - 2 - value.length; shorter > 0; ) {
    const escape = text.indexOf('\\', at);
    const size = text[escape + 1] === 'u' ? 6 : 2;
    body += escape - at + 1;
    at = escape + size;
    shorter -= size - 1;
    runs.push(body, at);
  }
  return { file, start: offset, end: offset + length, quoted: true, runs: new Int32Array(runs) };
}

/**
 * The map of a CSV field that starts at `start` and holds `value`: as it is when unquoted; when quoted, inside its
 * quotes, each quote of the value written twice (RFC 4180, as csv-parse reads it with its default quote and escape).
 */
export function csvFieldMap(file: ExportText, start: number, value: string, quoted: boolean): BodyMap {
  if (!quoted) return { file, start, end: start + value.length, quoted, runs: Int32Array.of(0, start) };
  const runs = [0, start + 1];
  let doubled = 0;
  for (let q = value.indexOf('"'); q !== -1; q = value.indexOf('"', q + 1)) {
    doubled++;
    runs.push(q + 1, start + 1 + q + 1 + doubled);
  }
  return { file, start, end: start + 2 + value.length + doubled, quoted, runs: new Int32Array(runs) };
}
