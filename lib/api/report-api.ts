import { BadPageTokenError, type AuditRecord, type AuditStore, type GlossaryStore, type PersonaStore, type ReportStore } from '../pipeline/ports.ts';
import { ALL_TEAMS, TEAM_NAME, TEAM_RULE } from '../pipeline/contract.ts';
import { renderPortfolioPage, type PortfolioRow } from '../report/pages/portfolio-page.ts';
import { html } from '../report/pages/html.ts';
import { DEFAULT_MIN_SCORE } from '../config/defaults.ts';

/** The read-only report API, independent of how requests arrive (Lambda function URL, or clarity dev's HTTP server). */
export interface ApiDeps {
  audits: AuditStore;
  personas: PersonaStore;
  glossaries: GlossaryStore;
  reports: ReportStore;
  /** Reports larger than this are answered with a redirect to a presigned S3 URL. @default MAX_INLINE_BYTES */
  maxInlineBytes?: number;
}

/**
 * A Lambda function URL answers at most 6 MB (buffered), and a 1 MB document's report is several MB of HTML or
 * JSON: bigger reports are answered with a 302 to a presigned S3 GET (this much under the limit leaves room for
 * headers and the response envelope).
 */
export const MAX_INLINE_BYTES = 5_000_000;
/** How long a report's presigned URL works. */
export const REPORT_URL_SECONDS = 300;

export interface ApiRequest {
  method: string;
  /** Decoded path, e.g. /reports/assets-bucket/help/a b.md */
  path: string;
  query: Record<string, string | undefined>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/**
 * Routes:
 *   GET /portfolio?limit=&next=&format=             the portfolio page (HTML, or json), worst first, a page of assets at a time
 *   GET /personas                                   the personas audits are scored against
 *   GET /glossaries, /glossaries/<team>             the teams' glossaries (every team's, or one team's; _all: everyone's)
 *   GET /audits?persona=&channel=&min=&max=&limit=  with persona: latest audits, worst first; without: most recent audits (any status)
 *   GET /assets/<bucket>/<key>?version=             one asset's audit record (latest, or a version): scores, or why it was skipped
 *   GET /reports/<bucket>/<key>?version=&format=    the published report, json (default) or html; over MAX_INLINE_BYTES a 302 to S3
 */
export async function handleApiRequest(deps: ApiDeps, req: ApiRequest): Promise<ApiResponse> {
  if (req.method !== 'GET') return json(405, { error: 'method-not-allowed', message: 'the report API is read-only: use GET' });
  const [route, ...rest] = req.path.replace(/^\/+/, '').split('/');
  switch (route) {
    case '':
      return json(200, { routes: ['/portfolio', '/personas', '/glossaries', '/glossaries/<team>', '/audits', '/assets/<bucket>/<key>', '/reports/<bucket>/<key>'] });
    case 'personas': {
      const personas = await deps.personas.list();
      if (!personas.ok) return json(500, { error: personas.error.code, message: personas.error.message });
      return json(200, { personas: personas.value });
    }
    case 'glossaries':
      return listGlossaries(deps, rest);
    case 'audits':
      return listAudits(deps, req.query);
    case 'portfolio':
      return portfolio(deps, req.query);
    case 'assets':
    case 'reports': {
      const asset = splitAsset(rest);
      if (!asset) return json(400, { error: 'bad-path', message: `use /${route}/<bucket>/<key>` });
      const record = req.query.version ? await deps.audits.getAudit(asset.bucket, asset.key, req.query.version) : await deps.audits.latest(asset.bucket, asset.key);
      if (!record) return json(404, { error: 'not-audited', message: `no audit of s3://${asset.bucket}/${asset.key}${req.query.version ? ` version ${req.query.version}` : ''}` });
      if (route === 'assets') return json(200, { audit: publicRecord(record) });
      return report(deps, record, req.query.format ?? 'json');
    }
    default:
      return json(404, { error: 'not-found', message: `no route ${req.path}` });
  }
}

async function listGlossaries(deps: ApiDeps, rest: string[]): Promise<ApiResponse> {
  const team = rest.filter(Boolean).join('/') || undefined;
  if (team !== undefined && team !== ALL_TEAMS && !TEAM_NAME.test(team)) return json(400, { error: 'bad-team', message: `"${team}" is no team name: ${TEAM_RULE} (${ALL_TEAMS}: the glossaries every team uses)` });
  const listed = await deps.glossaries.list(team);
  if (!listed.ok) return json(500, { error: listed.error.code, message: listed.error.message });
  return json(200, { ...(team !== undefined ? { team } : {}), glossaries: listed.value });
}

async function listAudits(deps: ApiDeps, q: ApiRequest['query']): Promise<ApiResponse> {
  const limit = q.limit === undefined ? DEFAULT_LIMIT : Number(q.limit);
  const min = q.min === undefined ? undefined : Number(q.min);
  const max = q.max === undefined ? undefined : Number(q.max);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return json(400, { error: 'bad-limit', message: `limit must be a whole number from 1 to ${MAX_LIMIT}` });
  if ([min, max].some((n) => n !== undefined && !(n >= 0 && n <= 100))) return json(400, { error: 'bad-score', message: 'min and max must be scores from 0 to 100' });
  const query = { limit, ...(q.channel ? { channel: q.channel } : {}), ...(min !== undefined ? { minScore: min } : {}), ...(max !== undefined ? { maxScore: max } : {}) };
  if (q.persona) return json(200, { order: 'worst-first', persona: q.persona, audits: (await deps.audits.listWorst(q.persona, query)).map(publicRecord) });
  if (min !== undefined || max !== undefined) return json(400, { error: 'bad-query', message: 'a score range needs a persona: scores are per persona' });
  return json(200, { order: 'most-recent', audits: (await deps.audits.listRecent(query)).map(publicRecord) });
}

async function report(deps: ApiDeps, record: AuditRecord, format: string): Promise<ApiResponse> {
  if (format !== 'json' && format !== 'html') return json(400, { error: 'bad-format', message: 'format is json or html' });
  if (record.status !== 'audited') return json(404, { error: `audit-${record.status}`, message: record.reason ?? `the asset was ${record.status}` });
  const key = format === 'html' ? record.reportHtmlKey : record.reportJsonKey;
  const opened = key ? await deps.reports.open(key, { maxInlineBytes: deps.maxInlineBytes ?? MAX_INLINE_BYTES, urlSeconds: REPORT_URL_SECONDS }) : undefined;
  if (opened === undefined) return json(404, { error: 'report-missing', message: `the ${format} report of this audit is not in the reports bucket (or the report API may not read it)` });
  if (opened.kind === 'url') {
    // Follow it without the SigV4 Authorization header: the URL carries its own signature.
    return { status: 302, headers: { location: opened.url, 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ redirect: opened.url, bytes: opened.bytes, expiresInSeconds: REPORT_URL_SECONDS }) };
  }
  return { status: 200, headers: { 'content-type': format === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8' }, body: opened.body };
}

/** Assets on one portfolio page: a row is ~1 KB of data, so pages stay far under the function URL's 6 MB. */
const PORTFOLIO_PAGE = 500;
const PORTFOLIO_MAX_PAGE = 2_000;

async function portfolio(deps: ApiDeps, q: ApiRequest['query']): Promise<ApiResponse> {
  const limit = q.limit === undefined ? PORTFOLIO_PAGE : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > PORTFOLIO_MAX_PAGE) return json(400, { error: 'bad-limit', message: `limit must be a whole number from 1 to ${PORTFOLIO_MAX_PAGE}` });
  const format = q.format ?? 'html';
  if (format !== 'json' && format !== 'html') return json(400, { error: 'bad-format', message: 'format is html or json' });
  let page;
  try {
    page = await deps.audits.listPortfolio(limit, q.next || undefined);
  } catch (error) {
    if (error instanceof BadPageTokenError) return json(400, { error: 'bad-next', message: `${error.message}; start again from /portfolio` });
    throw error;
  }
  const nextHref = page.next ? `/portfolio?${new URLSearchParams({ ...(q.limit ? { limit: String(limit) } : {}), ...(format === 'json' ? { format } : {}), next: page.next }).toString()}` : undefined;
  if (format === 'json') return json(200, { order: 'worst-first', audits: page.audits.map(publicRecord), ...(page.next ? { next: page.next, nextHref } : {}) });
  const personas = await deps.personas.list();
  if (!personas.ok) return json(500, { error: personas.error.code, message: personas.error.message });
  const rows: PortfolioRow[] = page.audits.map((r) => ({
    id: `${r.bucket}/${r.key}`,
    title: r.title ?? r.key,
    path: `${r.bucket}/${r.key}`,
    channel: r.channel ?? 'document',
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    auditedAt: r.auditedAt.slice(0, 16).replace('T', ' '),
    version: r.version,
    scores: r.scores,
    goals: r.goals ?? {},
    ...(r.previous ? { previous: r.previous.scores } : {}),
    findings: r.findings,
    ...(r.stage ? { stage: r.stage.stage } : {}),
    ...(r.stage?.fit ? { fits: r.stage.fit.pass } : {}),
    // Only an audited asset has a report; a skipped or failed one links to its record, which says why.
    href: `/${r.status === 'audited' ? 'reports' : 'assets'}/${encodeURIComponent(r.bucket)}/${r.key.split('/').map(encodeURIComponent).join('/')}${r.status === 'audited' ? '?format=html' : ''}`,
  }));
  const people = personas.value.map((p) => ({ id: p.id, name: p.name, bar: DEFAULT_MIN_SCORE, goals: p.goals.map((g) => ({ id: g.id, label: g.label })) }));
  const appendix = nextHref ? html`<nav aria-label="Pages" class="pages"><p>This page lists ${rows.length} assets, worst first. <a rel="next" href="${nextHref}">Next ${limit} assets</a></p></nav>` : undefined;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: renderPortfolioPage(rows, people, { generatedAt: new Date().toISOString().slice(0, 16).replace('T', ' '), appendix }) };
}

function splitAsset(parts: string[]): { bucket: string; key: string } | undefined {
  const [bucket, ...key] = parts;
  return bucket && key.length ? { bucket, key: key.join('/') } : undefined;
}

/** A record without the hashes that only decide when to re-audit (the glossaries it used are listed by version). */
function publicRecord<T extends AuditRecord>(r: T): Omit<T, 'personasHash' | 'glossariesHash'> {
  const { personasHash: _, glossariesHash: _g, ...rest } = r;
  return rest;
}

function json(status: number, body: unknown): ApiResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}
