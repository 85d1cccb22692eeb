import type { AuditRecord, AuditStore, PersonaStore, ReportStore } from '../pipeline/ports.ts';
import { renderPortfolioPage, type PortfolioRow } from '../report/pages/portfolio-page.ts';
import { DEFAULT_MIN_SCORE } from '../config/defaults.ts';

/** The read-only report API, independent of how requests arrive (Lambda function URL, or clarity dev's HTTP server). */
export interface ApiDeps {
  audits: AuditStore;
  personas: PersonaStore;
  reports: ReportStore;
}

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
 *   GET /portfolio                                  the portfolio page (HTML): every asset's latest audit, worst first
 *   GET /personas                                   the personas audits are scored against
 *   GET /audits?persona=&channel=&min=&max=&limit=  with persona: latest audits, worst first; without: most recent audits (any status)
 *   GET /assets/<bucket>/<key>?version=             one asset's audit record (latest, or a version): scores, or why it was skipped
 *   GET /reports/<bucket>/<key>?version=&format=    the published report, json (default) or html
 */
export async function handleApiRequest(deps: ApiDeps, req: ApiRequest): Promise<ApiResponse> {
  if (req.method !== 'GET') return json(405, { error: 'method-not-allowed', message: 'the report API is read-only: use GET' });
  const [route, ...rest] = req.path.replace(/^\/+/, '').split('/');
  switch (route) {
    case '':
      return json(200, { routes: ['/portfolio', '/personas', '/audits', '/assets/<bucket>/<key>', '/reports/<bucket>/<key>'] });
    case 'personas': {
      const personas = await deps.personas.list();
      if (!personas.ok) return json(500, { error: personas.error.code, message: personas.error.message });
      return json(200, { personas: personas.value });
    }
    case 'audits':
      return listAudits(deps, req.query);
    case 'portfolio':
      return portfolio(deps);
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
  const body = key ? await deps.reports.get(key) : undefined;
  if (body === undefined) return json(404, { error: 'report-missing', message: `the ${format} report of this audit is not in the reports bucket` });
  return { status: 200, headers: { 'content-type': format === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8' }, body };
}

/** Assets a portfolio page lists at most; the page itself pages through them 500 at a time. */
const PORTFOLIO_LIMIT = 20_000;

async function portfolio(deps: ApiDeps): Promise<ApiResponse> {
  const personas = await deps.personas.list();
  if (!personas.ok) return json(500, { error: personas.error.code, message: personas.error.message });
  const records = await deps.audits.listPortfolio(PORTFOLIO_LIMIT);
  const rows: PortfolioRow[] = records.map((r) => ({
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
    href: `/reports/${encodeURIComponent(r.bucket)}/${r.key.split('/').map(encodeURIComponent).join('/')}?format=html`,
  }));
  const people = personas.value.map((p) => ({ id: p.id, name: p.name, bar: DEFAULT_MIN_SCORE, goals: p.goals.map((g) => ({ id: g.id, label: g.label })) }));
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: renderPortfolioPage(rows, people, { generatedAt: new Date().toISOString().slice(0, 16).replace('T', ' ') }) };
}

function splitAsset(parts: string[]): { bucket: string; key: string } | undefined {
  const [bucket, ...key] = parts;
  return bucket && key.length ? { bucket, key: key.join('/') } : undefined;
}

function publicRecord<T extends AuditRecord>(r: T): Omit<T, 'personasHash'> {
  const { personasHash: _, ...rest } = r;
  return rest;
}

function json(status: number, body: unknown): ApiResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}
