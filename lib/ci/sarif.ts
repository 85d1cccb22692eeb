import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { AuditReport, Severity } from '../engine/types.ts';
import { VERSION } from '../version.ts';
import { fingerprints } from './fingerprint.ts';
import { Locator } from './locate.ts';
import { ruleInfo } from '../engine/rules/registry.ts';
import { messageWithSuggestion, reportedFindings, type Verdict } from './verdict.ts';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The partialFingerprints key: bump its version if the fingerprint recipe ever changes. */
export const FINGERPRINT_KEY = 'clarityFinding/v1';

export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run; a rule for every rule id that has a
 * result; one result per finding that applies to a selected persona, located in the file (macros at their line
 * and column in the export), with a fingerprint that survives edits elsewhere in the file.
 */
export function renderSarif(report: AuditReport, verdict: Verdict, locator = new Locator()): string {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const results: Result[] = [];
  for (const unit of report.units) {
    const prints = fingerprints(unit);
    for (const f of reportedFindings(report, unit)) {
      let index = ruleIndex.get(f.ruleId);
      if (index === undefined) {
        const info = ruleInfo(f.ruleId, f.category, f.severity);
        index = rules.length;
        ruleIndex.set(f.ruleId, index);
        rules.push({
          id: f.ruleId,
          name: info.name,
          shortDescription: { text: info.short },
          fullDescription: { text: info.full },
          help: { text: info.help, markdown: info.helpMarkdown },
          defaultConfiguration: { level: SARIF_LEVEL[info.severity] },
          properties: { category: info.category, tags: ['clarity', info.category] },
        });
      }
      const region = locator.region(unit, f);
      const known = verdict.baseline && !verdict.baseline.isNew(f);
      results.push({
        ruleId: f.ruleId,
        ruleIndex: index,
        level: SARIF_LEVEL[f.severity],
        message: { text: messageWithSuggestion(f) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: fileUri(unit.path), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: region.startLine,
                ...(region.startColumn !== undefined ? { startColumn: region.startColumn } : {}),
                endLine: region.endLine,
                ...(region.endColumn !== undefined ? { endColumn: region.endColumn } : {}),
                snippet: { text: region.snippet },
              },
            },
            ...(unit.unitId ? { logicalLocations: [{ name: unit.title, fullyQualifiedName: `${unit.path}#${unit.unitId}`, kind: 'object' }] } : {}),
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: unit.unitId ? `${unit.unitId}:${prints.get(f) ?? f.id}` : (prints.get(f) ?? f.id) },
        ...(verdict.baseline ? { baselineState: known ? 'unchanged' : 'new' } : {}),
        ...(known ? { suppressions: [{ kind: 'external', status: 'accepted', justification: 'In the clarity baseline file.' }] } : {}),
        properties: {
          category: f.category,
          personas: f.personas,
          ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
          ...(unit.unitId ? { unitId: unit.unitId, unitTitle: unit.title } : {}),
        },
      });
    }
  }

  const notifications: Notification[] = report.skipped.map((s) => {
    const unchecked = verdict.unchecked.includes(s);
    return {
      level: unchecked ? 'error' : 'note',
      message: { text: `${unchecked ? 'Not audited' : 'Nothing to audit'}: ${s.reason}` },
      descriptor: { id: s.code },
      locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(s.path.split('#')[0] ?? s.path), uriBaseId: '%SRCROOT%' } } }],
    };
  });

  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'clarity', version: VERSION, semanticVersion: VERSION, rules } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          personas: report.personas.map((p) => p.id),
          scoresUnderBar: verdict.belowBar.map((f) => ({
            path: f.unit.path,
            ...(f.unit.unitId ? { unitId: f.unit.unitId } : {}),
            persona: f.personaId,
            score: f.score,
            bar: f.threshold,
            ...(f.baselineScore !== undefined ? { baselineScore: f.baselineScore } : {}),
            failsCheck: verdict.failures.includes(f),
          })),
          ...(verdict.baseline ? { baseline: { new: verdict.baseline.added.length, suppressed: verdict.baseline.suppressed, fixed: verdict.baseline.fixed } } : {}),
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A repo-relative path as a URI reference: forward slashes, each segment percent-encoded. */
export function fileUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
