import type { Asset, Persona, Skipped, Unit, UnitReport } from './types.ts';
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
import { plainWordsRule, nominalisationRule, jargonRule, hedgingRule, condescensionRule, personaTermsRule, customTermsRules, type CustomTerms } from './rules/wording.ts';
import { fearRule } from './rules/fear.ts';
import { acronymRule } from './rules/acronyms.ts';
import { uncommonWordRule } from './rules/uncommon-words.ts';
import { sentenceLengthRule, sentenceGradeRule, clausesRule } from './rules/sentence-rules.ts';
import { passiveRule } from './rules/passive.ts';
import { longParagraphRule } from './rules/paragraph-rules.ts';
import { ruleEnabled, type RuleSwitches } from './rules/registry.ts';

export interface EngineOptions {
  personas: readonly Persona[];
  terms?: CustomTerms;
  maxBytes?: number;
  maxRecommendations?: number;
  /** Rules turned on or off, over their defaults (`clarity rules` lists them). */
  rules?: RuleSwitches;
  /** Put each unit's text in its report, for pages that highlight findings in place. */
  includeSource?: boolean;
}

export interface AssetAudit {
  units: UnitReport[];
  skipped: Skipped[];
}

export interface Engine {
  readonly personas: readonly Persona[];
  readonly ruleIds: readonly string[];
  auditUnit(unit: Unit): UnitReport;
  /** Audits what `readAsset` made of an asset (in another thread, say). */
  auditRead(read: ReadResult): AssetAudit;
  auditAsset(asset: Asset): Promise<AssetAudit>;
}

/** Compiles the rules once for a set of personas and house terms; audits are then pure and deterministic. */
function unitHeader(unit: Unit): Pick<UnitReport, 'path' | 'unitId' | 'title' | 'format' | 'channel' | 'origin'> {
  return { path: unit.path, unitId: unit.id, title: unit.title, format: unit.format, channel: unit.channel, ...(unit.origin ? { origin: unit.origin } : {}) };
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
    longParagraphRule,
    ...(options.terms ? customTermsRules(options.terms) : []),
  ].filter((r) => ruleEnabled(r.id, options.rules));

  const limits = {
    maxSentenceLength: Math.min(...personas.map((p) => p.maxSentenceLength)),
    targetGrade: Math.min(...personas.map((p) => p.targetGrade)),
  };

  function auditUnit(unit: Unit): UnitReport {
    const paragraphs = segment(unit);
    const metrics = documentMetrics(countParagraphs(paragraphs, unit.blocks));
    const candidates: Candidate[] = [];
    const ctx = { unit, paragraphs, sentences: sentenceVisits(unit, paragraphs), limits };
    for (const rule of rules) rule.run(ctx, (c) => candidates.push(c));
    const findings = toFindings(unit, candidates, personas);
    const grouped = passages(findings);
    const ledgers = personas.map((p) => ledger(p, findings));
    return {
      ...unitHeader(unit),
      metrics,
      hardestSentences: hardestSentences(unit, paragraphs),
      scores: ledgers.map((l) => scorePersona(l, metrics)),
      findings,
      recommendations: ledgers.flatMap((l) => recommend(l, grouped, metrics.words, options.maxRecommendations ?? MAX_RECOMMENDATIONS)),
      ...(options.includeSource ? { source: unit.source } : {}),
    };
  }

  function auditRead({ units, skipped }: ReadResult): AssetAudit {
    return { units: units.map(auditUnit), skipped };
  }

  return {
    personas,
    ruleIds: [...new Set(rules.map((r) => r.id))],
    auditUnit,
    auditRead,
    async auditAsset(asset) {
      return auditRead(await readAsset(asset, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES }));
    },
  };
}
