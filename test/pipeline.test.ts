import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { startLocalPipeline, type LocalPipeline } from '../lib/local/local-pipeline.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { pipelineFromEnv } from '../lib/adapters/aws/pipeline-from-env.ts';
import { DynamoPersonaStore } from '../lib/adapters/aws/dynamo-personas.ts';
import { auditObject } from '../lib/pipeline/audit-object.ts';
import { REAUDIT_EVENT_SOURCE } from '../lib/pipeline/contract.ts';
import { REPORT_SCHEMA_VERSION } from '../lib/report/schema-version.ts';
import { encodeS3Key } from '../lib/pipeline/asset-ref.ts';
import type { AuditReport } from '../lib/engine/types.ts';

let dir: string;
let p: LocalPipeline;
const assets = 'clarity-assets';

async function upload(key: string, body: string | Uint8Array, metadata: Record<string, string> = {}): Promise<void> {
  await p.s3.send(new PutObjectCommand({ Bucket: assets, Key: key, Body: body, Metadata: metadata }));
}

async function api(path: string): Promise<{ status: number; body: string; type: string }> {
  const res = await fetch(`${p.apiUrl}${path}`);
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
}

async function versions(key: string): Promise<Record<string, AttributeValue>[]> {
  const { Items = [] } = await p.dynamodb.send(
    new QueryCommand({
      TableName: p.resources.auditsTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': { S: `ASSET#${assets}/${key}` }, ':v': { S: 'VERSION#' } },
    }),
  );
  return Items;
}

/**
 * While `during` runs, the handlers' JSON log lines that match `expected` are held back instead of printed: a test
 * that makes the handler fail on purpose (a poison message, a duplicate delivery) need not fill the run's output
 * with those errors. Every other line is printed as usual. Returns the lines held back.
 */
async function holdingBack(expected: RegExp, during: () => Promise<void>): Promise<string[]> {
  const held: string[] = [];
  const hold = (stream: NodeJS.WriteStream) => {
    const write = stream.write.bind(stream);
    return vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      const line = String(chunk);
      if (line.startsWith('{"level":') && expected.test(line)) {
        held.push(line);
        return true;
      }
      return write(chunk, ...rest);
    }) as typeof stream.write);
  };
  const spies = [hold(process.stdout), hold(process.stderr)];
  try {
    await during();
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
  return held;
}

/** The designed retry of a duplicate delivery whose twin holds the announcement claim (lib/pipeline/audit-object.ts). */
const CLAIMED_ELSEWHERE = /is claimed by another delivery; retrying later/;

function events(): { 'detail-type': string; detail: { key: string; status: string; scores: Record<string, number>; reason?: string } }[] {
  return existsSync(p.eventsFile) ? readFileSync(p.eventsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-pipeline-'));
  p = await startLocalPipeline({ dir, persist: false, personas: BUILTIN_PERSONAS });
});
afterAll(async () => {
  await p?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('local pipeline: upload → audit → reports → event', () => {
  const key = 'sales-scripts/Q3 pitch (v2)+final ü.md';

  it('audits an upload with an odd key and publishes everything', async () => {
    await upload(key, readFileSync('examples/sales-script.md'));
    await p.settled();

    const [item] = await versions(key);
    expect(item?.status).toEqual({ S: 'audited' });
    expect(item?.channel).toEqual({ S: 'sales-script' });

    const audit = JSON.parse((await api(`/assets/${assets}/${encodeURIComponent(key)}`)).body).audit;
    expect(audit).toMatchObject({ bucket: assets, key, status: 'audited', units: 1 });
    expect(Object.keys(audit.scores).sort()).toEqual(BUILTIN_PERSONAS.map((x) => x.id).sort());

    const report = await api(`/reports/${assets}/${encodeURIComponent(key)}`);
    expect(report.type).toContain('application/json');
    const parsed = JSON.parse(report.body) as AuditReport;
    const schema = JSON.parse(readFileSync(`schema/audit-report.v${REPORT_SCHEMA_VERSION}.json`, 'utf8'));
    expect(new Ajv2020({ strict: false }).validate(schema, parsed)).toBe(true);
    expect(parsed.units[0]!.path).toBe(key);
    const html = await api(`/reports/${assets}/${encodeURIComponent(key)}?format=html`);
    expect(html.type).toContain('text/html');
    expect(html.body).toContain('<!doctype html>');

    // The same report objects are in the reports bucket, where the audit item says.
    const stored = await p.s3.send(new GetObjectCommand({ Bucket: p.resources.reportsBucket, Key: audit.reportJsonKey }));
    expect(JSON.parse(await stored.Body!.transformToString())).toEqual(parsed);

    const sent = events().filter((e) => e.detail.key === key);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ 'detail-type': 'AuditCompleted', detail: { status: 'audited', scores: audit.scores } });
    // As on EventBridge, the event names the reports as s3:// URLs, not bare keys.
    expect((sent[0]!.detail as { report?: unknown }).report).toEqual({ json: `s3://${p.resources.reportsBucket}/${audit.reportJsonKey}`, html: `s3://${p.resources.reportsBucket}/${audit.reportHtmlKey}` });
  });

  it('says an announced audit was announced (eventSent), and keeps that bookkeeping off the latest pointers', async () => {
    const [item] = await versions(key);
    expect(item?.eventSent).toEqual({ BOOL: true });
    const latest = JSON.parse((await api(`/assets/${assets}/${encodeURIComponent(key)}`)).body).audit;
    expect(latest).not.toHaveProperty('eventSent');
    const version = JSON.parse((await api(`/assets/${assets}/${encodeURIComponent(key)}?version=${encodeURIComponent(item!.version!.S!)}`)).body).audit;
    expect(version.eventSent).toBe(true);
    const { Items = [] } = await p.dynamodb.send(
      new QueryCommand({ TableName: p.resources.auditsTable, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :l)', ExpressionAttributeValues: { ':pk': { S: `ASSET#${assets}/${key}` }, ':l': { S: 'LATEST' } } }),
    );
    expect(Items.length).toBeGreaterThan(1);
    for (const pointer of Items) expect(pointer.eventSent, pointer.sk?.S).toBeUndefined();
  });

  it('records a macro export by its worst macro: per persona the lowest score, and the worst unit’s goals', async () => {
    const key = 'support-macros/replies.json';
    await upload(key, readFileSync('examples/support-macros.json'));
    await p.settled();
    const audit = JSON.parse((await api(`/assets/${assets}/${key}`)).body).audit;
    const report = JSON.parse((await api(`/reports/${assets}/${key}`)).body) as AuditReport;
    expect(report.units.length).toBeGreaterThan(1);
    const overall = (u: AuditReport['units'][number], id: string) => u.scores.find((s) => s.personaId === id)!.overall;
    for (const persona of BUILTIN_PERSONAS) expect(audit.scores[persona.id], persona.id).toBe(Math.min(...report.units.map((u) => overall(u, persona.id))));
    const lowest = (u: AuditReport['units'][number]) => Math.min(...u.scores.map((s) => s.overall));
    const worst = report.units.reduce((a, b) => (lowest(b) < lowest(a) ? b : a));
    expect(audit.goals).toEqual(Object.fromEntries(worst.scores.map((s) => [s.personaId, Object.fromEntries(s.goals.map((g) => [g.goalId, g.score]))])));
  });

  it('lists audits worst first per persona, and most recent overall', async () => {
    await upload('web-pages/plain.md', 'We got your form. Your card is on its way.');
    await p.settled();
    const worst = JSON.parse((await api('/audits?persona=first-time-consumer')).body);
    expect(worst.order).toBe('worst-first');
    const scores = worst.audits.map((a: { score: number }) => a.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => a - b));
    expect(worst.audits.map((a: { key: string }) => a.key)).toEqual(expect.arrayContaining([key, 'web-pages/plain.md']));
    const high = JSON.parse((await api('/audits?persona=first-time-consumer&min=90')).body);
    expect(high.audits.map((a: { key: string }) => a.key)).toEqual(['web-pages/plain.md']);
    const webOnly = JSON.parse((await api('/audits?persona=first-time-consumer&channel=web-page')).body);
    expect(webOnly.audits.map((a: { key: string }) => a.key)).toEqual(['web-pages/plain.md']);
    const recent = JSON.parse((await api('/audits')).body);
    expect(recent.order).toBe('most-recent');
    expect(recent.audits[0].key).toBe('web-pages/plain.md');
    expect((await api('/audits?limit=0')).status).toBe(400);
    const personas = JSON.parse((await api('/personas')).body).personas;
    expect(personas.map((x: { id: string }) => x.id)).toEqual(BUILTIN_PERSONAS.map((x) => x.id).sort());
  });

  it('records exactly one result when an event is delivered twice', async () => {
    const before = events().length;
    const [item] = await versions(key);
    const message = JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: assets }, object: { key: encodeS3Key(key), eTag: item!.version!.S } } }] });
    await holdingBack(CLAIMED_ELSEWHERE, async () => {
      p.queue.send(message);
      p.queue.send(message);
      await p.settled();
    });
    expect(await versions(key)).toHaveLength(1);
    expect(events().length).toBe(before);
  });

  it('records a binary upload as skipped, with the reason, through the API', async () => {
    await upload('help-center/logo.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    await p.settled();
    const audit = JSON.parse((await api(`/assets/${assets}/help-center/logo.md`)).body).audit;
    expect(audit).toMatchObject({ status: 'skipped', code: 'binary' });
    expect(audit.reason).toContain('PNG');
    expect((await api(`/reports/${assets}/help-center/logo.md`)).status).toBe(404);
    expect(events().find((e) => e.detail.key === 'help-center/logo.md')?.detail.status).toBe('skipped');
  });

  it('shows a skipped web page under its key prefix channel, and its portfolio link resolves', async () => {
    await upload('web-pages/banner.html', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    await p.settled();
    const audit = JSON.parse((await api(`/assets/${assets}/web-pages/banner.html`)).body).audit;
    expect(audit).toMatchObject({ status: 'skipped', channel: 'web-page' });
    const page = await api('/portfolio');
    const data = JSON.parse(/<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(page.body)![1]!) as { rows: { path: string; channel: string; href: string; status: string }[] };
    const row = data.rows.find((r) => r.path === `${assets}/web-pages/banner.html`);
    expect(row).toMatchObject({ channel: 'web-page', status: 'skipped' });
    // Every row's link answers: a report for an audited asset, the record (with its reason) for the others.
    for (const r of data.rows) expect((await api(r.href)).status, r.href).toBe(200);
    const linked = JSON.parse((await api(row!.href)).body).audit;
    expect(linked).toMatchObject({ key: 'web-pages/banner.html', status: 'skipped', code: 'binary' });
  });

  it('records an unknown persona as a failed audit naming it', async () => {
    await upload('support-macros/x.txt', 'Thanks for writing to us.', { 'clarity-personas': 'martian' });
    await p.settled();
    const audit = JSON.parse((await api(`/assets/${assets}/support-macros/x.txt`)).body).audit;
    expect(audit).toMatchObject({ status: 'failed', code: 'persona-not-found' });
    expect(audit.reason).toContain('"martian"');
  });

  it('scores only the personas an object asks for', async () => {
    await upload('web-pages/admin.md', 'Turn on SSO for your team.', { 'clarity-personas': 'technical-admin', 'clarity-channel': 'help-article' });
    await p.settled();
    const audit = JSON.parse((await api(`/assets/${assets}/web-pages/admin.md`)).body).audit;
    expect(Object.keys(audit.scores)).toEqual(['technical-admin']);
    expect(audit.channel).toBe('help-article');
  });

  it('sends a poison message to the dead-letter list after three receives', async () => {
    const logged = await holdingBack(/"name":"PoisonMessageError"/, async () => {
      p.queue.send('this is not an S3 event');
      await p.settled();
    });
    // Each failed receive is logged as an error, with what was wrong with the message.
    expect(logged).toHaveLength(3);
    expect(logged.every((l) => l.includes('the queue message is not JSON'))).toBe(true);
    expect(p.queue.deadLetters).toHaveLength(1);
    expect(p.queue.deadLetters[0]).toMatchObject({ body: 'this is not an S3 event', receiveCount: 3 });
  });

  it('loses none of many simultaneous uploads', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `bulk/doc ${i}.md`);
    const before = events().length;
    await Promise.all(keys.map((k, i) => upload(k, i % 2 ? 'Utilize the portal in the event that you forget your password.' : 'Reset your password on the sign-in page.')));
    await p.settled();
    for (const k of keys) expect(await versions(k), k).toHaveLength(1);
    expect(events().length - before).toBe(keys.length);
  });

  it('never lets an older version that finishes late take the latest pointer back', async () => {
    // A bucket without the notification, so only these two deliveries touch the key.
    const quiet = 'clarity-quiet';
    await p.s3.send(new CreateBucketCommand({ Bucket: quiet }));
    await p.s3.send(new PutObjectCommand({ Bucket: quiet, Key: 'race.md', Body: 'Version text.' }));
    const deps = pipelineFromEnv(process.env, undefined, { events: p.events });
    const newer = await auditObject(deps, { bucket: quiet, key: 'race.md', eTag: 'v2', sequencer: '0062B', source: 's3' });
    const older = await auditObject(deps, { bucket: quiet, key: 'race.md', eTag: 'v1', sequencer: '0062A', source: 's3' });
    expect([newer.version, older.version]).toEqual(['v2', 'v1']);
    expect((await deps.audits.latest(quiet, 'race.md'))?.version).toBe('v2');
    const third = await auditObject(deps, { bucket: quiet, key: 'race.md', eTag: 'v3', sequencer: '0062C', source: 's3' });
    expect((await deps.audits.latest(quiet, 'race.md'))?.version).toBe(third.version);
  });

  it('re-audits an existing version after a persona change, once', async () => {
    const store = new DynamoPersonaStore(p.dynamodb, p.resources.personasTable);
    const changed = BUILTIN_PERSONAS.map((x) => (x.id === 'technical-admin' ? { ...x, maxSentenceLength: 6 } : x));
    await store.put(changed);
    const [item] = await versions(key);
    const before = events().length;
    const reaudit = JSON.stringify({ Records: [{ eventSource: REAUDIT_EVENT_SOURCE, s3: { bucket: { name: assets }, object: { key, eTag: item!.version!.S } } }] });
    await holdingBack(CLAIMED_ELSEWHERE, async () => {
      p.queue.send(reaudit);
      p.queue.send(reaudit);
      await p.settled();
    });
    const after = await versions(key);
    expect(after).toHaveLength(1);
    expect(after[0]!.personasHash).not.toEqual(item!.personasHash);
    expect(events().length - before).toBe(1);
    await store.put(BUILTIN_PERSONAS);
  });
});
