import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { maxBytesOf } from '../../config/engine-options.ts';
import { LOCAL_RESOURCES } from '../../local/provision.ts';
import { EXIT, Interrupted, UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { loadedConfig, type Command, type Input } from './command.ts';

export const dev: Command = {
  name: 'dev',
  options: ['dir', 'api-port', 's3-port', 'dynamodb-port', 'fresh', 'log-level', 'config'],
  takesOperands: false,
  usage: {
    call: ['clarity dev [--dir .clarity/dev] [--api-port 8787] [--s3-port 4569] [--dynamodb-port 4567] [--fresh] [--log-level INFO] [--config file]'],
    about: ['the pipeline on this machine: S3 and DynamoDB emulators,', 'the audit handler on upload events, the report API'],
  },
  run: runDev,
};

/**
 * `clarity dev`: runs until `stop` resolves (bin/clarity.ts: on SIGINT or SIGTERM). It then stops its consumers,
 * then the emulators, and exits as the signal says in `io.signal` (130, 143), as a shell reports a command a signal
 * stopped. A second signal while it stops ends the process at once (bin/clarity.ts).
 */
async function runDev({ values }: Input, io: Io, stop: Promise<void>): Promise<number> {
  const loaded = loadedConfig(io, values);
  const dir = resolve(io.cwd, values.string('dir') ?? '.clarity/dev');
  const ports = { 'api-port': values.number('api-port') ?? 8787, 's3-port': values.number('s3-port') ?? 4569, 'dynamodb-port': values.number('dynamodb-port') ?? 4567 };
  const fresh = values.flag('fresh');
  // Loaded on demand: the emulators are only needed here.
  const { startLocalPipeline } = await import('../../local/local-pipeline.ts');
  const pipeline = await startLocalPipeline({
    dir,
    persist: !fresh,
    personas: loaded.personas,
    apiPort: ports['api-port'],
    s3Port: ports['s3-port'],
    dynamodbPort: ports['dynamodb-port'],
    logLevel: values.string('log-level') ?? 'INFO',
    maxBytes: maxBytesOf(loaded),
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
      `  Report API           ${pipeline.apiUrl}/audits?persona=${loaded.personas[0]?.id ?? ''}`,
      `  Events               ${pipeline.eventsFile}`,
      `  Data                 ${dir}${fresh ? ' (DynamoDB in memory)' : ''}`,
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
  return reason instanceof Interrupted ? reason.exitCode : EXIT.ok;
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
