import { createHash, randomUUID } from 'node:crypto';
import { createEngine, type Engine } from '../engine/audit.ts';
import type { Channel, Persona } from '../engine/types.ts';
import { buildReport, worstScore } from '../report/build.ts';
import { renderAssetPage } from '../report/pages/asset-page.ts';
import { versionOf, type AssetRef } from './asset-ref.ts';
import { ASSET_METADATA, CHANNEL_PREFIXES } from './contract.ts';
import type { AssetStore, AuditRecord, AuditStore, EventSink, PersonaStore, ReportStore } from './ports.ts';

export interface PipelineDeps {
  assets: AssetStore;
  personas: PersonaStore;
  audits: AuditStore;
  reports: ReportStore;
  events: EventSink;
  maxBytes: number;
  now?: () => Date;
}

/**
 * A claim on announcing an audit older than this is taken to be from a handler that died. Longer than the
 * queue's visibility timeout (6 min 5 s), so a redelivery never takes over a claim whose holder is still alive.
 */
const EVENT_CLAIM_STALE_MS = 10 * 60 * 1000;

const CHANNELS: readonly Channel[] = ['sales-script', 'support-macro', 'web-page', 'help-article', 'document'];

/**
 * Audits one object version end to end: fetch, audit against the personas,
 * publish the JSON and HTML reports, record the result exactly once, move the
 * "latest" pointers, and announce it. Anything the content team can fix
 * (binary, empty, too large, unknown persona) is recorded as skipped or failed
 * with a reason; infrastructure errors throw, so the queue retries the message.
 */
export async function auditObject(deps: PipelineDeps, ref: AssetRef): Promise<AuditRecord> {
  const now = (deps.now ?? (() => new Date()))();
  const base = { bucket: ref.bucket, key: ref.key, version: versionOf(ref), ...(ref.sequencer ? { sequencer: ref.sequencer } : {}), units: 0, findings: 0, scores: {}, auditedAt: now.toISOString() };
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
  const picked = pickPersonas(all, object.value.metadata[ASSET_METADATA.personas]);
  if (!picked.ok) return record(deps, { ...base, personasHash: personasHash(all), status: 'failed', code: picked.code, reason: picked.reason });

  const personas = picked.personas;
  const hash = personasHash(personas);
  const channel = channelOf(ref.key, object.value.metadata[ASSET_METADATA.channel]);
  const { units, skipped } = await engineFor(personas, hash, deps.maxBytes).auditAsset({ path: ref.key, bytes: object.value.bytes, ...(channel ? { channel } : {}) });
  if (units.length === 0) {
    const why = skipped[0];
    return record(deps, { ...base, personasHash: hash, status: 'skipped', code: why?.code ?? 'no-prose', reason: why?.reason ?? 'nothing to audit' });
  }

  const report = buildReport(personas, units, skipped);
  const scores = Object.fromEntries(personas.map((p) => [p.id, Math.min(...units.map((u) => u.scores.find((s) => s.personaId === p.id)?.overall ?? 100))]));
  const worst = [...units].sort((a, b) => worstScore(a) - worstScore(b))[0];
  const before = await deps.audits.latest(ref.bucket, ref.key);
  const previous = before && before.version !== base.version && before.status === 'audited' ? { version: before.version, auditedAt: before.auditedAt, scores: before.scores } : before?.previous;
  const page = renderAssetPage(report, { version: base.version, auditedAt: base.auditedAt, portfolioHref: '/portfolio', ...(previous ? { previous } : {}) });
  const keys = await deps.reports.put(ref, base.version, report, page);
  return record(deps, {
    ...base,
    personasHash: hash,
    status: 'audited',
    channel: worst?.channel ?? 'document',
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
  await deps.audits.promoteLatest(current);
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
  const prefix = Object.entries(CHANNEL_PREFIXES).find(([p]) => key.startsWith(p));
  return prefix?.[1];
}

export function personasHash(personas: readonly Persona[]): string {
  const sorted = [...personas].sort((a, b) => (a.id < b.id ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

// Compiling the rules costs more than an audit; keep engines for the persona sets seen recently.
const engines = new Map<string, Engine>();
function engineFor(personas: Persona[], hash: string, maxBytes: number): Engine {
  const key = `${hash}:${maxBytes}`;
  let engine = engines.get(key);
  if (!engine) {
    if (engines.size >= 8) engines.clear();
    engine = createEngine({ personas, maxBytes, includeSource: true });
    engines.set(key, engine);
  }
  return engine;
}
