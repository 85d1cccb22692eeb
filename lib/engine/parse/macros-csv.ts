import { parse } from 'csv-parse/sync';
import { fail, ok, type Result } from '../types.ts';
import { looksLikeHtml, type RawMacro } from './macros-json.ts';

const BODY_COLUMNS = ['body', 'content', 'text', 'message', 'reply', 'comment', 'value', 'macro'];
const TITLE_COLUMNS = ['title', 'name', 'subject', 'macro_title'];

interface CsvRow {
  record: Record<string, string>;
  info: { lines: number };
}

/** Reads a CSV macro export with a header row; the body column is found by name. */
export function readCsvMacros(source: string): Result<RawMacro[]> {
  let rows: CsvRow[];
  try {
    rows = parse(source, { columns: true, info: true, bom: true, skip_empty_lines: true, trim: false }) as CsvRow[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail('malformed-csv', `the CSV cannot be read: ${message}`);
  }
  const headers = rows[0] ? Object.keys(rows[0].record) : firstLine(source);
  const body = pick(headers, BODY_COLUMNS);
  if (!body) {
    return fail('csv-no-body-column', `no body column in the header row (found: ${headers.join(', ') || 'nothing'}); name one of: ${BODY_COLUMNS.join(', ')}`);
  }
  const title = pick(headers, TITLE_COLUMNS);
  if (rows.length === 0) return fail('no-macros', 'the CSV has a header row but no macros');
  // csv-parse reports the line a record ends on, counting a CRLF inside a quoted field as two lines;
  // step back over the record's own line breaks and every such CRLF so far.
  let crlfInFields = 0;
  return ok(
    rows.map(({ record, info }, index) => {
      const text = record[body] ?? '';
      const values = Object.values(record);
      const inner = values.reduce((n, v) => n + (v.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      crlfInFields += values.reduce((n, v) => n + (v.match(/\r\n/g)?.length ?? 0), 0);
      return {
        index,
        title: (title && record[title]) || `Macro ${index + 1}`,
        body: text,
        html: looksLikeHtml(text),
        origin: { line: info.lines - inner - crlfInFields, column: 1 },
      };
    }),
  );
}

function pick(headers: string[], wanted: string[]): string | undefined {
  return wanted.map((w) => headers.find((h) => h.trim().toLowerCase() === w)).find(Boolean);
}

function firstLine(source: string): string[] {
  return (source.split('\n')[0] ?? '').split(',').map((h) => h.trim()).filter(Boolean);
}
