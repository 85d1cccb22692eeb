import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { AuditReport, Finding, UnitReport } from '../engine/types.ts';
import { fail, ok, type Result } from '../engine/types.ts';
import { VERSION } from '../version.ts';
import { fingerprints, unitKey } from './fingerprint.ts';

export const BASELINE_VERSION = 1;

/**
 * `clarity check --write-baseline <file>`: the findings and scores a team has accepted. Findings are kept by
 * fingerprint (rule + normalised text + occurrence), so edits elsewhere in a file keep them matched; `text` and
 * `line` are there for people reviewing the file and are not used for matching.
 */
export const baselineSchema = z
  .object({
    version: z.literal(BASELINE_VERSION),
    tool: z.object({ name: z.literal('clarity'), version: z.string() }).strict().optional(),
    personas: z.array(z.string()).optional(),
    units: z.record(
      z.string(),
      z
        .object({
          scores: z.record(z.string(), z.number().min(0).max(100)),
          findings: z.array(
            z
              .object({
                ruleId: z.string().min(1),
                fingerprint: z.string().min(1),
                line: z.number().int().min(1).optional(),
                text: z.string().optional(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();

export type Baseline = z.output<typeof baselineSchema>;

const TEXT_KEPT = 80;

/** The current report as a baseline: every unit's findings (for the report's personas) and scores. */
export function toBaseline(report: AuditReport): Baseline {
  const units: Baseline['units'] = {};
  for (const unit of report.units) {
    const prints = fingerprints(unit);
    units[unitKey(unit)] = {
      scores: Object.fromEntries(unit.scores.map((s) => [s.personaId, s.overall])),
      findings: unit.findings.map((f) => ({
        ruleId: f.ruleId,
        fingerprint: prints.get(f) ?? '',
        line: f.line,
        text: f.text.length > TEXT_KEPT ? `${f.text.slice(0, TEXT_KEPT - 1)}…` : f.text,
      })),
    };
  }
  return { version: BASELINE_VERSION, tool: { name: 'clarity', version: VERSION }, personas: report.personas.map((p) => p.id), units };
}

export function writeBaseline(file: string, report: AuditReport): Baseline {
  const baseline = toBaseline(report);
  writeFileSync(file, JSON.stringify(baseline, null, 2) + '\n');
  return baseline;
}

/** Reads and validates a baseline file; every problem is an error value naming the file and what is wrong. */
export function loadBaseline(file: string, shownAs = file): Result<Baseline> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    return fail('baseline-unreadable', `baseline ${shownAs} ${code === 'ENOENT' ? 'does not exist (create it with --write-baseline)' : `cannot be read: ${(error as Error).message}`}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('baseline-malformed', `baseline ${shownAs} is not valid JSON: ${(error as Error).message}`);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (json !== null && typeof json === 'object' && version !== undefined && version !== BASELINE_VERSION) {
    return fail('baseline-version', `baseline ${shownAs} has format version ${JSON.stringify(version)}; this clarity reads version ${BASELINE_VERSION} (write a new one with --write-baseline)`);
  }
  const parsed = baselineSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    return fail('baseline-invalid', `baseline ${shownAs} is not a clarity baseline (version ${BASELINE_VERSION}): ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
  }
  return ok(parsed.data);
}

/** How the current findings and scores compare with a baseline. */
export interface BaselineComparison {
  /** Findings not in the baseline, in report order. */
  added: { unit: UnitReport; finding: Finding }[];
  /** Current findings that the baseline already holds: they do not fail the check. */
  suppressed: number;
  /** Baseline findings of the audited units that are gone. */
  fixed: number;
  isNew(finding: Finding): boolean;
  /** The unit's score for the persona when the baseline was written, if the baseline has one. */
  score(unit: UnitReport, personaId: string): number | undefined;
}

export function compareWithBaseline(report: AuditReport, baseline: Baseline): BaselineComparison {
  const added: BaselineComparison['added'] = [];
  const fresh = new Set<Finding>();
  let suppressed = 0;
  let fixed = 0;
  for (const unit of report.units) {
    const known = new Set((baseline.units[unitKey(unit)]?.findings ?? []).map((f) => `${f.ruleId}\u0000${f.fingerprint}`));
    const matched = new Set<string>();
    for (const [finding, print] of fingerprints(unit)) {
      const key = `${finding.ruleId}\u0000${print}`;
      if (known.has(key)) {
        suppressed += 1;
        matched.add(key);
      } else {
        added.push({ unit, finding });
        fresh.add(finding);
      }
    }
    fixed += known.size - matched.size;
  }
  return {
    added,
    suppressed,
    fixed,
    isNew: (finding) => fresh.has(finding),
    score: (unit, personaId) => baseline.units[unitKey(unit)]?.scores[personaId],
  };
}
