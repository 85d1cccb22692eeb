import { findNodeAtOffset, parseTree } from 'jsonc-parser';
import type { AssetFormat, Result, Unit } from '../engine/types.ts';
import { fail, ok } from '../engine/types.ts';
import { LineIndex } from '../engine/positions.ts';
import { readJsonMacros, type RawMacro } from '../engine/parse/macros-json.ts';
import { readCsvMacros } from '../engine/parse/macros-csv.ts';
import { csvRecord, type Field } from '../ci/locate.ts';
import { applyEdits, type Edit } from './apply.ts';

/** A unit and the edits of its source text. */
export interface UnitEdits {
  unit: Unit;
  edits: readonly Edit[];
}

/**
 * The file's text with each unit's edits written back. For Markdown, HTML and plain text the unit's source is the
 * file, so the edits apply as they are. A macro's source is its reply, decoded from a JSON string or a CSV field:
 * the edited reply is encoded again (JSON escapes, CSV quoting) over that string or field alone, and the file is
 * read back to check it still holds the same macros, with only the edited replies changed.
 */
export function writeBack(fileText: string, format: AssetFormat, changed: readonly UnitEdits[]): Result<string> {
  switch (format) {
    case 'markdown':
    case 'html':
    case 'text':
      return ok(applyEdits(fileText, changed.flatMap((c) => c.edits)));
    case 'docx':
      return fail('not-fixable', 'a .docx file cannot be fixed in place');
    case 'macros-json':
    case 'macros-csv':
      return writeMacros(fileText, format, changed);
  }
}

function writeMacros(fileText: string, format: 'macros-json' | 'macros-csv', changed: readonly UnitEdits[]): Result<string> {
  const lines = new LineIndex(fileText);
  const locate = format === 'macros-json' ? jsonBodies(fileText) : csvBodies(fileText);
  const edits: Edit[] = [];
  const bodies = new Map<number, string>();
  for (const { unit, edits: own } of changed) {
    if (own.length === 0) continue;
    const at = unit.origin && lines.offsetOf(unit.origin.line, unit.origin.column);
    const place = at === undefined ? undefined : locate(at);
    if (!place || place.value !== unit.source) return fail('fix-stale', `the reply of macro "${unit.title}" is not where the audit found it; the file changed while it was fixed`);
    const body = applyEdits(unit.source, own);
    edits.push({ offset: place.offset, length: place.length, content: place.encode(body) });
    bodies.set(macroIndex(unit), body);
  }
  const text = applyEdits(fileText, edits);
  return sameMacros(fileText, text, format, bodies) ? ok(text) : fail('fix-unverified', 'writing the fixed replies back would change more than the replies, so the file was left as it was (please report this)');
}

/** Where a reply sits in the file: the span holding it (quotes included) and how to encode a new reply there. */
interface Place {
  value: string;
  offset: number;
  length: number;
  encode: (body: string) => string;
}

/** JSON: the string literal whose content starts at `at`; JSON.stringify escapes whatever the new reply holds. */
function jsonBodies(fileText: string): (at: number) => Place | undefined {
  const root = parseTree(fileText, [], { allowTrailingComma: false, disallowComments: true });
  return (at) => {
    const node = root && findNodeAtOffset(root, at);
    if (node?.type !== 'string' || node.offset !== at - 1 || typeof node.value !== 'string') return undefined;
    return { value: node.value, offset: node.offset, length: node.length, encode: (body) => JSON.stringify(body) };
  };
}

/** CSV: the body column's field of the record that starts on the line at `at`, quoted as RFC 4180 needs. */
function csvBodies(fileText: string): (at: number) => Place | undefined {
  const column = bodyColumn(csvRecord(fileText, 0).map((f) => f.value));
  return (at) => {
    const field = column === undefined ? undefined : csvRecord(fileText, at)[column];
    if (!field) return undefined;
    const { start, end, quoted } = extent(fileText, field);
    return { value: field.value, offset: start, length: end - start, encode: (body) => (quoted || /[",\r\n]/.test(body) ? `"${body.replaceAll('"', '""')}"` : body) };
  };
}

/** A decoded CSV field's span in the file, its quotes included. */
function extent(fileText: string, field: Field): { start: number; end: number; quoted: boolean } {
  const first = field.map[0] ?? 0;
  const last = field.map[field.map.length - 1] ?? first;
  // An unquoted field follows a comma or a line break, never a quote.
  const quoted = fileText[first - 1] === '"';
  return quoted ? { start: first - 1, end: last + 1, quoted } : { start: first, end: last, quoted };
}

/**
 * The index of the column the engine reads replies from, asked of the engine itself: a one-row CSV under the same
 * header, whose fields are their own column numbers, is read, and its reply is the body column's number.
 */
function bodyColumn(header: string[]): number | undefined {
  const row = (values: string[]): string => values.map((v) => `"${v.replaceAll('"', '""')}"`).join(',');
  const probe = readCsvMacros(`${row(header)}\n${row(header.map((_, i) => String(i)))}\n`);
  const body = probe.ok ? probe.value[0]?.body : undefined;
  return body === undefined ? undefined : Number(body);
}

/** `macro:<n>` → the macro's index in the export. */
function macroIndex(unit: Unit): number {
  return Number(unit.id.slice('macro:'.length)) - 1;
}

/** Whether `after` reads as the same macros as `before`, with the replies in `bodies` (by macro index) changed. */
function sameMacros(before: string, after: string, format: 'macros-json' | 'macros-csv', bodies: ReadonlyMap<number, string>): boolean {
  const read = (text: string): Result<RawMacro[]> => (format === 'macros-json' ? readJsonMacros(text) : readCsvMacros(text));
  const old = read(before);
  const now = read(after);
  if (!old.ok || !now.ok || old.value.length !== now.value.length) return false;
  return old.value.every((m, i) => {
    const n = now.value[i];
    return n !== undefined && n.index === m.index && n.title === m.title && n.html === m.html && n.body === (bodies.get(m.index) ?? m.body);
  });
}
