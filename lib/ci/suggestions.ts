import { readAsset } from '../engine/parse/asset.ts';
import { LineIndex } from '../engine/positions.ts';
import type { AuditReport, Finding } from '../engine/types.ts';
import { planFixes } from '../fix/plan.ts';
import type { Span } from './locate.ts';
import { reportedFindings } from './verdict.ts';

/** A safe suggestion as an edit of its unit's text: the span it replaces (in the unit's coordinates) and what goes there. */
export interface SuggestedEdit extends Span {
  content: string;
}

export type SuggestedEdits = ReadonlyMap<Finding, SuggestedEdit>;

/** A file's bytes by report path; undefined when it is gone or unreadable. */
export type BytesReader = (path: string) => Promise<Uint8Array | undefined>;

/**
 * Each reported safe suggestion as `clarity fix` would apply it on its own: its "a"/"an" made to fit ("an SLA" →
 * "a service level agreement (SLA)"), a cut phrase taking its space, markup escaped. The fix plans on parsed units,
 * which a report does not keep, so the files with a safe suggestion are parsed again (not audited). A file that is
 * gone, unreadable or changed since the audit gives none: a finding that no longer quotes its unit plans no edit.
 * A .docx gives none either: an edit of its text is no edit of the file.
 */
export async function suggestedEdits(report: AuditReport, read: BytesReader): Promise<SuggestedEdits> {
  const edits = new Map<Finding, SuggestedEdit>();
  const byPath = new Map<string, Map<string, Finding[]>>();
  for (const unit of report.units) {
    const safe = reportedFindings(report, unit).filter((f) => f.suggestionSafe === true && f.suggestion !== undefined);
    if (safe.length === 0 || unit.format === 'docx') continue;
    const units = byPath.get(unit.path) ?? new Map<string, Finding[]>();
    units.set(unit.unitId, safe);
    byPath.set(unit.path, units);
  }
  for (const [path, wanted] of byPath) {
    const bytes = await read(path);
    if (!bytes) continue;
    const { units } = await readAsset({ path, bytes }, { maxBytes: Number.MAX_SAFE_INTEGER });
    for (const unit of units) {
      const findings = wanted.get(unit.id);
      if (!findings) continue;
      const lines = new LineIndex(unit.source);
      for (const finding of findings) {
        // One finding at a time, so an overlapping safe suggestion still gets its own edit.
        const edit = planFixes(unit, [finding])[0]?.edit;
        if (!edit) continue;
        const text = unit.source.slice(edit.offset, edit.offset + edit.length);
        edits.set(finding, { ...lines.at(edit.offset), offset: edit.offset, length: edit.length, text, content: edit.content });
      }
    }
  }
  return edits;
}
