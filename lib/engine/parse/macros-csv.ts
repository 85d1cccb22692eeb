import { parse, type CastingContext } from 'csv-parse/sync';
import { fail, ok, type Result } from '../types.ts';
import { LineIndex } from '../positions.ts';
import { looksLikeHtml, type RawMacro } from './macros-json.ts';
import { csvFieldMap, type ExportText } from './body-map.ts';

const BODY_COLUMNS = ['body', 'content', 'text', 'message', 'reply', 'comment', 'value', 'macro'];
const TITLE_COLUMNS = ['title', 'name', 'subject', 'macro_title'];

/** Reads a CSV macro export with a header row; the body column is found by name. */
export function readCsvMacros(source: string): Result<RawMacro[]> {
  const fields = new FieldTrail(source);
  let records: Record<string, string>[];
  try {
    records = parse(source, { columns: true, bom: true, skip_empty_lines: true, trim: false, cast: fields.cast }) as Record<string, string>[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail('malformed-csv', `the CSV cannot be read: ${message}`);
  }
  const headers = records[0] ? Object.keys(records[0]) : firstLine(source);
  const body = pick(headers, BODY_COLUMNS);
  if (!body) {
    return fail('csv-no-body-column', `no body column in the header row (found: ${headers.join(', ') || 'nothing'}); name one of: ${BODY_COLUMNS.join(', ')}`);
  }
  const title = pick(headers, TITLE_COLUMNS);
  if (records.length === 0) return fail('no-macros', 'the CSV has a header row but no macros');
  // A header named twice leaves its last column's value in the record.
  const column = fields.header.lastIndexOf(body);
  const lines = new LineIndex(source);
  const file: ExportText = { text: source };
  return ok(
    records.map((record, index) => {
      const text = record[body] ?? '';
      const at = fields.field(index, column);
      return {
        index,
        title: (title && record[title]) || `Macro ${index + 1}`,
        body: text,
        html: looksLikeHtml(text),
        // The line the body field starts on: an earlier field of the record may span lines of its own.
        origin: { line: lines.at(at.start).line, column: 1 },
        map: csvFieldMap(file, at.start, text, at.quoted),
      };
    }),
  );
}

/**
 * Where each field csv-parse reads starts in the file, followed from its `cast` hook, which sees every field in
 * order with its value and whether it was quoted: a field takes its value's length, two quotes and each quote of
 * the value doubled when quoted, then a comma; a record starts past the line breaks before it (empty lines are
 * skipped, and a record cannot start with a line break). The header's values are kept to find the body column.
 */
class FieldTrail {
  readonly header: string[] = [];
  /** Per record, per field: the field's start, 1 when quoted (two numbers each). */
  private readonly places: number[] = [];
  private offset: number;

  constructor(private readonly source: string) {
    this.offset = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  readonly cast = (value: string, context: CastingContext): string => {
    const { source } = this;
    if (context.index === 0) while (source[this.offset] === '\n' || source[this.offset] === '\r') this.offset++;
    if (context.header) {
      this.header.push(value);
    } else {
      this.places.push(this.offset, context.quoting ? 1 : 0);
    }
    this.offset += (context.quoting ? value.length + 2 + count(value, '"') : value.length) + 1;
    return value;
  };

  /** Where field `column` of data record `index` starts, and whether it was quoted. */
  field(index: number, column: number): { start: number; quoted: boolean } {
    const i = (index * this.header.length + column) * 2;
    return { start: this.places[i] ?? 0, quoted: this.places[i + 1] === 1 };
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

function pick(headers: string[], wanted: string[]): string | undefined {
  return wanted.map((w) => headers.find((h) => h.trim().toLowerCase() === w)).find(Boolean);
}

function firstLine(source: string): string[] {
  return (source.split('\n')[0] ?? '').split(',').map((h) => h.trim()).filter(Boolean);
}
