import type { AuditReport, Channel, Persona, Result, StageDecision, StageFit } from '../engine/types.ts';
import type { Glossary } from '../glossary/types.ts';
import type { AssetRef } from './asset-ref.ts';

/** The pipeline's view of storage and delivery. AWS adapters and the local pipeline implement these. */

export interface StoredObject {
  bytes: Uint8Array;
  metadata: Record<string, string>;
  versionId?: string;
  eTag?: string;
}

export interface AssetStore {
  /** The object's bytes, or `too-large` (without downloading it) / `not-found`. */
  get(ref: AssetRef, maxBytes: number): Promise<Result<StoredObject>>;
}

export interface PersonaStore {
  /** Every persona; an invalid stored persona is an error value naming it (network errors throw). */
  list(): Promise<Result<Persona[]>>;
  put(personas: readonly Persona[]): Promise<void>;
}

/** Which version of a team's glossary an audit used: the hash of its content. */
export interface GlossaryVersion {
  team: string;
  name: string;
  hash: string;
}

export interface StoredGlossary extends GlossaryVersion {
  glossary: Glossary;
  updatedAt: string;
}

export interface GlossaryStore {
  /**
   * One team's glossaries (ALL_TEAMS: those every team uses), or every team's when no team is named, by team and
   * name; an invalid stored glossary is an error value naming it (network errors throw). `fresh`: read past any
   * cache (a re-audit, which an operator starts right after a push).
   */
  list(team?: string, options?: { fresh?: boolean }): Promise<Result<StoredGlossary[]>>;
  /** Writes the team's glossary of that name, unless it holds this very content already. */
  put(team: string, glossary: Glossary): Promise<'written' | 'unchanged'>;
  /** Deletes the team's glossary of that name; 'absent' when there was none. */
  remove(team: string, name: string): Promise<'removed' | 'absent'>;
}

export type AuditStatus = 'audited' | 'skipped' | 'failed';

/** A stage as the audits table and the AuditCompleted event carry it: with its fit once the asset was audited. */
export type RecordedStage = StageDecision & { fit?: StageFit };

/** One audit of one asset version: what the audits table holds and the report API lists. */
export interface AuditRecord {
  bucket: string;
  key: string;
  version: string;
  sequencer?: string;
  /** Hash of the persona definitions used, so a persona change re-audits but a duplicate event does not. */
  personasHash: string;
  /** The team whose glossaries the asset was audited with (its metadata or key prefix names it). */
  team?: string;
  /** The glossaries used, in layering order, each at the version (content hash) read. */
  glossaries?: GlossaryVersion[];
  /** Hash of those glossaries' versions, so a glossary change re-audits as a persona change does; absent with none. */
  glossariesHash?: string;
  status: AuditStatus;
  code?: string;
  reason?: string;
  channel?: Channel;
  /**
   * The engagement stage and its fit (the worst unit's, for macro exports); a skipped or failed audit has the stage
   * its metadata or key declares, if any, with no fit.
   */
  stage?: RecordedStage;
  title?: string;
  units: number;
  findings: number;
  /** Overall score per persona: the worst unit's, for macro exports with many units. */
  scores: Record<string, number>;
  reportJsonKey?: string;
  reportHtmlKey?: string;
  auditedAt: string;
  /** Score per persona and goal (the worst unit's), for the portfolio's goal filter. */
  goals?: Record<string, Record<string, number>>;
  /** The version audited before this one, for "how scores moved". */
  previous?: { version: string; auditedAt: string; scores: Record<string, number> };
}

export interface AuditStore {
  /** Writes the record unless this exact audit (asset, version, personas, glossaries) exists: exactly one result per version. */
  putAudit(record: AuditRecord): Promise<'written' | 'duplicate'>;
  /** Moves the asset's "latest" pointers to this audit unless a newer version already holds them. */
  promoteLatest(record: AuditRecord): Promise<'promoted' | 'stale'>;
  /**
   * Claims the right to announce this audit for `owner`: 'claimed' for exactly one owner at a time (asking
   * again as the same owner, e.g. after a lost answer, still says 'claimed'); 'sent' once it is announced;
   * 'busy' while another owner's fresh claim stands. A claim older than `staleMs` (its holder died) is taken over.
   */
  claimEvent(record: AuditRecord, owner: string, now: Date, staleMs: number): Promise<'claimed' | 'sent' | 'busy'>;
  /** Gives a claim back after a failed announcement, so the retry announces it. */
  releaseEvent(record: AuditRecord): Promise<void>;
  markEventSent(record: AuditRecord): Promise<void>;
  getAudit(bucket: string, key: string, version: string): Promise<(AuditRecord & { eventSent?: boolean }) | undefined>;
  listWorst(personaId: string, query: ListQuery): Promise<LatestAudit[]>;
  listRecent(query: ListQuery): Promise<AuditRecord[]>;
  latest(bucket: string, key: string): Promise<AuditRecord | undefined>;
  /**
   * Every asset's latest audit, worst first (any status; skipped and failed ones sort first), one page at a time:
   * `next` is an opaque token for the following page, absent on the last one.
   */
  listPortfolio(limit: number, next?: string): Promise<{ audits: AuditRecord[]; next?: string }>;
}

export interface ListQuery {
  limit: number;
  channel?: string;
  minScore?: number;
  maxScore?: number;
}

export interface LatestAudit extends AuditRecord {
  personaId: string;
  score: number;
}

export interface ReportStore {
  put(ref: AssetRef, version: string, report: AuditReport, html: string): Promise<{ jsonKey: string; htmlKey: string }>;
  get(key: string): Promise<string | undefined>;
  /**
   * A stored report for the API: its text when it is at most `maxInlineBytes`, else a presigned GET URL valid for
   * `urlSeconds` (responses through a Lambda function URL are limited to 6 MB). Undefined when it is not stored.
   */
  open(key: string, options: { maxInlineBytes: number; urlSeconds: number }): Promise<OpenedReport | undefined>;
}

export type OpenedReport = { kind: 'inline'; body: string } | { kind: 'url'; url: string; bytes: number };

/** An opaque `next` token the store cannot read (tampered with, or from another table). */
export class BadPageTokenError extends Error {
  override readonly name = 'BadPageTokenError';
}

/** Announces finished audits (EventBridge in AWS; a file or memory locally). */
export interface EventSink {
  auditCompleted(event: AuditCompletedDetail): Promise<void>;
}

export interface AuditCompletedDetail {
  bucket: string;
  key: string;
  version: string;
  status: AuditStatus;
  reason?: string;
  scores: Record<string, number>;
  stage?: RecordedStage;
  /** The asset's team, for a rule that routes a team's audits to it. */
  team?: string;
  report?: { json: string; html: string };
}
