import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startLocalPipeline, type LocalPipeline } from '../lib/local/local-pipeline.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { ALL_TEAMS, ENV, REAUDIT_EVENT_SOURCE, TEAM_RULE } from '../lib/pipeline/contract.ts';
import { pipelineFromEnv } from '../lib/adapters/aws/pipeline-from-env.ts';
import { auditObject } from '../lib/pipeline/audit-object.ts';
import { encodeS3Key } from '../lib/pipeline/asset-ref.ts';
import { glossaryHash } from '../lib/glossary/hash.ts';
import type { AuditReport } from '../lib/engine/types.ts';
import type { Glossary } from '../lib/glossary/types.ts';
import { runCli } from './cli-helpers.ts';
import { versionItems } from './pipeline-helpers.ts';

// Team glossaries through the local pipeline (dynalite, s3rver, the real handlers): pushed with clarity terms push,
// read by the audit handler for the asset's team, recorded by version in the audit, re-audited once on a change.

let dir: string;
let p: LocalPipeline;
const assets = 'clarity-assets';
const key = 'teams/support/help-center/claims.md';
const text = 'To see your claim, log on to the portal. Your claim number is on the letter we sent.';

const support = (use: string): Glossary => ({
  version: 1,
  name: 'support-terms',
  terms: [
    { term: 'log on', status: 'deprecated', use },
    { term: 'claim number', status: 'jargon', plain: 'the number we give your claim' },
  ],
});

async function push(team: string, glossary: Glossary): Promise<string> {
  const file = join(dir, `${glossary.name}.json`);
  writeFileSync(file, JSON.stringify(glossary));
  // Without --team, a glossary is everyone's.
  const out = await runCli(['terms', 'push', '--endpoint', p.emulators.dynamodbEndpoint, ...(team === ALL_TEAMS ? [] : ['--team', team]), file], dir);
  expect(out, out.stderr).toMatchObject({ code: 0, stderr: '' });
  return out.stdout;
}

const api = async (path: string) => {
  const res = await fetch(`${p.apiUrl}${path}`);
  return { status: res.status, body: JSON.parse(await res.text()) as Record<string, unknown> };
};

async function report(assetKey: string): Promise<AuditReport> {
  const res = await fetch(`${p.apiUrl}/reports/${assets}/${assetKey.split('/').map(encodeURIComponent).join('/')}`);
  return JSON.parse(await res.text()) as AuditReport;
}

const glossaryFindings = (r: AuditReport) => r.units.flatMap((u) => u.findings).filter((f) => f.ruleId.startsWith('glossary-')).map((f) => [f.ruleId, f.text, f.suggestion]);

const events = (): { detail: { key: string; team?: string } }[] => (existsSync(p.eventsFile) ? readFileSync(p.eventsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

/** Runs `during` with the handler's log lines of the designed "claimed by another delivery" retry held back. */
async function quietly(during: () => Promise<void>): Promise<void> {
  const spies = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write.bind(stream);
    return vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => (/claimed by another delivery/.test(String(chunk)) ? true : write(chunk, ...rest))) as typeof stream.write);
  });
  try {
    await during();
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

/** The re-audit state machine's message for one version, delivered twice, as SQS may. */
async function reauditTwice(assetKey: string, version: string): Promise<void> {
  const reaudit = JSON.stringify({ Records: [{ eventSource: REAUDIT_EVENT_SOURCE, s3: { bucket: { name: assets }, object: { key: assetKey, eTag: version } } }] });
  await quietly(async () => {
    p.queue.send(reaudit);
    p.queue.send(reaudit);
    await p.settled();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-glossary-pipeline-'));
  p = await startLocalPipeline({ dir, persist: false, personas: BUILTIN_PERSONAS });
});
afterAll(async () => {
  await p?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('team glossaries in the pipeline', () => {
  it('audits a team’s upload with the glossary pushed for the team, and records its version', async () => {
    expect(await push('support', support('sign in'))).toMatch(/^pushed +support-terms/);
    await p.s3.send(new PutObjectCommand({ Bucket: assets, Key: key, Body: text }));
    await p.settled();

    const [item] = await versionItems(p, assets, key);
    expect(events().filter((e) => e.detail.key === key).map((e) => e.detail.team)).toEqual(['support']);
    expect(item).toMatchObject({ status: 'audited', team: 'support', channel: 'help-article', glossaries: [{ team: 'support', name: 'support-terms', hash: glossaryHash(support('sign in')) }] });
    expect(glossaryFindings(await report(key))).toEqual([
      ['glossary-deprecated', 'log on', 'sign in'],
      ['glossary-jargon', 'claim number', 'claim number (the number we give your claim)'],
    ]);
  });

  it('audits another team’s asset without that glossary, and with the glossaries every team uses', async () => {
    await push(ALL_TEAMS, { version: 1, name: 'house', terms: [{ term: 'portal', status: 'deprecated', use: 'website' }] });
    const other = 'help-center/other.md';
    await p.s3.send(new PutObjectCommand({ Bucket: assets, Key: other, Body: text, Metadata: { 'clarity-team': 'billing' } }));
    await p.settled();
    const [item] = await versionItems(p, assets, other);
    expect(item).toMatchObject({ status: 'audited', team: 'billing', glossaries: [{ team: ALL_TEAMS, name: 'house' }] });
    expect(glossaryFindings(await report(other))).toEqual([['glossary-deprecated', 'portal', 'website']]);
  });

  it('takes the team from clarity upload --team, and refuses a name that is no team name', async () => {
    writeFileSync(join(dir, 'faq.md'), text);
    const bad = await runCli(['upload', 'faq.md', '--endpoint', p.emulators.s3Endpoint, '--team', 'Support EU'], dir);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--team must be a team name') });
    const up = await runCli(['upload', 'faq.md', '--endpoint', p.emulators.s3Endpoint, '--prefix', 'uploaded/', '--team', 'support'], dir);
    expect(up.code, up.stderr).toBe(0);
    await p.settled();
    const [item] = await versionItems(p, assets, 'uploaded/faq.md');
    expect(item).toMatchObject({ status: 'audited', team: 'support' });
    expect(item!.glossaries).toContainEqual(expect.objectContaining({ team: 'support', name: 'support-terms' }));
  });

  it('re-audits an asset once after its team’s glossary changes, and a re-delivered event changes nothing', async () => {
    const [before] = await versionItems(p, assets, key);
    await push('support', support('log in'));
    const sent = events().length;
    await reauditTwice(key, String(before!.version));
    const after = await versionItems(p, assets, key);
    expect(after).toHaveLength(1);
    // Both glossaries now apply (everyone's was pushed since), each at the version read.
    expect(after[0]!.glossaries).toEqual([
      { team: ALL_TEAMS, name: 'house', hash: expect.any(String) },
      { team: 'support', name: 'support-terms', hash: glossaryHash(support('log in')) },
    ]);
    expect(after[0]!.glossariesHash).not.toEqual(before!.glossariesHash);
    expect(glossaryFindings(await report(key))).toContainEqual(['glossary-deprecated', 'log on', 'log in']);
    expect(events().length - sent).toBe(1);

    // The upload's own event, delivered again: the audit stands as it is, and nothing is announced.
    const auditedAt = after[0]!.auditedAt;
    const upload = JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: assets }, object: { key: encodeS3Key(key), eTag: before!.version } } }] });
    await quietly(async () => {
      p.queue.send(upload);
      p.queue.send(upload);
      await p.settled();
    });
    const again = await versionItems(p, assets, key);
    expect(again.map((i) => i.auditedAt)).toEqual([auditedAt]);
    expect(events().length - sent).toBe(1);
  });

  it('with the stack’s cache, an upload within the minute may use the glossary it holds, a re-audit never does', async () => {
    // A bucket without the notification, so only these calls audit it; the audit function's 60 s cache, not clarity dev's 0.
    const quiet = 'clarity-glossary-quiet';
    await p.s3.send(new CreateBucketCommand({ Bucket: quiet }));
    const cachedKey = 'teams/cachers/a.md';
    const { ETag } = await p.s3.send(new PutObjectCommand({ Bucket: quiet, Key: cachedKey, Body: text }));
    const ref = { bucket: quiet, key: cachedKey, eTag: ETag!.replace(/"/g, '') };
    const deps = pipelineFromEnv({ ...process.env, [ENV.glossaryCacheSeconds]: '60' }, undefined, { events: p.events });
    // The team's glossary layers last, over everyone's.
    const hashOf = (r: { glossaries?: { hash: string }[] }) => r.glossaries?.at(-1)?.hash;
    const v1 = { ...support('sign in'), name: 'cachers' };
    const v2 = { ...support('log in'), name: 'cachers' };

    await push('cachers', v1);
    expect(hashOf(await auditObject(deps, { ...ref, source: 's3' }))).toBe(glossaryHash(v1));
    await push('cachers', v2);
    // The upload event's delivery within the minute: the cached glossary, so the audit stands as it was.
    expect(hashOf(await auditObject(deps, { ...ref, source: 's3' }))).toBe(glossaryHash(v1));
    // A re-audit reads past the cache, and what it read is then the cache's: no later delivery takes it back.
    expect(hashOf(await auditObject(deps, { ...ref, source: 'reaudit' }))).toBe(glossaryHash(v2));
    expect(hashOf(await auditObject(deps, { ...ref, source: 's3' }))).toBe(glossaryHash(v2));
    expect(await versionItems(p, quiet, cachedKey)).toHaveLength(1);
  });

  it('records an asset whose team is no team name as failed, and a later good version clears the reason', async () => {
    const odd = 'help-center/odd-team.md';
    await p.s3.send(new PutObjectCommand({ Bucket: assets, Key: odd, Body: text, Metadata: { 'clarity-team': 'Support EU' } }));
    await p.settled();
    const failed = (await api(`/assets/${assets}/${odd}`)).body.audit as Record<string, unknown>;
    expect(failed).toMatchObject({ status: 'failed', code: 'invalid-team' });
    await p.s3.send(new PutObjectCommand({ Bucket: assets, Key: odd, Body: `${text} Thanks.`, Metadata: { 'clarity-team': 'support' } }));
    await p.settled();
    const latest = (await api(`/assets/${assets}/${odd}`)).body.audit as Record<string, unknown>;
    expect(latest).toMatchObject({ status: 'audited', team: 'support' });
    expect(latest).not.toHaveProperty('code');
    expect(latest).not.toHaveProperty('reason');
    // The API lists the glossaries used by version, not the hash that decides re-audits.
    expect(latest).not.toHaveProperty('glossariesHash');
  });

  it('lists the glossaries read-only through the report API', async () => {
    const all = await api('/glossaries');
    expect(all.status).toBe(200);
    expect((all.body.glossaries as { team: string; name: string }[]).map((g) => `${g.team}/${g.name}`)).toEqual([`${ALL_TEAMS}/house`, 'cachers/cachers', 'support/support-terms']);
    const team = await api('/glossaries/support');
    expect(team.body).toMatchObject({ team: 'support', glossaries: [{ team: 'support', name: 'support-terms', hash: glossaryHash(support('log in')), glossary: support('log in') }] });
    expect((await api(`/glossaries/${ALL_TEAMS}`)).body.glossaries).toHaveLength(1);
    expect(await api('/glossaries/nobody')).toEqual({ status: 200, body: { team: 'nobody', glossaries: [] } });
    const bad = await api('/glossaries/Not%20A%20Team');
    expect(bad).toMatchObject({ status: 400, body: { error: 'bad-team' } });
    // Worded as every other refusal of a team name words it.
    expect(bad.body.message).toContain(TEAM_RULE);
    expect((await fetch(`${p.apiUrl}/glossaries`, { method: 'POST' })).status).toBe(405);
  });

  it('fails the audits of a team whose stored glossary is invalid, naming the item and the field', async () => {
    // An item edited by hand, past clarity terms push's validation.
    await p.dynamodb.send(new PutItemCommand({ TableName: p.resources.glossariesTable, Item: { team: { S: 'edited' }, name: { S: 'by-hand' }, glossary: { S: JSON.stringify({ version: 1, terms: [{ term: 'logon', status: 'deprecated' }] }) }, hash: { S: 'x' } } }));
    const broken = 'teams/edited/page.md';
    await p.s3.send(new PutObjectCommand({ Bucket: assets, Key: broken, Body: text }));
    await p.settled();
    const [item] = await versionItems(p, assets, broken);
    expect(item).toMatchObject({ status: 'failed', team: 'edited', code: 'invalid-glossary' });
    expect(item!.reason).toContain('glossary "by-hand" of team edited in table clarity-glossaries: terms.0.use: a deprecated term needs “use”');
    // The API says so too, as it does for an invalid persona.
    expect((await api('/glossaries/edited')).body).toMatchObject({ error: 'invalid-glossary' });
  });
  it('re-audits an asset once after its team’s glossary is removed, and says so when there was nothing to remove', async () => {
    const billingKey = 'teams/billing/invoices.md';
    const billing: Glossary = { version: 1, name: 'billing-terms', terms: [{ term: 'log on', status: 'deprecated', use: 'sign in' }] };
    await push('billing', billing);
    await p.s3.send(new PutObjectCommand({ Bucket: assets, Key: billingKey, Body: text }));
    await p.settled();
    const [before] = await versionItems(p, assets, billingKey);
    expect(before!.glossaries).toContainEqual({ team: 'billing', name: 'billing-terms', hash: glossaryHash(billing) });

    const removed = await runCli(['terms', 'remove', '--endpoint', p.emulators.dynamodbEndpoint, '--team', 'billing', 'billing-terms'], dir);
    expect(removed).toMatchObject({ code: 0, stderr: '' });
    expect(removed.stdout).toMatch(/^removed billing-terms from clarity-glossaries, team billing$/m);
    const sent = events().length;
    await reauditTwice(billingKey, String(before!.version));
    const after = await versionItems(p, assets, billingKey);
    expect(after).toHaveLength(1);
    expect(after[0]!.glossaries ?? []).not.toContainEqual(expect.objectContaining({ team: 'billing' }));
    expect(after[0]!.glossariesHash).not.toEqual(before!.glossariesHash);
    expect(glossaryFindings(await report(billingKey))).not.toContainEqual(['glossary-deprecated', 'log on', 'sign in']);
    expect(events().length - sent).toBe(1);

    // Nothing left to remove: a mistyped name or team is not a silent success.
    const again = await runCli(['terms', 'remove', '--endpoint', p.emulators.dynamodbEndpoint, '--team', 'billing', 'billing-terms'], dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^absent {2}billing-terms/m);
    expect((await runCli(['terms', 'remove', '--team', 'Billing EU', 'billing-terms'], dir)).code).toBe(2);
    expect((await runCli(['terms', 'remove', '--team', 'billing'], dir)).stderr).toContain('needs the name of a glossary');
  });
});
