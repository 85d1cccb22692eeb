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
  glossariesTable: 'CLARITY_GLOSSARIES_TABLE',
  /** How long the audit Lambda keeps the glossaries it read, in seconds (see GLOSSARY_CACHE_SECONDS). */
  glossaryCacheSeconds: 'CLARITY_GLOSSARY_CACHE_SECONDS',
  eventBusName: 'CLARITY_EVENT_BUS',
  maxBytes: 'CLARITY_MAX_BYTES',
  /** Milliseconds one asset's audit may take (see AUDIT_SIZING); unset, it follows from CLARITY_MAX_BYTES. */
  assetBudgetMs: 'CLARITY_ASSET_BUDGET_MS',
} as const;

/** Variables only `clarity dev` sets, on top of ENV: the stack never does. */
export const DEV_ENV = {
  /** Path-style S3 requests, as s3rver needs. */
  s3ForcePathStyle: 'CLARITY_S3_FORCE_PATH_STYLE',
} as const;

/**
 * How long one asset's audit may take, and what the audit Lambda is sized from (auditSizing in lib/infra/audit-function.ts).
 *
 * Measured on these machines: the engine alone audits plain paragraphs at ~1.8 s/MiB on one core (npm run bench),
 * but a whole audit also parses the file and renders the report page. For dense content (the examples concatenated),
 * on a shared machine (load ~5.5 on 2 cores, so roughly 2.5× slower than a free core): 1 MiB took parse 7.7 s,
 * engine 3.7 s, page 7.3 s (~7 s/MiB on a free core, page ≈ 2 × engine); 5 MiB took 87 s, 21 s and 160 s and peaked
 * at 1.65 GB RSS (parsing and the page grow faster than linearly there). Lambda gives a full vCPU only from 1769 MB,
 * and a Graviton core is no faster than these. So the budget is a fixed part for a cold sandbox (rule compilation,
 * personas, the fetch) plus secondsPerMiB for each MiB the largest accepted asset may have: 5 MiB → 10 + 5 × 8 = 50 s.
 * Ordinary prose fits well inside it; a 5 MiB wall of dense markup may not, and is then recorded as failed with
 * code `time-budget` (split it, or raise the budget) instead of timing the Lambda out.
 */
export const AUDIT_SIZING = {
  fixedSeconds: 10,
  secondsPerMiB: 8,
  /** Kept back from every invocation for the reports, the audit item, the pointers and the event (with SDK retries). */
  writeMarginSeconds: 20,
} as const;

/** One asset's time budget in seconds, for assets of up to `maxBytes`. */
export function assetBudgetSeconds(maxBytes: number): number {
  return Math.ceil(AUDIT_SIZING.fixedSeconds + (AUDIT_SIZING.secondsPerMiB * maxBytes) / (1024 * 1024));
}

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

/**
 * Glossaries table: one item per team and glossary name, `{ team, name, glossary: <JSON>, hash, updatedAt }`. The
 * glossaries every team uses are under the team ALL_TEAMS.
 */
export const GLOSSARIES_TABLE = { partitionKey: 'team', sortKey: 'name' } as const;

/** The team whose glossaries apply to every asset, under the asset's own team's (no team name can be this). */
export const ALL_TEAMS = '_all';

/** A team's name: lowercase letters, digits and dashes, as in a key prefix `teams/<team>/`. */
export const TEAM_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** TEAM_NAME in words, for the messages that refuse a name. */
export const TEAM_RULE = 'lowercase letters, digits and dashes, at most 63';

/** Key prefix that names an asset's team when no metadata does: `teams/<team>/…`. */
export const TEAM_PREFIX = 'teams/';

/**
 * How long the audit Lambda keeps a team's glossaries before reading them again. Powertools' parameters utility
 * caches for 5 s by default; glossaries change far less often than parameters and each new set compiles the rules
 * anew, so a minute. A re-audit started within this long after a push may still use the glossaries before it.
 */
export const GLOSSARY_CACHE_SECONDS = 60;

export const DEFAULT_REPORTS_PREFIX = 'reports/';

/** EventBridge event published after every audit (audited, skipped or failed). */
export const AUDIT_EVENT = { source: 'clarity.auditor', detailType: 'AuditCompleted' } as const;

/** S3 object metadata (x-amz-meta-*) or tags a content team may set on an asset. */
export const ASSET_METADATA = {
  /** sales-script | support-macro | web-page | help-article | document */
  channel: 'clarity-channel',
  /** Comma-separated persona ids to score against (default: every persona in the table). */
  personas: 'clarity-personas',
  /** inform | entice | activate | reciprocate | advocate: the asset's engagement stage, over every other source. */
  stage: 'clarity-stage',
  /** The team that owns the asset, whose glossaries it is audited with (over the key prefix teams/<team>/). */
  team: 'clarity-team',
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
