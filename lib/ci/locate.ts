import { fileLine } from '../report/build.ts';
import type { UnitReport } from '../engine/types.ts';
import { LineIndex } from '../engine/positions.ts';

/** A span inside a unit: a finding or a recommendation. */
export interface Span {
  text: string;
  line: number;
  column: number;
  offset: number;
  length: number;
}

/**
 * Where a span sits in its file, for CI tools that point at files: 1-based lines and columns in UTF-16 code
 * units, `endColumn` exclusive (the column just past the last character), as SARIF defines it. A macro whose
 * body cannot be found again in the file (the file changed, or could not be read) gets lines only.
 */
export interface FileRegion {
  startLine: number;
  startColumn?: number;
  endLine: number;
  endColumn?: number;
  /** The file's own text for the span (a JSON macro's escapes included), else the finding's text. */
  snippet: string;
}

/** The decoded text of a file (as the audit read it), by report path; undefined when it cannot be read. */
export type SourceReader = (path: string) => string | undefined;

/** A string field in the file: its decoded value, and the file offset of each decoded character (plus one past the end). */
export interface Field {
  value: string;
  map: number[];
}

/** Maps spans of audited units back to file positions; macro units are matched against the file's text. */
export class Locator {
  private readonly files = new Map<string, RawFile | undefined>();
  private readonly fields = new Map<UnitReport, Field[]>();

  constructor(private readonly read: SourceReader = () => undefined) {}

  region(unit: UnitReport, span: Span): FileRegion {
    if (unit.format === 'macros-json' || unit.format === 'macros-csv') {
      const raw = this.file(unit.path);
      if (raw && unit.origin) {
        const field = this.unitFields(unit, raw).find((f) => f.value.slice(span.offset, span.offset + span.length) === span.text);
        const start = field?.map[span.offset];
        const end = field?.map[span.offset + span.length];
        if (start !== undefined && end !== undefined) {
          const s = raw.at(start);
          const e = raw.at(end);
          return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column, snippet: raw.text.slice(start, end) };
        }
      }
      const end = endOf(span);
      return { startLine: fileLine(unit, span.line), endLine: fileLine(unit, end.line), snippet: span.text };
    }
    const end = endOf(span);
    return { startLine: span.line, startColumn: span.column, endLine: end.line, endColumn: end.column, snippet: span.text };
  }

  /**
   * The region with its columns counted in UTF-8 bytes, as reviewdog's rdjson counts them, from the file's text
   * (as the reader gives it); lines only when the text cannot be had.
   */
  utf8Region(unit: UnitReport, span: Span): FileRegion {
    const region = this.region(unit, span);
    const raw = this.file(unit.path);
    const startColumn = region.startColumn === undefined ? undefined : raw?.utf8Column(region.startLine, region.startColumn);
    const endColumn = region.endColumn === undefined ? undefined : raw?.utf8Column(region.endLine, region.endColumn);
    if (startColumn === undefined || endColumn === undefined) return { startLine: region.startLine, endLine: region.endLine, snippet: region.snippet };
    return { ...region, startColumn, endColumn };
  }

  private file(path: string): RawFile | undefined {
    if (!this.files.has(path)) {
      const text = this.read(path);
      this.files.set(path, text === undefined ? undefined : new RawFile(text));
    }
    return this.files.get(path);
  }

  /** The string fields that may hold the unit's body: the JSON string at its origin, or each field of its CSV record. */
  private unitFields(unit: UnitReport, raw: RawFile): Field[] {
    let fields = this.fields.get(unit);
    if (!fields) {
      const at = unit.origin ? raw.offsetOf(unit.origin.line, unit.origin.column) : undefined;
      fields = at === undefined ? [] : unit.format === 'macros-json' ? jsonString(raw.text, at) : csvRecord(raw.text, at);
      this.fields.set(unit, fields);
    }
    return fields;
  }
}

/** Line and (exclusive) column just past a span, from its start and its text. */
export function endOf(span: Span): { line: number; column: number } {
  const lines = span.text.split('\n');
  const last = lines[lines.length - 1] ?? '';
  return lines.length === 1 ? { line: span.line, column: span.column + span.text.length } : { line: span.line + lines.length - 1, column: last.length + 1 };
}

/** A file's raw text with its line index. */
class RawFile extends LineIndex {
  constructor(readonly text: string) {
    super(text);
  }

  /** A 1-based UTF-16 column of a line as a 1-based UTF-8 byte column; undefined past the text's end. */
  utf8Column(line: number, column: number): number | undefined {
    const start = this.offsetOf(line, 1);
    if (start === undefined || start + column - 1 > this.text.length) return undefined;
    return Buffer.byteLength(this.text.slice(start, start + column - 1), 'utf8') + 1;
  }
}

const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Decodes the JSON string literal whose content starts at `at` (just past its opening quote). */
function jsonString(text: string, at: number): Field[] {
  let value = '';
  const map: number[] = [];
  let i = at;
  while (i < text.length && text[i] !== '"') {
    map.push(i);
    if (text[i] === '\\') {
      const c = text[i + 1] ?? '';
      if (c === 'u') {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        value += JSON_ESCAPES[c] ?? c;
        i += 2;
      }
    } else {
      value += text[i];
      i += 1;
    }
  }
  map.push(i);
  return [{ value, map }];
}

/** Decodes every field of the CSV record that starts on the line at `at` (RFC 4180 quoting, comma-separated). */
export function csvRecord(text: string, at: number): Field[] {
  const fields: Field[] = [];
  let i = at;
  for (;;) {
    let value = '';
    const map: number[] = [];
    if (text[i] === '"') {
      i += 1;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          map.push(i);
          value += '"';
          i += 2;
        } else {
          map.push(i);
          value += text[i];
          i += 1;
        }
      }
      map.push(i);
      i += 1;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        map.push(i);
        value += text[i];
        i += 1;
      }
      map.push(i);
    }
    fields.push({ value, map });
    if (text[i] !== ',') return fields;
    i += 1;
  }
}
