import { createHash } from 'node:crypto';
import type { Finding, UnitReport } from '../engine/types.ts';
import { RULES } from '../engine/rules/registry.ts';

/**
 * Position-independent identities for a unit's findings: rule id + normalised text + occurrence index (the n-th
 * finding of that rule on that text in the unit). Editing, adding or removing text elsewhere in the file leaves
 * them unchanged; editing the flagged words themselves makes a new finding. A finding on the whole unit (a stage
 * part missing) is its rule id alone: text added at the end moves where it is pinned, not what it says.
 */
export function fingerprints(unit: UnitReport): Map<Finding, string> {
  const seen = new Map<string, number>();
  const out = new Map<Finding, string>();
  for (const f of unit.findings) {
    const key = RULES[f.ruleId]?.anchor === 'unit' ? f.ruleId : `${f.ruleId}\u0000${normalise(f.text)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.set(f, createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 24));
  }
  return out;
}

/** Case, markup, punctuation and spacing do not change a finding's identity; its words do. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    // [^<>]: a run of '<' with no '>' would make [^>]* rescan to the end from each one.
    .replace(/<[^<>]*>/g, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The key of a unit in a baseline and in messages: its path, and `#macro:<n>` for a macro. */
export function unitKey(unit: Pick<UnitReport, 'path' | 'unitId'>): string {
  return unit.unitId ? `${unit.path}#${unit.unitId}` : unit.path;
}
