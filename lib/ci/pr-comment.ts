import type { AuditReport, UnitReport } from '../engine/types.ts';
import { rankedPassages, unitLabel, worstScore } from '../report/build.ts';
import { Locator } from './locate.ts';
import type { Verdict } from './verdict.ts';
import { escapeMarkdown } from '../report/escape.ts';

/** GitHub refuses comments over 65,536 characters; stay under with room to spare. */
export const COMMENT_LIMIT = 65_000;
const REWRITES = 3;

/**
 * `clarity check --format markdown`: a pull-request comment. Failing assets come first, each with its score
 * against its bar for every failing persona and its top rewrites; then the assets that pass, then skipped files.
 * Cut at `limit` characters with a note saying how much was left out.
 */
export function renderPrComment(report: AuditReport, verdict: Verdict, locator = new Locator(), limit = COMMENT_LIMIT): string {
  const names = new Map(report.personas.map((p) => [p.id, p.name]));
  const failingUnits = new Map<UnitReport, { persona: string; score: number; bar: number; baseline?: number }[]>();
  for (const f of verdict.failures) {
    const list = failingUnits.get(f.unit) ?? [];
    list.push({ persona: f.personaName, score: f.score, bar: f.threshold, ...(f.baselineScore !== undefined ? { baseline: f.baselineScore } : {}) });
    failingUnits.set(f.unit, list);
  }
  const newByUnit = new Map<UnitReport, number>();
  for (const n of verdict.newFindings) newByUnit.set(n.unit, (newByUnit.get(n.unit) ?? 0) + 1);
  const failing = report.units
    .filter((u) => failingUnits.has(u) || newByUnit.has(u))
    .sort((a, b) => margin(failingUnits.get(a)) - margin(failingUnits.get(b)) || worstScore(a) - worstScore(b) || (a.path < b.path ? -1 : 1));
  const passing = report.units.filter((u) => !failingUnits.has(u) && !newByUnit.has(u)).sort((a, b) => worstScore(a) - worstScore(b));

  const head: string[] = [];
  const problems = failing.length + verdict.unchecked.length;
  head.push(problems ? `## ❌ clarity check: ${failing.length} of ${report.units.length} asset(s) failing` : `## ✅ clarity check: all ${report.units.length} asset(s) pass`);
  head.push('');
  const bars = report.personas.map((p) => `${escapeMarkdown(p.name)} ${verdict.bar(p.id)}`).join(', ');
  head.push(`Bars: ${bars || 'none'}.${verdict.unchecked.length ? ` ${verdict.unchecked.length} file(s) could not be audited.` : ''}`);
  if (verdict.baseline) {
    const b = verdict.baseline;
    head.push('', `Baseline: ${b.added.length} new finding(s), ${b.suppressed} baseline finding(s) suppressed, ${b.fixed} fixed.`);
  }

  const blocks: string[] = [];
  if (failing.length) {
    blocks.push('', '### Failing assets', '', '| Asset | Persona | Score | Bar |', '|---|---|---:|---:|');
    for (const u of failing) {
      for (const f of failingUnits.get(u) ?? []) blocks.push(`| ${escapeMarkdown(unitLabel(u))} | ${escapeMarkdown(f.persona)} | **${f.score}**${f.baseline !== undefined ? ` (baseline ${f.baseline})` : ''} | ${f.bar} |`);
      const added = newByUnit.get(u);
      if (added && !failingUnits.has(u)) blocks.push(`| ${escapeMarkdown(unitLabel(u))} | — | ${added} new finding(s) | — |`);
    }
    for (const u of failing) {
      const lines = [`#### ${escapeMarkdown(unitLabel(u))}`, ''];
      const added = newByUnit.get(u);
      if (added) lines.push(`${added} new finding(s) not in the baseline.`, '');
      const rewrites = rankedPassages(u).slice(0, REWRITES);
      if (rewrites.length) {
        lines.push('Top rewrites:', '');
        rewrites.forEach(({ best: r, personas }, i) => {
          const at = locator.region(u, r);
          const whom = personas.map((p) => names.get(p) ?? p).join(', ');
          lines.push(`${i + 1}. line ${at.startLine}: “${inline(r.text)}”${r.replacement !== undefined ? (r.replacement === '' ? ' → *(cut it)*' : ` → “${inline(r.replacement)}”`) : ''} (+${r.gain} for ${escapeMarkdown(whom)})  \n   ${inline(r.why)}`);
        });
      } else {
        lines.push('No rewrite suggestions; see the findings in the full report.');
      }
      blocks.push('', lines.join('\n'));
    }
  }
  if (verdict.unchecked.length) {
    blocks.push('', '### Not audited', '');
    for (const s of verdict.unchecked) blocks.push(`- <code>${inline(s.path)}</code>: ${inline(s.reason)}`);
  }
  if (passing.length) {
    blocks.push('', `<details><summary>${passing.length} passing asset(s)</summary>`, '', `| Asset | ${report.personas.map((p) => escapeMarkdown(p.name)).join(' | ')} |`, `|---|${report.personas.map(() => '---:').join('|')}|`);
    for (const u of passing) blocks.push(`| ${escapeMarkdown(unitLabel(u))} | ${report.personas.map((p) => u.scores.find((s) => s.personaId === p.id)?.overall ?? '–').join(' | ')} |`);
    blocks.push('', '</details>');
  }
  const benign = report.skipped.filter((s) => !verdict.unchecked.includes(s));
  if (benign.length) {
    blocks.push('', `<details><summary>${benign.length} file(s) with nothing to audit</summary>`, '');
    for (const s of benign) blocks.push(`- <code>${inline(s.path)}</code>: ${inline(s.reason)}`);
    blocks.push('', '</details>');
  }
  return fit(head.join('\n'), blocks, limit);
}

/** Margin under the bar of a unit's worst failing persona (most negative first); units failing only on new findings last. */
function margin(list: { score: number; bar: number }[] | undefined): number {
  return list?.length ? Math.min(...list.map((f) => f.score - f.bar)) : 0;
}

/**
 * Head plus as many lines as fit in `limit`, then a note on what was cut. An open `<details>` is closed so the
 * comment still renders.
 */
function fit(head: string, lines: string[], limit: number): string {
  const full = [head, ...lines].join('\n') + '\n';
  if (full.length <= limit) return full;
  const kept: string[] = [head];
  let size = head.length + 1;
  let open = false;
  let cut = 0;
  const reserve = 400;
  for (const [i, line] of lines.entries()) {
    if (size + line.length + 1 > limit - reserve) {
      cut = lines.length - i;
      break;
    }
    kept.push(line);
    size += line.length + 1;
    if (line.startsWith('<details>')) open = true;
    if (line === '</details>') open = false;
  }
  if (open) kept.push('', '</details>');
  kept.push(
    '',
    `> **Truncated:** this comment is capped at ${limit.toLocaleString('en-US')} characters, so ${cut} more line(s) are not shown. Run \`clarity check\` locally, or read the SARIF or JUnit report, for everything.`,
  );
  return kept.join('\n') + '\n';
}

/** User text on one line, cut at 200 characters before it is escaped (so no escape is cut in half). */
function inline(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return escapeMarkdown(one.length > 200 ? `${one.slice(0, 199)}…` : one);
}

