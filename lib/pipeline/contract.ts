/**
 * What the infrastructure and the handlers agree on: environment variable
 * names, table keys and indexes, the report layout and the event shape.
 * The CDK construct and the handlers both import this file.
 */

/** Environment variables the Lambda handlers read (and `clarity dev` sets). */
export const ENV = {
  reportsBucket: 'CLARITY_REPORTS_BUCKET',
  reportsPrefix: 'CLARITY_REPORTS_PREFIX',
  auditsTable: 'CLARITY_AUDITS_TABLE',
  personasTable: 'CLARITY_PERSONAS_TABLE',
  eventBusName: 'CLARITY_EVENT_BUS',
  maxBytes: 'CLARITY_MAX_BYTES',
} as const;

/** Audits table: one item per audited asset version, plus "latest" pointers per asset and per persona. */
export const AUDITS_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Worst-first per persona: gsi1pk = PERSONA#<id>, gsi1sk = <score, zero-padded>#<asset>. */
  byPersonaScore: { indexName: 'byPersonaScore', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Most recent audits: gsi2pk = AUDIT, gsi2sk = <ISO time>#<asset>. */
  byRecent: { indexName: 'byRecent', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
} as const;

/** Personas table: one item per persona, keyed by its id. */
export const PERSONAS_TABLE = { partitionKey: 'id' } as const;

export const DEFAULT_REPORTS_PREFIX = 'reports/';

/** EventBridge event published after every audit (audited, skipped or failed). */
export const AUDIT_EVENT = { source: 'clarity.auditor', detailType: 'AuditCompleted' } as const;

/** S3 object metadata (x-amz-meta-*) or tags a content team may set on an asset. */
export const ASSET_METADATA = {
  /** sales-script | support-macro | web-page | help-article | document */
  channel: 'clarity-channel',
  /** Comma-separated persona ids to score against (default: every persona in the table). */
  personas: 'clarity-personas',
} as const;

/** Key prefixes that name a channel when no metadata does: `sales-scripts/…`, `support-macros/…`, `web-pages/…`. */
export const CHANNEL_PREFIXES = {
  'sales-scripts/': 'sales-script',
  'support-macros/': 'support-macro',
  'web-pages/': 'web-page',
  'help-center/': 'help-article',
} as const;

/** SQS message body the re-audit state machine sends: the S3 event shape with a raw (not URL-encoded) key. */
export const REAUDIT_EVENT_SOURCE = 'clarity:reaudit';
