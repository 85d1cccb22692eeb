import type { AuditReport } from '../engine/types.ts';
import { unitLabel } from '../report/build.ts';
import { Locator } from './locate.ts';
import { messageWithSuggestion, topFindings, type Verdict } from './verdict.ts';
import { escapeXmlAttr as attr, escapeXmlText as text } from '../report/escape.ts';

const TOP_FINDINGS = 5;

/**
 * JUnit XML, for CI systems that show test reports: a testsuite per persona, a testcase per audited unit, a
 * `<failure>` when the unit fails the check for that persona (under its bar, or with a baseline: under its baseline
 * score too, or new findings), with the findings that cost the most in its body. Skipped files are testcases
 * too: `<skipped/>` when there was nothing to audit, `<error>` when the file could not be audited (which fails
 * `check`).
 */
export function renderJunit(report: AuditReport, verdict: Verdict, locator = new Locator()): string {
  const suites: string[] = [];
  let total = 0;
  let failed = 0;
  let errored = 0;
  let skipped = 0;
  for (const persona of report.personas) {
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const unit of report.units) {
      const score = unit.scores.find((s) => s.personaId === persona.id);
      if (!score) continue;
      const bar = verdict.bar(persona.id);
      const failure = verdict.failures.find((f) => f.unit === unit && f.personaId === persona.id);
      const added = verdict.newFindings.filter((n) => n.unit === unit && n.finding.personas.includes(persona.id)).map((n) => n.finding);
      const name = unitLabel(unit);
      const head = `    <testcase classname="${attr(`clarity.${persona.id}`)}" name="${attr(name)}" file="${attr(unit.path)}" time="0">`;
      const out = `      <system-out>${text(`${persona.name}: ${score.overall} (bar ${bar})${'\n'}${score.goals.map((g) => `${g.label} ${g.score}: ${g.reason}`).join('\n')}`)}</system-out>`;
      if (!failure && added.length === 0) {
        cases.push(`${head}\n${out}\n    </testcase>`);
        continue;
      }
      suiteFailures += 1;
      const message = failure
        ? `${persona.name} scores ${failure.score}, under the bar of ${failure.threshold}${failure.baselineScore !== undefined ? ` and its baseline score of ${failure.baselineScore}` : ''}`
        : `${added.length} new finding(s) not in the baseline`;
      const shown = added.length ? added.slice(0, TOP_FINDINGS) : topFindings(unit, persona.id, TOP_FINDINGS);
      const body = [
        `${name}: ${message}.`,
        added.length ? 'New findings:' : 'Top findings:',
        ...shown.map((f) => `  ${at(locator.region(unit, f))} [${f.severity}] ${f.ruleId}: “${f.text.length > 120 ? `${f.text.slice(0, 119)}…` : f.text}” ${messageWithSuggestion(f)}`),
      ].join('\n');
      cases.push(`${head}\n      <failure message="${attr(message)}" type="${failure ? 'under-bar' : 'new-findings'}">${text(body)}</failure>\n${out}\n    </testcase>`);
    }
    let suiteErrors = 0;
    let suiteSkipped = 0;
    for (const s of report.skipped) {
      const unchecked = verdict.unchecked.includes(s);
      const head = `    <testcase classname="${attr(`clarity.${persona.id}`)}" name="${attr(s.path)}" file="${attr(s.path.split('#')[0] ?? s.path)}" time="0">`;
      if (unchecked) {
        suiteErrors += 1;
        cases.push(`${head}\n      <error message="${attr(s.reason)}" type="${attr(s.code)}">${text(`${s.path} could not be audited: ${s.reason}`)}</error>\n    </testcase>`);
      } else {
        suiteSkipped += 1;
        cases.push(`${head}\n      <skipped message="${attr(`${s.code}: ${s.reason}`)}"/>\n    </testcase>`);
      }
    }
    const tests = cases.length;
    total += tests;
    failed += suiteFailures;
    errored += suiteErrors;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${attr(`clarity: ${persona.name}`)}" id="${attr(persona.id)}" tests="${tests}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="${suiteSkipped}" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="clarity" tests="${total}" failures="${failed}" errors="${errored}" skipped="${skipped}" time="0">\n${suites.join('\n')}\n</testsuites>\n`;
}

function at(r: { startLine: number; startColumn?: number }): string {
  return r.startColumn === undefined ? `line ${r.startLine}` : `line ${r.startLine}, column ${r.startColumn}`;
}
