import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startEmulators, type Emulators } from '../lib/local/emulators.ts';
import { LOCAL_RESOURCES, provision } from '../lib/local/provision.ts';
import { DynamoGlossaryStore } from '../lib/adapters/aws/dynamo-glossaries.ts';
import { CachedGlossaryStore, glossariesFor, teamOf, withoutTeamPrefix } from '../lib/pipeline/glossaries.ts';
import { ALL_TEAMS } from '../lib/pipeline/contract.ts';
import { glossaryHash } from '../lib/glossary/hash.ts';
import type { Glossary } from '../lib/glossary/types.ts';
import type { GlossaryStore } from '../lib/pipeline/ports.ts';
import { runCli } from './cli-helpers.ts';

// Glossaries in DynamoDB (dynalite, through the real SDK client): the store, the audit Lambda's cache, the team an
// asset belongs to, and `clarity terms push`.

const table = LOCAL_RESOURCES.glossariesTable;
const acme: Glossary = { version: 1, name: 'acme', terms: [{ term: 'claim number', status: 'jargon', plain: 'the number we give your claim' }] };

let dir: string;
let em: Emulators;
let db: DynamoDBClient;
let s3: S3Client;
let store: DynamoGlossaryStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clarity-glossary-store-'));
  em = await startEmulators({ dir, persist: false });
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  db = new DynamoDBClient({ endpoint: em.dynamodbEndpoint, region: 'us-east-1', credentials });
  s3 = new S3Client({ endpoint: em.s3Endpoint, forcePathStyle: true, region: 'us-east-1', credentials });
  await provision(s3, db);
  store = new DynamoGlossaryStore(db, table);
});
afterAll(async () => {
  db?.destroy();
  s3?.destroy();
  await em?.close();
  rmSync(dir, { recursive: true, force: true });
});

const item = (team: string, name: string) => db.send(new GetItemCommand({ TableName: table, Key: { team: { S: team }, name: { S: name } }, ConsistentRead: true })).then((r) => r.Item);

describe('the glossaries table', () => {
  it('keeps a glossary per team and name, and a push of the same content changes nothing', async () => {
    expect(await store.put('support', acme)).toBe('written');
    const first = await item('support', 'acme');
    expect(first?.hash?.S).toBe(glossaryHash(acme));
    // The same terms with their fields in another order (a YAML file and its JSON copy) are the same content.
    const reordered = { terms: [{ plain: 'the number we give your claim', status: 'jargon', term: 'claim number' }], name: 'acme', version: 1 } as Glossary;
    expect(await store.put('support', reordered)).toBe('unchanged');
    expect((await item('support', 'acme'))?.updatedAt).toEqual(first?.updatedAt);

    const changed = { ...acme, terms: [...acme.terms, { term: 'FNOL', status: 'jargon' as const, plain: 'first notice of loss: the first time you tell us about a claim' }] };
    expect(await store.put('support', changed)).toBe('written');
    const listed = await store.list('support');
    expect(listed.ok && listed.value.map((g) => [g.team, g.name, g.hash, g.glossary.terms.length])).toEqual([['support', 'acme', glossaryHash(changed), 2]]);
  });

  it('lists one team, or every team by team and name', async () => {
    await store.put(ALL_TEAMS, { version: 1, name: 'house', terms: [{ term: 'sign in', status: 'preferred' }] });
    await store.put('billing', { version: 1, name: 'zeta', terms: [] });
    await store.put('billing', { version: 1, name: 'alpha', terms: [] });
    const all = await store.list();
    expect(all.ok && all.value.map((g) => `${g.team}/${g.name}`)).toEqual([`${ALL_TEAMS}/house`, 'billing/alpha', 'billing/zeta', 'support/acme']);
    const billing = await store.list('billing');
    expect(billing.ok && billing.value.map((g) => g.name)).toEqual(['alpha', 'zeta']);
    expect(await store.list('nobody')).toEqual({ ok: true, value: [] });
  });

  it('layers a team’s glossaries over everyone’s', async () => {
    const layered = await glossariesFor(store, 'billing');
    expect(layered.ok && layered.value.map((g) => `${g.team}/${g.name}`)).toEqual([`${ALL_TEAMS}/house`, 'billing/alpha', 'billing/zeta']);
    const none = await glossariesFor(store, undefined);
    expect(none.ok && none.value.map((g) => g.name)).toEqual(['house']);
  });

  it('validates every item it reads with the glossary schema, naming the item and the field', async () => {
    const bad = 'broken-team';
    await db.send(new PutItemCommand({ TableName: table, Item: { team: { S: bad }, name: { S: 'edited' }, glossary: { S: JSON.stringify({ version: 1, terms: [{ term: 'logon', status: 'deprecated' }] }) }, hash: { S: 'x' } } }));
    expect(await store.list(bad)).toEqual({ ok: false, error: { code: 'invalid-glossary', message: `glossary "edited" of team ${bad} in table ${table}: terms.0.use: a deprecated term needs “use”; fix it and push it again (clarity terms push)` } });
    await db.send(new PutItemCommand({ TableName: table, Item: { team: { S: bad }, name: { S: 'edited' }, glossary: { S: '{not json' } } }));
    const notJson = await store.list(bad);
    expect(!notJson.ok && notJson.error.message).toMatch(/glossary "edited" of team broken-team .* is not valid JSON/);
  });
});

describe('the audit Lambda’s glossary cache', () => {
  /** The real store, counting the reads that reach the table. */
  function counting(): GlossaryStore & { reads: number } {
    const counted = { reads: 0, list: (team?: string) => (counted.reads++, store.list(team)), put: store.put.bind(store), remove: store.remove.bind(store) };
    return counted;
  }

  it('reads a team’s glossaries once per time to live, and again after it', async () => {
    let now = 0;
    const inner = counting();
    const cached = new CachedGlossaryStore(inner, 60_000, () => now);
    const first = await cached.list('support');
    await cached.list('support');
    now = 59_999;
    expect(await cached.list('support')).toEqual(first);
    expect(inner.reads).toBe(1);
    await cached.list('billing');
    expect(inner.reads).toBe(2);
    await store.put('support', { ...acme, terms: [] });
    expect(await cached.list('support')).toEqual(first);
    now = 60_000;
    const fresh = await cached.list('support');
    expect(inner.reads).toBe(3);
    expect(fresh.ok && fresh.value[0]?.glossary.terms).toEqual([]);
  });

  it('reads past the cache when asked to (a re-audit), and keeps what it read', async () => {
    const inner = counting();
    const cached = new CachedGlossaryStore(inner, 60_000, () => 0);
    await cached.list('support');
    await store.put('support', { ...acme, name: 'fresh' });
    const fresh = await cached.list('support', { fresh: true });
    expect(fresh.ok && fresh.value.map((g) => g.name)).toContain('fresh');
    expect(await cached.list('support')).toEqual(fresh);
    expect(inner.reads).toBe(2);
  });

  it('keeps no failed read, and forgets a team it pushes to', async () => {
    let fail = true;
    const inner = counting();
    const flaky: GlossaryStore = { list: (team) => (fail ? Promise.reject(new Error('ProvisionedThroughputExceededException')) : inner.list(team)), put: inner.put, remove: inner.remove };
    const cached = new CachedGlossaryStore(flaky, 60_000, () => 0);
    await expect(cached.list('support')).rejects.toThrow('ProvisionedThroughputExceededException');
    fail = false;
    expect((await cached.list('support')).ok).toBe(true);
    expect(inner.reads).toBe(1);
    await cached.put('support', acme);
    await cached.list('support');
    expect(inner.reads).toBe(2);
  });
});

describe('an asset’s team', () => {
  it('is named by metadata over the key prefix teams/<team>/', () => {
    expect(teamOf('teams/support/help/a.md', undefined)).toEqual({ ok: true, value: 'support' });
    expect(teamOf('teams/support/help/a.md', 'billing')).toEqual({ ok: true, value: 'billing' });
    expect(teamOf('help/a.md', undefined)).toEqual({ ok: true, value: undefined });
    expect(teamOf('teams/a.md', undefined)).toEqual({ ok: true, value: undefined });
    expect(withoutTeamPrefix('teams/support/help-center/a.md')).toBe('help-center/a.md');
  });

  it('must be a team name, or the audit fails saying what to change', () => {
    const fromKey = teamOf('teams/Support EU/a.md', undefined);
    expect(!fromKey.ok && fromKey.error).toMatchObject({ code: 'invalid-team', message: expect.stringContaining('teams/Support EU/') });
    const fromMetadata = teamOf('a.md', ALL_TEAMS);
    expect(!fromMetadata.ok && fromMetadata.error.message).toContain('x-amz-meta-clarity-team');
  });
});

describe('clarity terms push', () => {
  const push = (args: string[], cwd: string) => runCli(['terms', 'push', '--endpoint', em.dynamodbEndpoint, ...args], cwd);

  it('writes a glossary file for a team, and a second push of it changes nothing', async () => {
    const work = mkdtempSync(join(dir, 'push-'));
    writeFileSync(join(work, 'claims.yaml'), 'version: 1\nterms:\n  - term: loss run\n    status: jargon\n    plain: the history of claims on a policy\n');
    const first = await push(['--team', 'claims', 'claims.yaml'], work);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^pushed +claims \(claims\.yaml, 1 terms\) to clarity-glossaries, team claims$/m);
    const before = await item('claims', 'claims');
    const again = await push(['--team', 'claims', 'claims.yaml'], work);
    expect(again.stdout).toMatch(/^unchanged claims/m);
    expect(await item('claims', 'claims')).toEqual(before);
  });

  it('pushes the config’s glossaries, for every team without --team', async () => {
    const work = mkdtempSync(join(dir, 'push-'));
    writeFileSync(join(work, 'clarity.config.json'), JSON.stringify({ glossaries: [{ version: 1, name: 'company', terms: [{ term: 'log on', status: 'deprecated', use: 'sign in' }] }] }));
    const pushed = await push(['clarity.config.json'], work);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain(`team ${ALL_TEAMS} (every team)`);
    expect((await item(ALL_TEAMS, 'company'))?.glossary?.S).toContain('sign in');
  });

  it('refuses an invalid glossary with the error clarity terms check gives, and writes nothing', async () => {
    const work = mkdtempSync(join(dir, 'push-'));
    writeFileSync(join(work, 'good.json'), JSON.stringify({ version: 1, terms: [] }));
    writeFileSync(join(work, 'bad.yaml'), 'version: 1\nterms:\n  - term: logon\n    status: deprecated\n    plian: x\n');
    const checked = await runCli(['terms', 'check', 'bad.yaml'], work);
    const pushed = await push(['--team', 'refused', 'good.json', 'bad.yaml'], work);
    expect(pushed.code).toBe(1);
    expect(checked.stderr).toContain('bad.yaml: terms.0.plian: unknown field; did you mean "plain"?');
    expect(pushed.stderr).toBe(`${checked.stderr}clarity terms push: nothing was pushed.\n`);
    expect(await store.list('refused')).toEqual({ ok: true, value: [] });
  });

  it('refuses a team that is no team name, and two glossaries of one name', async () => {
    const work = mkdtempSync(join(dir, 'push-'));
    writeFileSync(join(work, 'a.json'), JSON.stringify({ version: 1, name: 'same', terms: [] }));
    writeFileSync(join(work, 'b.json'), JSON.stringify({ version: 1, name: 'same', terms: [] }));
    expect(await push(['--team', 'Support EU', 'a.json'], work)).toMatchObject({ code: 2, stderr: expect.stringContaining('no team name') });
    expect(await push(['a.json', 'b.json'], work)).toMatchObject({ code: 1, stderr: expect.stringContaining('two glossaries are named "same"') });
  });
});
