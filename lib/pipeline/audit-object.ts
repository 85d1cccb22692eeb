import { createHash, randomUUID } from 'node:crypto';
import { createEngine, TIME_BUDGET_CODE, type AssetAudit, type AuditLimits, type Engine } from '../engine/audit.ts';
import { worstOf } from '../engine/scoring.ts';
import { CHANNELS, type Channel, type Persona } from '../engine/types.ts';
import type { Glossary } from '../glossary/types.ts';
import { buildReport, worstScore } from '../report/build.ts';
import { renderAssetPage } from '../report/pages/asset-page.ts';
import { versionOf, type AssetRef } from './asset-ref.ts';
import { ASSET_METADATA, CHANNEL_PREFIXES } from './contract.ts';
import { declaredBeforeReading } from '../engine/stage/decide.ts';
import { glossariesFor, glossariesHash, glossaryVersion, teamOf, withoutTeamPrefix } from './glossaries.ts';
import type { AssetStore, AuditRecord, AuditStore, EventSink, GlossaryStore, PersonaStore, ReportStore } from './ports.ts';

export interface PipelineDeps {
  assets: AssetStore;
  personas: PersonaStore;
  /** The teams' glossaries (cached per sandbox: see CachedGlossaryStore). */
  glossaries: GlossaryStore;
  audits: AuditStore;
  reports: ReportStore;
  events: EventSink;
  maxBytes: number;
  now?: () => Date;
  /**
   * The engine for a set of personas and glossaries; `key` names the set by the hashes the audit record carries.
   * @default a cached `createEngine` per set (tests inject failing ones)
   */
  engineFor?: (personas: Persona[], maxBytes: number, glossaries: readonly Glossary[], key: string) => Pick<Engine, 'auditAsset'>;
}

/** Limits on one object's audit, set by the handler from the Lambda's remaining time. */
export interface AuditObjectOptions {
  /** Epoch ms by which auditing (engine and report page) must be done; past it the audit is `failed` / `time-budget`. */
  deadline?: number;
  /** What to tell the content team when the deadline passes (names the budget and what to raise). */
  deadlineReason?: string;
}

/** A content problem the engine or the report builder threw on: recorded as failed, never retried. */
export const AUDIT_ERROR_CODE = 'audit-error';

/** The report page costs about twice the engine's time (measured; see AUDIT_SIZING in contract.ts). */
const PAGE_COST_RATIO = 2;

/**
 * A claim on announcing an audit older than this is taken to be from a handler that died: longer than any Lambda
 * invocation can live (15 min, whatever timeout the construct sized), so a claim whose holder is alive is never
 * taken over.
 */
const EVENT_CLAIM_STALE_MS = 16 * 60 * 1000;

/**
 * Audits one object version end to end: fetch, audit against the personas,
 * publish the JSON and HTML reports, record the result exactly once, move the
 * "latest" pointers, and announce it. Anything the content team can fix
 * (binary, empty, too large, unknown persona) is recorded as skipped or failed
 * with a reason; infrastructure errors throw, so the queue retries the message.
 */
export async function auditObject(deps: PipelineDeps, ref: AssetRef, options: AuditObjectOptions = {}): Promise<AuditRecord> {
  const now = (deps.now ?? (() => new Date()))();
  // The key prefix names a channel and a team (and may name a stage) even for an object that is never read (too
  // large, gone): the portfolio shows them.
  const prefixChannel = channelOf(ref.key, undefined);
  const prefixStage = declaredBeforeReading(ref.key, undefined);
  const prefixTeam = teamOf(ref.key, undefined);
  const base = {
    bucket: ref.bucket,
    key: ref.key,
    version: versionOf(ref),
    ...(ref.sequencer ? { sequencer: ref.sequencer } : {}),
    ...(prefixChannel ? { channel: prefixChannel } : {}),
    ...(prefixTeam.ok && prefixTeam.value ? { team: prefixTeam.value } : {}),
    ...(prefixStage ? { stage: prefixStage } : {}),
    units: 0,
    findings: 0,
    scores: {},
    auditedAt: now.toISOString(),
  };
  const stored = await deps.personas.list();
  if (!stored.ok) return record(deps, { ...base, personasHash: 'none', status: 'failed', code: stored.error.code, reason: stored.error.message });
  const all = stored.value;

  const object = await deps.assets.get(ref, deps.maxBytes);
  if (!object.ok) {
    return record(deps, { ...base, personasHash: personasHash(all), status: 'skipped', code: object.error.code, reason: object.error.message });
  }
  // A re-audit names no version; in a versioned bucket the object's own version id keys it, as its upload event did.
  const fetchedVersion = object.value.versionId && object.value.versionId !== 'null' ? object.value.versionId : undefined;
  if (!ref.versionId && fetchedVersion) base.version = fetchedVersion;
  const channel = channelOf(ref.key, object.value.metadata[ASSET_METADATA.channel]);
  const metadataStage = object.value.metadata[ASSET_METADATA.stage];
  const stage = declaredBeforeReading(ref.key, metadataStage);
  const tagged = { ...base, ...(channel ? { channel } : {}), ...(stage ? { stage } : {}) };
  const picked = pickPersonas(all, object.value.metadata[ASSET_METADATA.personas]);
  if (!picked.ok) return record(deps, { ...tagged, personasHash: personasHash(all), status: 'failed', code: picked.code, reason: picked.reason });

  const personas = picked.personas;
  const hash = personasHash(personas);
  const team = teamOf(ref.key, object.value.metadata[ASSET_METADATA.team]);
  if (!team.ok) return record(deps, { ...tagged, personasHash: hash, status: 'failed', code: team.error.code, reason: team.error.message });
  // A re-audit reads the glossaries past the cache: it is what an operator starts after pushing a change.
  const found = await glossariesFor(deps.glossaries, team.value, { fresh: ref.source === 'reaudit' });
  const teamed = { ...tagged, personasHash: hash, ...(team.value ? { team: team.value } : {}) };
  if (!found.ok) return record(deps, { ...teamed, status: 'failed', code: found.error.code, reason: found.error.message });
  const used = found.value.map(glossaryVersion);
  const glossaries = found.value.map((g) => g.glossary);
  const declared = { ...teamed, ...(used.length ? { glossaries: used, glossariesHash: glossariesHash(used) } : {}) };
  const limits: AuditLimits = { ...(options.deadline !== undefined ? { deadline: options.deadline } : {}), ...(options.deadlineReason ? { deadlineReason: options.deadlineReason } : {}) };
  const failed = (code: string, reason: string): Promise<AuditRecord> => record(deps, { ...declared, status: 'failed', code, reason });

  // Everything from here to the page runs on the content alone: whatever it throws is the content's problem
  // (a parser or a rule that cannot cope with this file), recorded as failed, never retried as infrastructure.
  const started = Date.now();
  let audit: AssetAudit;
  try {
    audit = await (deps.engineFor ?? cachedEngine)(personas, deps.maxBytes, glossaries, `${hash}:${declared.glossariesHash ?? ''}:${deps.maxBytes}`).auditAsset({ path: ref.key, bytes: object.value.bytes, ...(channel ? { channel } : {}), ...(metadataStage !== undefined ? { stage: metadataStage } : {}) }, limits);
  } catch (error) {
    return failed(AUDIT_ERROR_CODE, contentErrorReason('auditing it', error));
  }
  const { units, skipped } = audit;
  if (units.length === 0) {
    const why = skipped[0];
    if (why?.code === TIME_BUDGET_CODE) return failed(why.code, why.reason);
    return record(deps, { ...declared, status: 'skipped', code: why?.code ?? 'no-prose', reason: why?.reason ?? 'nothing to audit' });
  }
  // The page cannot be stopped once begun: start it only if it should be done before the deadline.
  if (options.deadline !== undefined && Date.now() + PAGE_COST_RATIO * (Date.now() - started) > options.deadline) {
    return failed(TIME_BUDGET_CODE, options.deadlineReason ?? 'the audit would take longer than its time budget; split the file into smaller assets');
  }

  const before = await deps.audits.latest(ref.bucket, ref.key);
  const previous = before && before.version !== base.version && before.status === 'audited' ? { version: before.version, auditedAt: before.auditedAt, scores: before.scores } : before?.previous;
  let report, scores, worst, page;
  try {
    report = buildReport(personas, units, skipped);
    scores = Object.fromEntries(personas.map((p) => [p.id, worstOf(units.map((u) => u.scores.find((s) => s.personaId === p.id)?.overall ?? 100))]));
    worst = [...units].sort((a, b) => worstScore(a) - worstScore(b))[0];
    page = renderAssetPage(report, { version: base.version, auditedAt: base.auditedAt, portfolioHref: '/portfolio', ...(previous ? { previous } : {}) });
  } catch (error) {
    return failed(AUDIT_ERROR_CODE, contentErrorReason('building its report', error));
  }
  const keys = await deps.reports.put(ref, base.version, report, page);
  return record(deps, {
    ...declared,
    status: 'audited',
    channel: worst?.channel ?? channel ?? 'document',
    ...(worst ? { stage: worst.stage } : {}),
    title: units.length === 1 ? (worst?.title ?? ref.key) : `${ref.key} (${units.length} macros)`,
    units: units.length,
    findings: units.reduce((n, u) => n + u.findings.length, 0),
    scores,
    reportJsonKey: keys.jsonKey,
    reportHtmlKey: keys.htmlKey,
    goals: worst ? Object.fromEntries(worst.scores.map((s) => [s.personaId, Object.fromEntries(s.goals.map((g) => [g.goalId, g.score]))])) : {},
    ...(previous ? { previous } : {}),
  });
}

/** Writes the record once; a re-delivered event finds it and only finishes what the first delivery left undone. */
async function record(deps: PipelineDeps, audit: AuditRecord): Promise<AuditRecord> {
  const outcome = await deps.audits.putAudit(audit);
  const stored = outcome === 'written' ? { ...audit, eventSent: false } : await deps.audits.getAudit(audit.bucket, audit.key, audit.version);
  const current = stored ?? { ...audit, eventSent: false };
  // The pointers hold the audit, not the version item's announcement bookkeeping (which would only ever say false).
  const { eventSent: _sent, ...pointed } = current;
  await deps.audits.promoteLatest(pointed);
  if (!current.eventSent) {
    const claim = await deps.audits.claimEvent(current, randomUUID(), new Date(), EVENT_CLAIM_STALE_MS);
    // Another delivery is announcing it right now, or died doing so: fail this message so the queue
    // brings it back later, rather than acknowledge an audit whose announcement may never come.
    if (claim === 'busy') throw new Error(`the announcement of s3://${current.bucket}/${current.key} (${current.version}) is claimed by another delivery; retrying later`);
    if (claim === 'claimed') {
      try {
        await announce(deps, current);
      } catch (error) {
        await deps.audits.releaseEvent(current);
        throw error;
      }
      // The event is out: failing the message now would only announce it again on redelivery.
      await deps.audits.markEventSent(current).catch(() => undefined);
    }
  }
  const { eventSent: _, ...result } = current;
  return result;
}

async function announce(deps: PipelineDeps, current: AuditRecord): Promise<void> {
  await deps.events.auditCompleted({
      bucket: current.bucket,
      key: current.key,
      version: current.version,
      status: current.status,
      scores: current.scores,
      ...(current.stage ? { stage: current.stage } : {}),
      ...(current.team ? { team: current.team } : {}),
      ...(current.reason ? { reason: current.reason } : {}),
      ...(current.reportJsonKey && current.reportHtmlKey ? { report: { json: current.reportJsonKey, html: current.reportHtmlKey } } : {}),
  });
}

type Picked = { ok: true; personas: Persona[] } | { ok: false; code: string; reason: string };

function pickPersonas(all: Persona[], requested: string | undefined): Picked {
  if (all.length === 0) return { ok: false, code: 'no-personas', reason: 'the personas table is empty; seed it (deploy the stack, or run `clarity personas push`)' };
  if (!requested?.trim()) return { ok: true, personas: all };
  const ids = requested.split(',').map((s) => s.trim()).filter(Boolean);
  const missing = ids.filter((id) => !all.some((p) => p.id === id));
  if (missing.length) {
    return { ok: false, code: 'persona-not-found', reason: `the object asks for persona ${missing.map((m) => `"${m}"`).join(', ')}, which the personas table does not hold (it has: ${all.map((p) => p.id).join(', ')})` };
  }
  return { ok: true, personas: all.filter((p) => ids.includes(p.id)) };
}

function channelOf(key: string, declared: string | undefined): Channel | undefined {
  if (declared && (CHANNELS as readonly string[]).includes(declared)) return declared as Channel;
  const prefix = Object.entries(CHANNEL_PREFIXES).find(([p]) => withoutTeamPrefix(key).startsWith(p));
  return prefix?.[1];
}

export function personasHash(personas: readonly Persona[]): string {
  const sorted = [...personas].sort((a, b) => (a.id < b.id ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

function contentErrorReason(doing: string, error: unknown): string {
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
  return `clarity could not audit this file: ${doing} threw "${message}". Retrying will not help: check that the file opens and is well formed, or split it; if it looks fine, report this reason to the clarity maintainers`;
}

// Compiling the rules costs more than an audit; keep engines for the persona and glossary sets seen recently.
const engines = new Map<string, Engine>();
function cachedEngine(personas: Persona[], maxBytes: number, glossaries: readonly Glossary[], key: string): Engine {
  let engine = engines.get(key);
  if (!engine) {
    if (engines.size >= 8) engines.clear();
    engine = createEngine({ personas, maxBytes, includeSource: true, ...(glossaries.length ? { glossaries } : {}) });
    engines.set(key, engine);
  }
  return engine;
}
