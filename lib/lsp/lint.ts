import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readAsset } from '../engine/parse/asset.ts';
import { formatFromExtension } from '../engine/parse/detect.ts';
import type { Engine } from '../engine/audit.ts';
import type { Finding, Skipped, Unit, UnitReport } from '../engine/types.ts';

/** One lint of a document version: what the engine read from its text, and each unit's audit. */
export interface DocumentLint {
  uri: string;
  version: number;
  /** The path the document was audited under: its file's, or one whose extension says its language. */
  path: string;
  /** The text as audited: the document's, less a byte-order mark, which the decoder drops as `clarity audit` does. */
  text: string;
  /** `text` with the editor's positions: the document itself, or, after a byte-order mark, a view one character on along its first line. */
  doc: TextDocument;
  units: Unit[];
  reports: UnitReport[];
  skipped: Skipped[];
}

/** A finding and the unit it is in. */
export interface Located {
  unit: Unit;
  report: UnitReport;
  finding: Finding;
}

/** The extension an editor language is audited as, for a document whose name does not say (untitled, or `.mdx`). */
const EXTENSION_OF_LANGUAGE: Record<string, string> = { markdown: 'md', html: 'html', plaintext: 'txt', json: 'json', csv: 'csv' };

/**
 * The path to audit a document under: the file's own, so its format and channel are what `clarity audit` gives
 * it (a file without an extension is read by its content, as there), with the language's extension added where the
 * name alone would not be read: an extension clarity does not know (`.mdx`), or an untitled buffer.
 */
export function documentPath(uri: string, languageId: string): string {
  const file = uri.startsWith('file:');
  const path = file ? fileURLToPath(uri) : decodeURIComponent(uri.replace(/^[a-z][\w+.-]*:/i, ''));
  const extension = EXTENSION_OF_LANGUAGE[languageId];
  const format = formatFromExtension(path);
  return extension && (format === 'unknown' || (format === undefined && !file)) ? `${path}.${extension}` : path;
}

/** Audits the document's current text as `clarity audit` audits a file's bytes. */
export async function lintDocument(doc: TextDocument, engine: Engine, maxBytes: number): Promise<DocumentLint> {
  const full = doc.getText();
  const bom = full.startsWith('\uFEFF');
  const text = bom ? full.slice(1) : full;
  const path = documentPath(doc.uri, doc.languageId);
  const read = await readAsset({ path, bytes: Buffer.from(text, 'utf8') }, { maxBytes });
  return { uri: doc.uri, version: doc.version, path, text, doc: bom ? pastBom(doc, text) : doc, units: read.units, reports: read.units.map((u) => engine.auditUnit(u)), skipped: read.skipped };
}

/**
 * The audited text (the document less its leading byte-order mark) with the editor's positions: the mark is one
 * character of the document's first line, so positions there are one character further on.
 */
function pastBom(doc: TextDocument, text: string): TextDocument {
  const view = TextDocument.create(doc.uri, doc.languageId, doc.version, text);
  return Object.assign(Object.create(view) as TextDocument, {
    positionAt: (offset: number) => {
      const p = view.positionAt(offset);
      return p.line === 0 ? { line: 0, character: p.character + 1 } : p;
    },
    offsetAt: (p: { line: number; character: number }) => view.offsetAt(p.line === 0 ? { line: 0, character: Math.max(0, p.character - 1) } : p),
  });
}

/** Every finding of the lint, unit by unit, in the engine's order. */
export function findingsOf(lint: DocumentLint): Located[] {
  return lint.units.flatMap((unit, i) => {
    const report = lint.reports[i] as UnitReport;
    return report.findings.map((finding) => ({ unit, report, finding }));
  });
}
