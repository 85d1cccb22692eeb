import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileOffset } from '../engine/parse/body-map.ts';
import { messageWithSuggestion } from '../ci/verdict.ts';
import type { Severity } from '../engine/types.ts';
import { findingsOf, type DocumentLint, type Located } from './lint.ts';

export const SOURCE = 'clarity';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

/** What a diagnostic carries back in code action requests: which finding of the lint it shows. */
export interface FindingRef {
  version: number;
  unit: number;
  finding: string;
}

/** A finding with where it is in the document. */
export interface Placed extends Located {
  range: Range;
  diagnostic: Diagnostic;
}

/**
 * Each finding as a diagnostic at its exact range in the document (LSP positions: 0-based lines, UTF-16 columns).
 * A whole file's offsets are the document's own; a macro's are inside its reply, and its body map, kept from the
 * parse, takes them to the document's (past the JSON escapes or CSV quotes), as the CI formats place them.
 */
export function placeFindings(lint: DocumentLint, doc: TextDocument): Placed[] {
  return findingsOf(lint).map((located) => {
    const { unit, finding: f } = located;
    const map = unit.bodyMap;
    const at = (offset: number) => doc.positionAt(map ? fileOffset(map, offset) : offset);
    const range = { start: at(f.offset), end: at(f.offset + f.length) };
    const data: FindingRef = { version: lint.version, unit: lint.units.indexOf(unit), finding: f.id };
    const diagnostic: Diagnostic = {
      range,
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      codeDescription: { href: ruleDocs(f.ruleId) },
      source: SOURCE,
      message: messageWithSuggestion(f),
      data,
    };
    return { ...located, range, diagnostic };
  });
}

/** The finding a diagnostic of this lint shows, if it still does. */
export function findingOf(placed: readonly Placed[], diagnostic: Diagnostic): Placed | undefined {
  const ref = diagnostic.data as Partial<FindingRef> | undefined;
  if (diagnostic.source !== SOURCE || !ref) return undefined;
  return placed.find((p) => {
    const own = p.diagnostic.data as FindingRef;
    return own.version === ref.version && own.unit === ref.unit && own.finding === ref.finding;
  });
}


/** clarity's own folder: the nearest one above this module (lib/lsp/ from source, dist/ bundled) with clarity's package.json. */
function packageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'clarity') return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/**
 * Where a rule is documented: its section of docs/rules.md installed with clarity (`clarity rules --format
 * markdown`). A file link, so it opens without a network; the hover carries the rule's own text.
 */
export function ruleDocs(ruleId: string): string {
  return `${pathToFileURL(join(packageRoot(), 'docs', 'rules.md')).href}#${ruleId}`;
}
