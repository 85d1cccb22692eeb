import { createEngine, type Engine } from '../lib/engine/audit.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { RULES } from '../lib/engine/rules/registry.ts';
import type { Finding, UnitReport } from '../lib/engine/types.ts';

/** Every rule on, those off by default too: rule tests exercise each rule whatever its default. */
export const ALL_RULES_ON = Object.fromEntries(Object.keys(RULES).map((id) => [id, 'on' as const]));
export const engine: Engine = createEngine({ personas: BUILTIN_PERSONAS, rules: ALL_RULES_ON });
/** The engine as users get it, with each rule's default. */
export const defaultEngine: Engine = createEngine({ personas: BUILTIN_PERSONAS });

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
