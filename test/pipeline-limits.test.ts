import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { startLocalPipeline, type LocalPipeline } from '../lib/local/local-pipeline.ts';
import { localContext, sqsRecord } from '../lib/local/sqs-queue.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { createEngine, TIME_BUDGET_CODE } from '../lib/engine/audit.ts';
import { pipelineFromEnv } from '../lib/adapters/aws/pipeline-from-env.ts';
import { auditObject, AUDIT_ERROR_CODE, type PipelineDeps } from '../lib/pipeline/audit-object.ts';
import { makeAuditHandler } from '../lib/pipeline/sqs-handler.ts';
import { encodeS3Key } from '../lib/pipeline/asset-ref.ts';
import { handleApiRequest } from '../lib/api/report-api.ts';
import { versionItems } from './pipeline-helpers.ts';

/*
 * Issues 10 and 15 against the emulators (s3rver, dynalite) through the real SDK clients and handler: content that
 * makes the engine throw, audits past their time budget, reports too big for a function URL, portfolio pages.
 * Objects go to buckets the local pipeline does not watch, so only these tests' handler calls audit them.
 */

let dir: string;
let p: LocalPipeline;
let deps: PipelineDeps;
const bucket = 'clarity-limits';
let observe: { logger: Logger; metrics: Metrics };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-limits-'));
  p = await startLocalPipeline({ dir, persist: false, personas: BUILTIN_PERSONAS });
  deps = pipelineFromEnv(process.env, undefined, { events: p.events });
  // Made after the local pipeline's environment is set, which turns metrics output off.
  observe = { logger: new Logger({ logLevel: 'SILENT' }), metrics: new Metrics({ namespace: 'test' }) };
  await p.s3.send(new CreateBucketCommand({ Bucket: bucket }));
}, 30_000);
afterAll(async () => {
  await p?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function put(key: string, body: string): Promise<string> {
  const { ETag } = await p.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return (ETag ?? '').replace(/"/g, '');
}

function message(key: string, eTag: string): string {
  return JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: bucket }, object: { key: encodeS3Key(key), eTag } } }] });
}

/** Runs the real audit handler on one batch, with a Lambda context that has `remainingMs` left. */
async function runBatch(handlerDeps: PipelineDeps, bodies: string[], remainingMs: number, options: { assetBudgetMs?: number; writeMarginMs?: number } = {}): Promise<{ response: SQSBatchResponse; ids: string[] }> {
  const ids = bodies.map((_, i) => `m-${i}-${Math.random().toString(36).slice(2)}`);
  const end = Date.now() + remainingMs;
  const context: Context = { ...localContext(), getRemainingTimeInMillis: () => Math.max(0, end - Date.now()) };
  const response = await makeAuditHandler(handlerDeps, observe, options)({ Records: bodies.map((b, i) => sqsRecord(ids[i]!, b)) }, context);
  return { response, ids };
}

const versionsOf = (key: string) => versionItems(p, bucket, key);

function eventsFor(key: string): { detail: { key: string; status: string; reason?: string } }[] {
  if (!existsSync(p.eventsFile)) return [];
  return readFileSync(p.eventsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.detail.key === key);
}

describe('content the engine throws on (issue 10)', () => {
  it('is recorded as failed with its reason and announced, and the message is acknowledged, not retried', async () => {
    const key = 'help-center/crashes the parser.md';
    const eTag = await put(key, 'A perfectly ordinary sentence. And a second one.');
    const throwing: PipelineDeps = {
      ...deps,
      engineFor: () => ({
        auditAsset: async (asset) => {
          if (asset.path === key) throw new RangeError('Maximum call stack size exceeded in a nested list');
          return createEngine({ personas: BUILTIN_PERSONAS }).auditAsset(asset);
        },
      }),
    };
    const { response } = await runBatch(throwing, [message(key, eTag)], 60_000);
    expect(response.batchItemFailures).toEqual([]);
    const items = await versionsOf(key);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'failed', code: AUDIT_ERROR_CODE, channel: 'help-article', eventSent: true });
    expect(items[0]!.reason).toContain('RangeError: Maximum call stack size exceeded in a nested list');
    expect(items[0]!.reason).toContain('Retrying will not help');
    const sent = eventsFor(key);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.detail).toMatchObject({ status: 'failed', reason: items[0]!.reason });

    // Delivered again (SQS delivers at least once): still one record and one event.
    expect((await runBatch(throwing, [message(key, eTag)], 60_000)).response.batchItemFailures).toEqual([]);
    expect(await versionsOf(key)).toHaveLength(1);
    expect(eventsFor(key)).toHaveLength(1);
  });

  it('still sends an infrastructure error back to the queue', async () => {
    const key = 'help-center/infra.md';
    const eTag = await put(key, 'Short and plain.');
    const broken: PipelineDeps = { ...deps, reports: { ...deps.reports, put: async () => Promise.reject(Object.assign(new Error('We encountered an internal error'), { name: 'InternalError' })) } };
    const { response, ids } = await runBatch(broken, [message(key, eTag)], 60_000);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: ids[0] }]);
    expect(await versionsOf(key)).toHaveLength(0);
  });
});

describe('the time budget (issue 15)', () => {
  it('engine: a deadline already past reads nothing and returns a time-budget skip with the given reason', async () => {
    const engine = createEngine({ personas: BUILTIN_PERSONAS });
    const audit = await engine.auditAsset({ path: 'a.md', bytes: new TextEncoder().encode('Some text to audit.') }, { deadline: Date.now() - 1, deadlineReason: 'too slow; split it' });
    expect(audit).toEqual({ units: [], skipped: [{ path: 'a.md', code: TIME_BUDGET_CODE, reason: 'too slow; split it' }] });
    // Without a deadline, the same asset audits.
    expect((await engine.auditAsset({ path: 'a.md', bytes: new TextEncoder().encode('Some text to audit.') })).units).toHaveLength(1);
  });

  it('engine: a tiny deadline on a long file stops the audit at a step boundary, with no partial result', async () => {
    const engine = createEngine({ personas: BUILTIN_PERSONAS });
    // Macros: many units, so the clock is read between units as well as between each unit's steps.
    const rows = Array.from({ length: 300 }, (_, i) => `Reply ${i},"The policyholder shall utilize the portal in the event that the premium is not remitted."`);
    const bytes = new TextEncoder().encode(`title,body\n${rows.join('\n')}\n`);
    const audit = await engine.auditAsset({ path: 'macros.csv', bytes }, { deadline: Date.now() + 2 });
    expect(audit.units).toEqual([]);
    expect(audit.skipped).toMatchObject([{ path: 'macros.csv', code: TIME_BUDGET_CODE }]);
    expect(audit.skipped[0]!.reason).toMatch(/split the file/);
    expect((await engine.auditAsset({ path: 'macros.csv', bytes })).units).toHaveLength(300);
  });

  it('handler: an asset with no time left is recorded as failed (time-budget), announced and acknowledged; a later record of the batch goes back to the queue unstarted', async () => {
    const first = 'web-pages/slow.md';
    const second = 'web-pages/next.md';
    const e1 = await put(first, 'We got your form. Your card is on its way.');
    const e2 = await put(second, 'Thanks for writing to us.');
    // The invocation has exactly the write margin left: the first record's budget is 0 ms.
    const { response, ids } = await runBatch(deps, [message(first, e1), message(second, e2)], 20_000, { writeMarginMs: 20_000, assetBudgetMs: 50_000 });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: ids[1] }]);
    const [item] = await versionsOf(first);
    expect(item).toMatchObject({ status: 'failed', code: TIME_BUDGET_CODE, channel: 'web-page', eventSent: true });
    expect(item!.reason).toMatch(/took longer than the audit Lambda's \d+ s budget per asset; split the file into smaller assets, or raise/);
    expect(eventsFor(first).map((e) => e.detail.status)).toEqual(['failed']);
    // The second record was not started, so nothing of it is recorded; its redelivery audits it.
    expect(await versionsOf(second)).toHaveLength(0);
    expect((await runBatch(deps, [message(second, e2)], 60_000)).response.batchItemFailures).toEqual([]);
    expect((await versionsOf(second))[0]).toMatchObject({ status: 'audited' });
  });
});

describe('the report API under the function URL limits (issue 15)', () => {
  it('redirects a report over the inline limit to a presigned S3 URL that fetches it', async () => {
    const key = 'docs/big report.md';
    const eTag = await put(key, 'Utilize the portal in the event that you forget your password. '.repeat(40));
    await auditObject(deps, { bucket, key, eTag, source: 's3' });
    const api = { ...deps, maxInlineBytes: 2_000 };
    const path = `/reports/${bucket}/${key}`;
    for (const format of ['html', 'json'] as const) {
      const res = await handleApiRequest(api, { method: 'GET', path, query: { format } });
      expect(res.status).toBe(302);
      const url = res.headers.location!;
      expect(url).toMatch(/X-Amz-Signature=/);
      expect(url).toMatch(/X-Amz-Expires=300/);
      const fetched = await fetch(url);
      expect(fetched.status).toBe(200);
      const body = await fetched.text();
      expect(body.length).toBeGreaterThan(2_000);
      const record = (await deps.audits.latest(bucket, key))!;
      const stored = await p.s3.send(new GetObjectCommand({ Bucket: p.resources.reportsBucket, Key: format === 'html' ? record.reportHtmlKey! : record.reportJsonKey! }));
      expect(body).toBe(await stored.Body!.transformToString());
    }
    // Under the limit it is answered inline, as before.
    const inline = await handleApiRequest(deps, { method: 'GET', path, query: {} });
    expect(inline.status).toBe(200);
    expect(JSON.parse(inline.body).units).toHaveLength(1);
  });

  it('pages the portfolio with an opaque next token: every asset exactly once across pages', async () => {
    for (let i = 0; i < 7; i++) {
      const key = `portfolio/asset ${i}.md`;
      await auditObject(deps, { bucket, key, eTag: await put(key, i % 2 ? 'Utilize the portal in the event that you forget it.' : 'Reset it on the sign-in page.'), source: 's3' });
    }
    const all = (await handleApiRequest(deps, { method: 'GET', path: '/portfolio', query: { format: 'json', limit: '2000' } }));
    const expected = (JSON.parse(all.body).audits as { bucket: string; key: string }[]).map((a) => `${a.bucket}/${a.key}`);
    expect(expected.length).toBeGreaterThanOrEqual(7);

    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const res = await handleApiRequest(deps, { method: 'GET', path: '/portfolio', query: { format: 'json', limit: '3', ...(next ? { next } : {}) } });
      expect(res.status).toBe(200);
      const body = JSON.parse(res.body) as { audits: { bucket: string; key: string }[]; next?: string; nextHref?: string };
      expect(body.audits.length).toBeLessThanOrEqual(3);
      seen.push(...body.audits.map((a) => `${a.bucket}/${a.key}`));
      if (body.next) expect(body.nextHref).toBe(`/portfolio?limit=3&format=json&next=${body.next}`);
      next = body.next;
      pages++;
    } while (next && pages < 50);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThanOrEqual(3);

    // The HTML page links to the next one.
    const html = await handleApiRequest(deps, { method: 'GET', path: '/portfolio', query: { limit: '3' } });
    expect(html.body).toMatch(/<a rel="next" href="\/portfolio\?limit=3&amp;next=[A-Za-z0-9_-]+">/);
    // A token it never handed out is refused, not passed to DynamoDB.
    for (const bad of ['not-a-token', Buffer.from(JSON.stringify({ pk: 'x' })).toString('base64url')]) {
      const res = await handleApiRequest(deps, { method: 'GET', path: '/portfolio', query: { next: bad } });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error).toBe('bad-next');
    }
  });
});
