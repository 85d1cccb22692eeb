import type { Asset, Finding, Persona, Skipped, StageFit, Unit, UnitReport } from './types.ts';
import type { Candidate, Rule } from './rules/candidate.ts';
import { sentenceVisits } from './rules/walk.ts';
import { segment } from './segment/segment.ts';
import { countParagraphs } from './metrics/counts.ts';
import { documentMetrics } from './metrics/readability.ts';
import { hardestSentences } from './metrics/hardest.ts';
import { toFindings } from './findings.ts';
import { ledger, scorePersona } from './scoring.ts';
import { passages, recommend, MAX_RECOMMENDATIONS } from './recommendations.ts';
import { readAsset, DEFAULT_MAX_BYTES, type ReadResult } from './parse/asset.ts';
import { BODY_MAP } from './parse/body-map.ts';
import { plainWordsRule, nominalisationRule, jargonRule, hedgingRule, condescensionRule, personaTermsRule, customTermsRules, type CustomTerms } from './rules/wording.ts';
import { fearRule } from './rules/fear.ts';
import { acronymRule } from './rules/acronyms.ts';
import { uncommonWordRule } from './rules/uncommon-words.ts';
import { sentenceLengthRule, sentenceGradeRule, clausesRule } from './rules/sentence-rules.ts';
import { passiveBeRule, passiveRule } from './rules/passive.ts';
import { longParagraphRule } from './rules/paragraph-rules.ts';
import { STAGE_FIT_RULES } from './rules/stage-fit/index.ts';
import { ruleEnabled, type RuleSwitches } from './rules/registry.ts';
import { glossaryRules } from './rules/glossary.ts';
import type { Glossary } from '../glossary/types.ts';
import { decideStage } from './stage/decide.ts';
import { inferStage } from './stage/infer.ts';
import { stageGlobMatcher, type StageGlobs } from './stage/config-globs.ts';

export interface EngineOptions {
  personas: readonly Persona[];
  terms?: CustomTerms;
  /** Team glossaries, layered in order over the built-in packs (see rules/glossary.ts). */
  glossaries?: readonly Glossary[];
  maxBytes?: number;
  maxRecommendations?: number;
  /** Rules turned on or off, over their defaults (`clarity rules` lists them). */
  rules?: RuleSwitches;
  /** Put each unit's text in its report, for pages that highlight findings in place. */
  includeSource?: boolean;
  /** The config's globs → stage (see stage/decide.ts for what else decides a unit's stage). */
  stages?: StageGlobs;
}

export interface AssetAudit {
  units: UnitReport[];
  skipped: Skipped[];
}

/** Limits on one audit. */
export interface AuditLimits {
  /**
   * Epoch milliseconds by which the audit must be done. The clock is checked before reading, between units and
   * between the steps of each unit (segmenting, metrics, each rule, scoring); past it, the asset comes back with
   * no units and one `time-budget` skip, never a partial audit. A step already running is not interrupted.
   */
  deadline?: number;
  /** The skip's reason when the deadline passes, for a person to act on. @default a generic "split the file" */
  deadlineReason?: string;
}

/** The code of the skip an audit past its deadline returns. */
export const TIME_BUDGET_CODE = 'time-budget';

/** Thrown inside an audit past its deadline; caught by the engine and turned into a `time-budget` skip. */
class DeadlinePassed extends Error {}

export interface Engine {
  readonly personas: readonly Persona[];
  readonly ruleIds: readonly string[];
  auditUnit(unit: Unit): UnitReport;
  /** Audits what `readAsset` made of an asset (in another thread, say). */
  auditRead(read: ReadResult, limits?: AuditLimits): AssetAudit;
  auditAsset(asset: Asset, limits?: AuditLimits): Promise<AssetAudit>;
}

/** Compiles the rules once for a set of personas and house terms; audits are then pure and deterministic. */
function unitHeader(unit: Unit): Pick<UnitReport, 'path' | 'unitId' | 'title' | 'format' | 'channel' | 'origin' | typeof BODY_MAP> {
  return { path: unit.path, unitId: unit.id, title: unit.title, format: unit.format, channel: unit.channel, ...(unit.origin ? { origin: unit.origin } : {}), ...(unit.bodyMap ? { [BODY_MAP]: unit.bodyMap } : {}) };
}

export function createEngine(options: EngineOptions): Engine {
  const { personas } = options;
  const rules: Rule[] = [
    plainWordsRule,
    nominalisationRule,
    jargonRule,
    personaTermsRule(personas),
    acronymRule,
    uncommonWordRule,
    hedgingRule,
    condescensionRule,
    fearRule,
    sentenceLengthRule,
    sentenceGradeRule,
    clausesRule,
    passiveRule,
    passiveBeRule,
    longParagraphRule,
    ...STAGE_FIT_RULES,
    ...(options.terms ? customTermsRules(options.terms) : []),
    ...glossaryRules(options.glossaries ?? []),
  ].filter((r) => ruleEnabled(r.id, options.rules));

  const limits = {
    maxSentenceLength: Math.min(...personas.map((p) => p.maxSentenceLength)),
    targetGrade: Math.min(...personas.map((p) => p.targetGrade)),
  };
  const configStage = stageGlobMatcher(options.stages);

  function auditUnit(unit: Unit, check: () => void = () => undefined): UnitReport {
    const paragraphs = segment(unit);
    check();
    const metrics = documentMetrics(countParagraphs(paragraphs, unit.blocks));
    check();
    const candidates: Candidate[] = [];
    const sentences = sentenceVisits(unit, paragraphs);
    const stage = decideStage(unit, configStage(unit.path), () => inferStage(unit, sentences));
    const ctx = { unit, paragraphs, sentences, limits, stage: stage.stage };
    for (const rule of rules) {
      check();
      rule.run(ctx, (c) => candidates.push(c));
    }
    check();
    const findings = toFindings(unit, candidates, personas);
    const grouped = passages(findings);
    const ledgers = personas.map((p) => ledger(p, findings, { stage: stage.stage, words: metrics.words, counted: stage.source !== 'inferred' }));
    check();
    return {
      ...unitHeader(unit),
      stage: { ...stage, fit: stageFit(findings) },
      metrics,
      hardestSentences: hardestSentences(unit, paragraphs),
      scores: ledgers.map((l) => scorePersona(l, metrics)),
      findings,
      recommendations: ledgers.flatMap((l) => recommend(l, grouped, metrics.words, options.maxRecommendations ?? MAX_RECOMMENDATIONS)),
      ...(options.includeSource ? { source: unit.source } : {}),
    };
  }

  function auditRead({ units, skipped }: ReadResult, audit: AuditLimits = {}): AssetAudit {
    const check = clock(audit);
    try {
      check();
      return { units: units.map((u) => auditUnit(u, check)), skipped };
    } catch (error) {
      if (!(error instanceof DeadlinePassed)) throw error;
      return { units: [], skipped: [{ path: units[0]?.path ?? skipped[0]?.path ?? '', code: TIME_BUDGET_CODE, reason: error.message }] };
    }
  }

  return {
    personas,
    ruleIds: [...new Set(rules.map((r) => r.id))],
    auditUnit: (unit) => auditUnit(unit),
    auditRead,
    async auditAsset(asset, audit = {}) {
      // Reading (parsing) is the first step the clock can stop: a deadline already past reads nothing.
      if (audit.deadline !== undefined && Date.now() >= audit.deadline) return { units: [], skipped: [{ path: asset.path, code: TIME_BUDGET_CODE, reason: deadlineReason(audit) }] };
      return auditRead(await readAsset(asset, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES }), audit);
    },
  };
}

/** A unit fits its stage when no stage-fit check found anything missing. */
function stageFit(findings: readonly Finding[]): StageFit {
  const gaps = findings.filter((f) => f.category === 'stage-fit');
  return { pass: gaps.length === 0, findings: gaps.length, rules: [...new Set(gaps.map((f) => f.ruleId))] };
}

function deadlineReason(audit: AuditLimits): string {
  return audit.deadlineReason ?? 'the audit took longer than its time budget; split the file into smaller assets';
}

/** A check that throws once the deadline has passed (a no-op without one). */
function clock(audit: AuditLimits): () => void {
  const { deadline } = audit;
  if (deadline === undefined) return () => undefined;
  return () => {
    if (Date.now() >= deadline) throw new DeadlinePassed(deadlineReason(audit));
  };
}
