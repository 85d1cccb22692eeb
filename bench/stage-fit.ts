/**
 * How often assets fail their engagement stage (issue 12), on the real corpus (docs/stages.md): what `clarity audit`
 * reports, counted per stage and per stage-fit rule.
 *
 *   npx tsx bench/stage-fit.ts [corpus]
 */
import { glob } from 'tinyglobby';
import { join } from 'node:path';
import { auditFiles } from '../lib/cli/audit-files.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { DEFAULT_MAX_BYTES } from '../lib/engine/parse/asset.ts';
import { RULES } from '../lib/engine/rules/registry.ts';
import { STAGES } from '../lib/engine/types.ts';
import { corpusRoot } from './corpus.ts';

const corpus = process.argv[2] ?? join(corpusRoot(), 'real');
const files = (await glob('**/*', { cwd: corpus, absolute: true, ignore: ['INVENTORY.tsv'] })).sort();
const { audits } = await auditFiles(files, { personas: BUILTIN_PERSONAS, maxBytes: DEFAULT_MAX_BYTES, jobs: 1 });
const units = audits.flatMap((a) => a.units);
const pct = (n: number, of: number): string => (of === 0 ? '–' : `${Math.round((n * 1000) / of) / 10}%`);

console.log(`${units.length} units in ${corpus}`);
console.log('| Stage | Units | Fail their stage | Failure rate |\n|---|---|---|---|');
for (const stage of STAGES) {
  const of = units.filter((u) => u.stage.stage === stage);
  const failing = of.filter((u) => !u.stage.fit.pass).length;
  console.log(`| ${stage} | ${of.length} | ${failing} | ${pct(failing, of.length)} |`);
}
const failing = units.filter((u) => !u.stage.fit.pass).length;
console.log(`| all | ${units.length} | ${failing} | ${pct(failing, units.length)} |`);

console.log('\n| Rule | Findings | Units |\n|---|---|---|');
for (const [id, info] of Object.entries(RULES)) {
  if (info.category !== 'stage-fit') continue;
  const findings = units.flatMap((u) => u.findings.filter((f) => f.ruleId === id));
  const on = units.filter((u) => u.findings.some((f) => f.ruleId === id)).length;
  console.log(`| ${id} | ${findings.length} | ${on} |`);
}
