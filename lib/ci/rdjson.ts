import type { AssetFormat, AuditReport, Finding, Severity, UnitReport } from '../engine/types.ts';
import { Locator, type FileRegion } from './locate.ts';
import type { SuggestedEdit, SuggestedEdits } from './suggestions.ts';
import { messageWithSuggestion, reportedFindings, type Verdict } from './verdict.ts';

/*
 * reviewdog's Diagnostic Format (proto/rdf/reviewdog.proto in the reviewdog repository) in its rdjson wire form: one
 * DiagnosticResult. Lines and columns are 1-based, columns in UTF-8 bytes, and a range's end is exclusive.
 */
export interface RdPosition {
  line: number;
  column?: number;
}
export interface RdRange {
  start: RdPosition;
  end?: RdPosition;
}
export interface RdSuggestion {
  range: RdRange;
  text: string;
}
export interface RdDiagnostic {
  message: string;
  location: { path: string; range?: RdRange };
  severity: RdSeverity;
  code: { value: string; url?: string };
  suggestions?: RdSuggestion[];
}
export interface RdDiagnosticResult {
  source: { name: string; url?: string };
  diagnostics: RdDiagnostic[];
}
export type RdSeverity = 'ERROR' | 'WARNING' | 'INFO';

export const RD_SEVERITY: Record<Severity, RdSeverity> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

/**
 * rdjson for `reviewdog -f=rdjson`: one diagnostic per finding that applies to a selected persona (with a baseline,
 * only the new ones), located in the file (macros at their place in the export). A safe suggestion also becomes a
 * suggested change, the edit `clarity fix` would make (see suggestions.ts), which github-pr-review posts as a
 * one-click suggestion; a suggestion that needs review stays in the message. Scores are not diagnostics: they fail
 * the check, and the other formats report them.
 */
export function renderRdjson(report: AuditReport, verdict: Verdict, locator = new Locator(), edits: SuggestedEdits = new Map()): string {
  const findings: { unit: UnitReport; finding: Finding }[] = verdict.baseline
    ? verdict.newFindings
    : report.units.flatMap((unit) => reportedFindings(report, unit).map((finding) => ({ unit, finding })));
  const diagnostics = findings.map(({ unit, finding: f }): RdDiagnostic => {
    const suggestion = suggestedChange(unit, edits.get(f), locator);
    return {
      // With a suggested change attached, reviewdog shows it under the message: the message need not repeat it.
      message: `${suggestion ? f.message : messageWithSuggestion(f)}${unit.unitId ? ` (${unit.unitId}: ${unit.title})` : ''} [${f.personas.join(', ')}]`,
      location: { path: unit.path, range: range(locator.utf8Region(unit, f)) },
      severity: RD_SEVERITY[f.severity],
      code: { value: f.ruleId },
      ...(suggestion ? { suggestions: [suggestion] } : {}),
    };
  });
  const result: RdDiagnosticResult = { source: { name: 'clarity' }, diagnostics };
  return JSON.stringify(result, null, 2) + '\n';
}

/**
 * The edit as a suggested change of the file. The file's text over the range must be the unit's own (in a macro
 * export an escape there would be replaced by the unescaped text), and the file must have columns for it.
 */
function suggestedChange(unit: UnitReport, edit: SuggestedEdit | undefined, locator: Locator): RdSuggestion | undefined {
  if (!edit) return undefined;
  const region = locator.utf8Region(unit, edit);
  if (region.startColumn === undefined || region.endColumn === undefined || region.snippet !== edit.text) return undefined;
  const text = asFileText(unit.format, edit.content);
  return text === undefined ? undefined : { range: range(region), text };
}

/** The replacement as the file holds it: escaped inside a JSON string; in a CSV field only where it needs no quoting. */
function asFileText(format: AssetFormat, content: string): string | undefined {
  if (format === 'macros-json') return JSON.stringify(content).slice(1, -1);
  if (format === 'macros-csv') return /[",\r\n]/.test(content) ? undefined : content;
  return content;
}

/** A region without columns is line-wise: reviewdog then takes the lines whole. */
function range(r: FileRegion): RdRange {
  return r.startColumn !== undefined && r.endColumn !== undefined
    ? { start: { line: r.startLine, column: r.startColumn }, end: { line: r.endLine, column: r.endColumn } }
    : { start: { line: r.startLine }, end: { line: r.endLine } };
}
