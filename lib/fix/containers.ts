import type { AssetFormat, Result, Unit } from '../engine/types.ts';
import { fail, ok } from '../engine/types.ts';
import { readJsonMacros, type RawMacro } from '../engine/parse/macros-json.ts';
import { readCsvMacros } from '../engine/parse/macros-csv.ts';
import type { ExportText } from '../engine/parse/body-map.ts';
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
  const edits: Edit[] = [];
  const bodies = new Map<number, string>();
  // The body map says where the parse found the reply: a unit parsed from another text is no guide to this one.
  // The units of one parse share its text, so it is compared once, not once per reply.
  let parsedFromThis: ExportText | undefined;
  for (const { unit, edits: own } of changed) {
    if (own.length === 0) continue;
    const map = unit.bodyMap;
    if (map && map.file !== parsedFromThis && map.file.text === fileText) parsedFromThis = map.file;
    if (!map || map.file !== parsedFromThis) return fail('fix-stale', `the reply of macro "${unit.title}" is not where the audit found it; the file changed while it was fixed`);
    const body = applyEdits(unit.source, own);
    edits.push({ offset: map.start, length: map.end - map.start, content: encode(format, body, map.quoted) });
    bodies.set(macroIndex(unit), body);
  }
  const text = applyEdits(fileText, edits);
  return sameMacros(fileText, text, format, bodies) ? ok(text) : fail('fix-unverified', 'writing the fixed replies back would change more than the replies, so the file was left as it was (please report this)');
}

/** A reply as its file holds it: a JSON string literal (JSON.stringify escapes whatever it holds), or a CSV field quoted as RFC 4180 needs. */
function encode(format: 'macros-json' | 'macros-csv', body: string, quoted: boolean): string {
  if (format === 'macros-json') return JSON.stringify(body);
  return quoted || /[",\r\n]/.test(body) ? `"${body.replaceAll('"', '""')}"` : body;
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
