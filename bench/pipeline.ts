import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { DynamoPersonaStore } from '../lib/adapters/aws/dynamo-personas.ts';
import { startEmulators } from '../lib/local/emulators.ts';
import { localEnvironment, startLocalPipeline } from '../lib/local/local-pipeline.ts';
import { LOCAL_RESOURCES, provision } from '../lib/local/provision.ts';
import { sqsRecord } from '../lib/local/sqs-queue.ts';
import { runNode } from './run-node.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { LAMBDA_BUNDLING, LAMBDA_EXTERNALS } from '../lib/infra/bundling.ts';

// The AWS SDK's once-per-process warning that its 2027 releases need Node 22 (clarity supports Node 20): its own
// switch for exactly that warning, before the benchmark builds any client. The cold-start probe inherits it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface PipelineFigures {
  uploads: number;
  seconds: number;
  auditsPerSecond: number;
  deadLetters: number;
}

/** Uploads `files` (cycled to `count`) to the local pipeline at once and times until every one is audited. */
export async function timeUploads(files: string[], count: number): Promise<PipelineFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'clarity-bench-'));
  const pipeline = await startLocalPipeline({ dir, persist: false, personas: BUILTIN_PERSONAS, logLevel: 'ERROR' });
  try {
    const bodies = files.slice(0, count).map((f) => readFileSync(f));
    const start = performance.now();
    for (let i = 0; i < count; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - i) }, (_, k) =>
          pipeline.s3.send(new PutObjectCommand({ Bucket: pipeline.resources.assetsBucket, Key: `bench/${i + k}.txt`, Body: bodies[(i + k) % bodies.length] })),
        ),
      );
    }
    await pipeline.settled();
    const seconds = (performance.now() - start) / 1000;
    const audited = pipeline.queue.delivered;
    if (audited + pipeline.queue.deadLetters.length !== count) throw new Error(`expected ${count} audits, saw ${audited}`);
    return { uploads: count, seconds: round(seconds), auditsPerSecond: round(count / seconds), deadLetters: pipeline.queue.deadLetters.length };
  } finally {
    await pipeline.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface LambdaFigures {
  bundleBytes: number;
  initMs: number;
  firstInvocationMs: number;
}

/** Bundles the audit Lambda with the stack's esbuild settings into `outfile`; returns its size in bytes. */
export async function buildAuditLambda(root: string, outfile: string): Promise<number> {
  const { target, minify, sourcemap, mainFields, banner } = LAMBDA_BUNDLING;
  await build({ target, minify, sourcemap, mainFields, banner: { js: banner }, absWorkingDir: root, entryPoints: ['functions/audit.ts'], outfile, external: [...LAMBDA_EXTERNALS], bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  return statSync(outfile).size;
}

/**
 * The audit Lambda as the stack bundles it: its size, and in a fresh Node
 * process the module's initialisation and its first invocation (against the
 * emulators, on one small upload). `outParent` is where the bundle goes: inside
 * the project, so it resolves the project's node_modules (created if missing,
 * as on a fresh clone).
 */
export async function measureAuditLambda(root: string, outParent = join(root, 'test-output')): Promise<LambdaFigures> {
  mkdirSync(outParent, { recursive: true });
  const out = mkdtempSync(join(outParent, 'lambda-'));
  try {
    const bundleBytes = await buildAuditLambda(root, join(out, 'index.mjs'));
    // Only the emulators, not a local pipeline: the probe is the one handler that audits the upload, and a local
    // pipeline runs once per process (timeUploads had this process's).
    const dir = mkdtempSync(join(tmpdir(), 'clarity-cold-'));
    const emulators = await startEmulators({ dir, persist: false });
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    const s3 = new S3Client({ endpoint: emulators.s3Endpoint, forcePathStyle: true, region: 'us-east-1', credentials, requestChecksumCalculation: 'WHEN_REQUIRED' });
    const db = new DynamoDBClient({ endpoint: emulators.dynamodbEndpoint, region: 'us-east-1', credentials });
    try {
      await provision(s3, db);
      await new DynamoPersonaStore(db, LOCAL_RESOURCES.personasTable).put(BUILTIN_PERSONAS);
      await s3.send(new PutObjectCommand({ Bucket: LOCAL_RESOURCES.assetsBucket, Key: 'cold/start.md', Body: readFileSync(join(root, 'examples', 'sales-script.md')) }));
      const event = { Records: [sqsRecord('cold', JSON.stringify({ Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: LOCAL_RESOURCES.assetsBucket }, object: { key: 'cold/start.md', eTag: 'cold-start' } } }] }))] };
      const probe = join(out, 'probe.mjs');
      writeFileSync(
        probe,
        `const t0 = performance.now();
const { auditHandler } = await import(${JSON.stringify(join(out, 'index.mjs'))});
// The audit's event goes nowhere: the stack's goes to EventBridge, which has no emulator here.
const handler = auditHandler({ events: { auditCompleted: async () => undefined } });
const t1 = performance.now();
const r = await handler(${JSON.stringify(event)}, { functionName: 'cold', awsRequestId: 'cold', getRemainingTimeInMillis: () => 60000 });
const t2 = performance.now();
console.log(JSON.stringify({ initMs: t1 - t0, firstInvocationMs: t2 - t1, failures: r.batchItemFailures.length }));
// The SDK keeps connections alive; a Lambda sandbox would be frozen here.
process.exit(0);`,
      );
      // A fresh process: nothing cached, as in a cold Lambda sandbox. It reads the emulators' endpoints from the
      // environment it inherits. Asynchronous, because the emulators it calls run in this process.
      Object.assign(process.env, localEnvironment(emulators, { logLevel: 'ERROR' }));
      const run = await runNode(probe, [], root);
      const line = run.stdout.trim().split('\n').at(-1) ?? '';
      const figures = JSON.parse(line || '{}') as { initMs?: number; firstInvocationMs?: number; failures?: number };
      if (figures.initMs === undefined || figures.failures !== 0) throw new Error(`cold-start probe failed: ${run.stderr || line}`);
      return { bundleBytes, initMs: round(figures.initMs), firstInvocationMs: round(figures.firstInvocationMs ?? 0) };
    } finally {
      s3.destroy();
      db.destroy();
      await emulators.close();
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
