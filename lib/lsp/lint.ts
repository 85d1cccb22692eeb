import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
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
  text: string;
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
  const text = doc.getText();
  const path = documentPath(doc.uri, doc.languageId);
  const read = await readAsset({ path, bytes: Buffer.from(text, 'utf8') }, { maxBytes });
  return { uri: doc.uri, version: doc.version, path, text, units: read.units, reports: read.units.map((u) => engine.auditUnit(u)), skipped: read.skipped };
}

/** Every finding of the lint, unit by unit, in the engine's order. */
export function findingsOf(lint: DocumentLint): Located[] {
  return lint.units.flatMap((unit, i) => {
    const report = lint.reports[i] as UnitReport;
    return report.findings.map((finding) => ({ unit, report, finding }));
  });
}
