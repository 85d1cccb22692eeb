import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CopyObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startEmulators, type Emulators } from '../lib/local/emulators.ts';
import { LOCAL_RESOURCES, provision } from '../lib/local/provision.ts';
import { startLocalPipeline } from '../lib/local/local-pipeline.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { captureWrites } from './cli-helpers.ts';

// The local pipeline's own pieces, on the real emulators: provisioning, what they store where, and shutdown.

const dirs: string[] = [];
const open: { emulators: Emulators; s3: S3Client; db: DynamoDBClient }[] = [];

async function emulators(options: { createTableMs?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'clarity-local-'));
  dirs.push(dir);
  const em = await startEmulators({ dir, persist: false, ...options });
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const s3 = new S3Client({ endpoint: em.s3Endpoint, forcePathStyle: true, region: 'us-east-1', credentials, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const db = new DynamoDBClient({ endpoint: em.dynamodbEndpoint, region: 'us-east-1', credentials });
  open.push({ emulators: em, s3, db });
  return { dir, em, s3, db };
}

/** Every file under dir, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

afterEach(async () => {
  for (const { emulators: em, s3, db } of open.splice(0)) {
    s3.destroy();
    db.destroy();
    await em.close();
  }
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('provision', () => {
  it('returns only once the tables are ACTIVE, so the first write finds them', async () => {
    // dynalite keeps a new table CREATING for createTableMs, and refuses writes to it meanwhile
    // (ResourceNotFoundException), as DynamoDB does: 1.5 s makes the first-start race certain.
    const { s3, db } = await emulators({ createTableMs: 1500 });
    await provision(s3, db);
    for (const table of [LOCAL_RESOURCES.auditsTable, LOCAL_RESOURCES.personasTable, LOCAL_RESOURCES.glossariesTable]) {
      const { Table } = await db.send(new DescribeTableCommand({ TableName: table }));
      expect(Table?.TableStatus, table).toBe('ACTIVE');
      expect((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexStatus).filter((s) => s !== 'ACTIVE')).toEqual([]);
    }
    await db.send(new PutItemCommand({ TableName: LOCAL_RESOURCES.personasTable, Item: { id: { S: 'first-write' } } }));
    // Idempotent: a second run (tables there, ACTIVE) changes nothing and returns.
    await provision(s3, db);
  });

  it('names the table and what to do when a table never becomes ACTIVE', async () => {
    const { s3, db } = await emulators({ createTableMs: 5000 });
    await expect(provision(s3, db, LOCAL_RESOURCES, { activeTimeoutMs: 200 })).rejects.toThrow(/DynamoDB table clarity-(audits|personas|glossaries) is not ACTIVE .*the table is CREATING.*--fresh/);
  });
});

describe('the S3 emulator keeps objects inside its folder', () => {
  it('refuses keys with "." or ".." segments, and writes nothing outside', async () => {
    const { dir, s3, db } = await emulators();
    await provision(s3, db);
    const bucket = LOCAL_RESOURCES.assetsBucket;
    for (const key of ['../../x.md', 'help/../../../y.md', './z.md', 'a/./b.md', '..']) {
      const error = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'Hello.' })).then(
        () => undefined,
        (e: unknown) => e as { name?: string; message?: string },
      );
      expect(error?.name, key).toBe('InvalidArgument');
      expect(error?.message, key).toContain(`the key "${key}" has a "." or ".." path segment`);
    }
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'inside.md', Body: 'Hello.' }));
    const copy = await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copy.md', CopySource: `${bucket}/../../../etc/hostname` })).catch((e: unknown) => e as { name?: string });
    expect((copy as { name?: string }).name).toBe('InvalidArgument');
    // Dots inside a name are just a name.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'notes..v2/..draft.md', Body: 'Hello.' }));
    expect(files(dir).filter((f) => !f.startsWith(join('s3', bucket)) && !f.startsWith(join('s3', LOCAL_RESOURCES.reportsBucket)))).toEqual([]);
    expect(files(join(dir, 's3', bucket)).filter((f) => !f.includes('._S3rver_'))).toEqual([]);
    expect(files(join(dir, 's3', bucket)).filter((f) => f.endsWith('._S3rver_object')).sort()).toEqual(['inside.md._S3rver_object', join('notes..v2', '..draft.md._S3rver_object')]);
  });
});

describe('the local pipeline', () => {
  it('stops its consumers before the emulators (audits in flight finish, nothing logs a connection error), and starts once per process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clarity-local-'));
    dirs.push(dir);
    const p = await startLocalPipeline({ dir, persist: false, personas: BUILTIN_PERSONAS, concurrency: 2 });
    const { writes, restore } = captureWrites();
    try {
      const body = 'Pursuant to the aforementioned policy, remediation will be operationalized. '.repeat(40);
      await Promise.all(Array.from({ length: 30 }, (_, i) => p.s3.send(new PutObjectCommand({ Bucket: p.resources.assetsBucket, Key: `close/${i}.md`, Body: body }))));
      await vi.waitFor(() => expect(p.queue.inFlightBatches).toBeGreaterThan(0), { timeout: 15_000, interval: 5 });
      await p.close();
      // Give a handler that outlived the emulators the time to fail and log (it would, with ECONNREFUSED).
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      restore();
    }
    expect(p.queue.inFlightBatches).toBe(0);
    expect(writes.filter((w) => /ECONNREFUSED|"level":"(ERROR|WARN)"/.test(w))).toEqual([]);
    expect(p.queue.deadLetters).toEqual([]);

    // A second pipeline in this process would run the handlers loaded for the first one, against its closed ports.
    const again = mkdtempSync(join(tmpdir(), 'clarity-local-'));
    dirs.push(again);
    await expect(startLocalPipeline({ dir: again, persist: false, personas: BUILTIN_PERSONAS })).rejects.toThrow(/already started in this process .*its handlers keep that pipeline's endpoints/);
  });
});
