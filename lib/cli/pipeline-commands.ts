import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoPersonaStore } from '../adapters/aws/dynamo-personas.ts';
import { loadConfig } from '../config/load.ts';
import { ASSET_METADATA, TEAM_NAME, TEAM_RULE } from '../pipeline/contract.ts';
import { STAGES } from '../engine/types.ts';
import { isStage } from '../engine/stage/declared.ts';
import { LOCAL_RESOURCES } from '../local/provision.ts';
import { unsafeKeySegment } from '../local/keys.ts';
import { collectFiles } from './collect.ts';
import { Interrupted } from './errors.ts';
import type { Io } from './io.ts';

export const PIPELINE_USAGE = `  clarity dev [--dir .clarity/dev] [--api-port 8787] [--s3-port 4569] [--dynamodb-port 4567] [--fresh]
                                                  the pipeline on this machine: S3 and DynamoDB emulators,
                                                  the audit handler on upload events, the report API
  clarity upload <files|dirs> [--endpoint url] [--bucket b] [--prefix p] [--channel c] [--personas ids] [--stage s] [--team t]
                                                  upload assets (to clarity dev, or to the stack's bucket)
  clarity personas push [--endpoint url] [--table t] [--config file]
                                                  write the personas to the personas table`;

type Result = number;

/**
 * `clarity dev`: runs until `stop` resolves (bin/clarity.ts: on SIGINT or SIGTERM). It then stops its consumers,
 * then the emulators, and exits as the signal says in `io.signal` (130, 143), as a shell reports a command a signal
 * stopped. A second signal while it stops ends the process at once (bin/clarity.ts).
 */
export async function runDev(args: string[], io: Io, stop: Promise<void>): Promise<Result> {
  const { values } = parseArgs({
    args,
    options: { dir: { type: 'string' }, 'api-port': { type: 'string' }, 's3-port': { type: 'string' }, 'dynamodb-port': { type: 'string' }, fresh: { type: 'boolean' }, config: { type: 'string' }, 'log-level': { type: 'string' } },
  });
  const loaded = loadConfig(io.cwd, values.config);
  if (!loaded.ok) throw new UsageError(loaded.error.message);
  const port = (v: string | undefined, fallback: number): number => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`port ${v} is not a port number`);
    return n;
  };
  const dir = resolve(io.cwd, values.dir ?? '.clarity/dev');
  const ports = { 'api-port': port(values['api-port'], 8787), 's3-port': port(values['s3-port'], 4569), 'dynamodb-port': port(values['dynamodb-port'], 4567) };
  // Loaded on demand: the emulators are only needed here.
  const { startLocalPipeline } = await import('../local/local-pipeline.ts');
  const pipeline = await startLocalPipeline({
    dir,
    persist: !values.fresh,
    personas: loaded.value.personas,
    apiPort: ports['api-port'],
    s3Port: ports['s3-port'],
    dynamodbPort: ports['dynamodb-port'],
    logLevel: values['log-level'] ?? 'INFO',
    ...(loaded.value.config.maxBytes ? { maxBytes: loaded.value.config.maxBytes } : {}),
  }).catch((error: unknown) => {
    const { code, port: taken } = (error ?? {}) as { code?: string; port?: number };
    const flag = Object.entries(ports).find(([, p]) => p === taken)?.[0];
    if (code === 'EADDRINUSE' && flag) throw new UsageError(`port ${taken} is in use (is another clarity dev running?): pick another with --${flag}, or --${flag} 0 for any free port`);
    throw error;
  });
  const { s3Endpoint, dynamodbEndpoint } = pipeline.emulators;
  const clarity = cliInvocation(process.env, process.argv[1], io.cwd);
  const examples = existsSync(join(io.cwd, 'examples', 'web-page.html'));
  io.stdout(
    [
      'clarity dev: the pipeline is running on this machine.',
      `  S3 (s3rver)          ${s3Endpoint}   uploads: s3://${LOCAL_RESOURCES.assetsBucket}   reports: s3://${LOCAL_RESOURCES.reportsBucket}`,
      `  DynamoDB (dynalite)  ${dynamodbEndpoint}   tables: ${LOCAL_RESOURCES.auditsTable}, ${LOCAL_RESOURCES.personasTable}, ${LOCAL_RESOURCES.glossariesTable}`,
      `  Report API           ${pipeline.apiUrl}/audits?persona=${loaded.value.personas[0]?.id ?? ''}`,
      `  Events               ${pipeline.eventsFile}`,
      `  Data                 ${dir}${values.fresh ? ' (DynamoDB in memory)' : ''}`,
      'Upload with (from another terminal, in this folder):',
      `  ${clarity} upload ${examples ? 'examples' : '<files or folders>'} --endpoint ${s3Endpoint}`,
      `  AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws --endpoint-url ${s3Endpoint} s3 cp ${examples ? 'examples/web-page.html' : '<file>'} s3://${LOCAL_RESOURCES.assetsBucket}/web-pages/`,
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  await stop;
  const reason: unknown = io.signal?.reason;
  const signal = reason instanceof Interrupted ? reason.signal : undefined;
  const inFlight = pipeline.queue.inFlightBatches;
  io.stdout(`clarity dev: stopping${signal ? ` (${signal})` : ''}${inFlight ? `: finishing the ${inFlight} batch(es) of audits in flight (Ctrl-C again to quit at once)` : ''}\n`);
  await pipeline.close();
  const left = pipeline.queue.waitingMessages;
  io.stdout(`clarity dev: stopped.${left ? ` ${left} upload(s) were not audited yet; upload them again next time.` : ''}\n`);
  return reason instanceof Interrupted ? reason.exitCode : 0;
}

/**
 * How the user can run clarity again from the folder they are in, for the banner: `npm run clarity --` under that
 * npm script (a clone), `npx clarity` when installed as a package, else node (or tsx) with the script's path.
 */
export function cliInvocation(env: Record<string, string | undefined>, script: string | undefined, cwd: string): string {
  if (env.npm_lifecycle_event === 'clarity') return 'npm run clarity --';
  if (!script) return 'npx clarity';
  if (script.split(/[\\/]/).includes('node_modules')) return 'npx clarity';
  const rel = relative(cwd, script);
  const path = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : script;
  const quoted = /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
  return `${/\.[cm]?ts$/.test(script) ? 'npx tsx' : 'node'} ${quoted}`;
}

/** `clarity upload`: puts files into the assets bucket with the metadata the pipeline reads. */
export async function runUpload(args: string[], io: Io): Promise<Result> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { endpoint: { type: 'string' }, bucket: { type: 'string' }, prefix: { type: 'string' }, channel: { type: 'string' }, personas: { type: 'string' }, stage: { type: 'string' }, team: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('upload needs at least one file or directory');
  if (values.stage !== undefined && !isStage(values.stage)) throw new UsageError(`--stage must be one of ${STAGES.join(', ')} (got ${JSON.stringify(values.stage)})`);
  if (values.team !== undefined && !TEAM_NAME.test(values.team)) throw new UsageError(`--team must be a team name: ${TEAM_RULE} (got ${JSON.stringify(values.team)})`);
  const files = await collectFiles(positionals, io.cwd, []);
  if (!files.ok) throw new UsageError(files.error.message);
  const s3 = new S3Client({ ...localCredentials(values.endpoint), ...(values.endpoint ? { endpoint: values.endpoint, forcePathStyle: true, region: 'us-east-1' } : {}), requestChecksumCalculation: 'WHEN_REQUIRED' });
  const bucket = values.bucket ?? LOCAL_RESOURCES.assetsBucket;
  const metadata = {
    ...(values.channel ? { [ASSET_METADATA.channel]: values.channel } : {}),
    ...(values.personas ? { [ASSET_METADATA.personas]: values.personas } : {}),
    ...(values.stage ? { [ASSET_METADATA.stage]: values.stage } : {}),
    ...(values.team ? { [ASSET_METADATA.team]: values.team } : {}),
  };
  // A key is the file's path from here (with / on every OS), after the prefix. A file outside this folder, or a
  // prefix like ../, would give a key with ".." in it: S3 would keep it as it is, clarity dev's emulator would
  // refuse it, and no one means it. Checked for every file before anything is uploaded.
  const uploads = files.value.map((file) => ({ file, key: `${values.prefix ?? ''}${relative(io.cwd, file).split(sep).join('/')}` }));
  const unsafe = uploads.filter((u) => unsafeKeySegment(u.key));
  if (unsafe.length > 0) {
    s3.destroy();
    const named = unsafe.slice(0, 3).map((u) => `"${u.key}" (${relative(io.cwd, u.file) || u.file})`).join(', ');
    throw new UsageError(`upload: the key ${named}${unsafe.length > 3 ? ` and ${unsafe.length - 3} more` : ''} would have a "." or ".." path segment. Keys are each file's path from the current folder, after --prefix: run clarity upload from a folder that contains the files, with a --prefix without "." or ".." parts. Nothing was uploaded.`);
  }
  for (const { file, key } of uploads) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(file), Metadata: metadata }));
    io.stdout(`uploaded s3://${bucket}/${key}\n`);
  }
  s3.destroy();
  return 0;
}

/** `clarity personas push`: the built-in and configured personas into the personas table. */
export async function runPersonasPush(args: string[], io: Io): Promise<Result> {
  const { values } = parseArgs({ args, options: { endpoint: { type: 'string' }, table: { type: 'string' }, config: { type: 'string' } } });
  const loaded = loadConfig(io.cwd, values.config);
  if (!loaded.ok) throw new UsageError(loaded.error.message);
  const db = dynamoClient(values.endpoint);
  const table = values.table ?? LOCAL_RESOURCES.personasTable;
  await new DynamoPersonaStore(db, table).put(loaded.value.personas);
  db.destroy();
  io.stdout(`pushed ${loaded.value.personas.length} persona(s) to ${table}: ${loaded.value.personas.map((p) => p.id).join(', ')}\n`);
  return 0;
}

/** A DynamoDB client for `--endpoint` (clarity dev's emulator, or another), else the SDK's defaults. */
export function dynamoClient(endpoint: string | undefined): DynamoDBClient {
  return new DynamoDBClient({ ...localCredentials(endpoint), ...(endpoint ? { endpoint, region: 'us-east-1' } : {}) });
}

/** The emulators accept s3rver's default key pair; real endpoints use the normal credential chain. */
function localCredentials(endpoint: string | undefined): { credentials?: { accessKeyId: string; secretAccessKey: string } } {
  return endpoint && /\/\/(127\.0\.0\.1|localhost)[:/]/.test(endpoint) && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {};
}

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
