import { RULES, ruleEnabled, type RuleSwitches } from '../engine/rules/registry.ts';

const SUGGESTIONS = {
  safe: 'safe to apply unattended, unless a finding says otherwise (suggestionSafe)',
  review: 'for a person to review before applying',
} as const;

/** `clarity rules`: every rule with its documentation and whether it runs here (its default, or the config's say). */
export function renderRules(format: 'text' | 'json', switches: RuleSwitches): string {
  const rules = Object.entries(RULES).map(([id, r]) => ({
    id,
    name: r.name,
    category: r.category,
    severity: r.severity,
    defaultOn: r.defaultOn,
    enabled: ruleEnabled(id, switches),
    short: r.short,
    description: r.full,
    help: r.help,
    suggestions: r.suggestions,
    overlap: r.overlap,
    ...(r.offBecause ? { offBecause: r.offBecause } : {}),
  }));
  if (format === 'json') return `${JSON.stringify({ rules }, null, 2)}\n`;
  return rules
    .map((r) => {
      const state = r.enabled ? 'on' : 'off';
      const note = r.enabled === r.defaultOn ? (r.defaultOn ? '' : ' (off by default)') : ` (${state} in the config; default ${r.defaultOn ? 'on' : 'off'})`;
      return [
        `${r.id} — ${r.short} [${r.category}, ${r.severity}, ${state}${note}]`,
        `  ${r.description}`,
        `  How to fix: ${r.help}`,
        ...(r.suggestions !== 'none' ? [`  Suggestions: ${SUGGESTIONS[r.suggestions]}`] : []),
        ...(r.offBecause ? [`  Off by default: ${r.offBecause}`] : []),
      ].join('\n');
    })
    .join('\n\n')
    .concat('\n\nTurn a rule on or off in clarity.config.json: { "rules": { "hedging": "on" } }\n');
}
