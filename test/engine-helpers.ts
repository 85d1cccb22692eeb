import { createEngine, type Engine } from '../lib/engine/audit.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import type { Finding, UnitReport } from '../lib/engine/types.ts';

export const engine: Engine = createEngine({ personas: BUILTIN_PERSONAS });

export async function audit(text: string, path = 'asset.md', e: Engine = engine): Promise<UnitReport> {
  const { units, skipped } = await e.auditAsset({ path, bytes: new TextEncoder().encode(text) });
  if (!units[0]) throw new Error(`not audited: ${JSON.stringify(skipped)}`);
  return units[0];
}

export function byRule(unit: UnitReport, ruleId: string): Finding[] {
  return unit.findings.filter((f) => f.ruleId === ruleId);
}

export function overall(unit: UnitReport, personaId: string): number {
  const s = unit.scores.find((x) => x.personaId === personaId);
  if (!s) throw new Error(`no score for ${personaId}`);
  return s.overall;
}
