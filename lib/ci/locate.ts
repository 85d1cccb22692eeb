import { fileLine } from '../report/build.ts';
import type { UnitReport } from '../engine/types.ts';
import { LineIndex } from '../engine/positions.ts';
import { BODY_MAP, fileOffset, type ExportText } from '../engine/parse/body-map.ts';

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
 * units, `endColumn` exclusive (the column just past the last character), as SARIF defines it. A macro without its
 * body map (a report read back from JSON) gets lines only.
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

/**
 * Maps spans of audited units back to file positions. A macro's span goes through its body map, kept from the parse
 * (see lib/engine/parse/body-map.ts), into the export's text as the audit read it; a macro without one (a report
 * read back from JSON) gets the lines its origin gives.
 */
export class Locator {
  private readonly files = new Map<string, RawFile | undefined>();
  private readonly exports = new WeakMap<ExportText, RawFile>();

  /** `read` gives the text of whole files, for UTF-8 columns: a macro's export text comes with its body map. */
  constructor(private readonly read: SourceReader = () => undefined) {}

  region(unit: UnitReport, span: Span): FileRegion {
    const map = unit[BODY_MAP];
    if (map) {
      const raw = this.exportFile(map.file);
      const start = fileOffset(map, span.offset);
      const end = fileOffset(map, span.offset + span.length);
      const s = raw.at(start);
      const e = raw.at(end);
      return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column, snippet: raw.text.slice(start, end) };
    }
    const end = endOf(span);
    if (unit.format === 'macros-json' || unit.format === 'macros-csv') return { startLine: fileLine(unit, span.line), endLine: fileLine(unit, end.line), snippet: span.text };
    return { startLine: span.line, startColumn: span.column, endLine: end.line, endColumn: end.column, snippet: span.text };
  }

  /**
   * The region with its columns counted in UTF-8 bytes, as reviewdog's rdjson counts them, from the file's text
   * (a macro's export as the parse kept it, a whole file as the reader gives it); lines only when the text cannot be had.
   */
  utf8Region(unit: UnitReport, span: Span): FileRegion {
    const region = this.region(unit, span);
    const map = unit[BODY_MAP];
    const raw = map ? this.exportFile(map.file) : this.file(unit.path);
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

  /** An export's line index, made once for all its macros. */
  private exportFile(file: ExportText): RawFile {
    let raw = this.exports.get(file);
    if (!raw) {
      raw = new RawFile(file.text);
      this.exports.set(file, raw);
    }
    return raw;
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

  /**
   * A 1-based UTF-16 column of a line, as the audit counts it, as a 1-based UTF-8 byte column of the file; undefined
   * past the text's end. A byte-order mark the file starts with (kept in `text`) is not in the audit's columns but
   * is 3 bytes of the file's first line.
   */
  utf8Column(line: number, column: number): number | undefined {
    const start = this.offsetOf(line, 1);
    const end = (start ?? 0) + column - 1 + (line === 1 && this.text.startsWith('\uFEFF') ? 1 : 0);
    if (start === undefined || end > this.text.length) return undefined;
    return Buffer.byteLength(this.text.slice(start, end), 'utf8') + 1;
  }
}
