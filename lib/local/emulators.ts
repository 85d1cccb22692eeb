import { mkdirSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { isAbsolute, join, relative, sep } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { unsafeKeyMessage, unsafeKeySegment } from './keys.ts';

export interface Emulators {
  s3Endpoint: string;
  dynamodbEndpoint: string;
  s3: S3rver;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  dir: string;
  persist: boolean;
  s3Port?: number;
  dynamodbPort?: number;
  /**
   * How long dynalite keeps a new table CREATING (its own default is 500 ms, AWS takes seconds). Even at 0 the
   * table becomes ACTIVE only after CreateTable has answered, so whoever writes to it must wait (provision does).
   */
  createTableMs?: number;
}

/**
 * DynamoDB (dynalite) and S3 (s3rver) on localhost: real wire protocols,
 * driven by the real AWS SDK clients. Data lives under `dir` (kept between
 * runs) or, without one, in memory and a temporary folder.
 */
export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  const s3Dir = join(options.dir, 's3');
  mkdirSync(s3Dir, { recursive: true });
  const db = dynalite({ createTableMs: options.createTableMs ?? 0, deleteTableMs: 0, updateTableMs: 0, ...(options.persist ? { path: join(options.dir, 'dynamodb') } : {}) });
  await new Promise<void>((resolve, reject) => {
    db.once('error', reject);
    db.listen(options.dynamodbPort ?? 0, '127.0.0.1', () => resolve());
  });
  const s3 = new S3rver({ address: '127.0.0.1', port: options.s3Port ?? 0, silent: true, directory: s3Dir });
  confineToDirectory(s3, s3Dir);
  let s3Port: number;
  try {
    // s3.run() leaves a listen error (a port in use) unhandled, which ends the process: listen as run() does, but
    // with the error handled. (run() would also create configured buckets; there are none.)
    const app = s3 as unknown as { listen(port: number, host: string, cb: () => void): Server; httpServer?: Server };
    const server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(options.s3Port ?? 0, '127.0.0.1', () => {
        listening.off('error', reject);
        resolve(listening);
      });
      listening.once('error', reject);
    });
    app.httpServer = server;
    ({ port: s3Port } = server.address() as AddressInfo);
  } catch (error) {
    await new Promise<void>((resolve) => db.close(() => resolve()));
    throw error;
  }
  const { port: dbPort } = db.address() as AddressInfo;
  return {
    s3Endpoint: `http://127.0.0.1:${s3Port}`,
    dynamodbEndpoint: `http://127.0.0.1:${dbPort}`,
    s3,
    async close() {
      await s3.close();
      await new Promise<void>((resolve) => db.close(() => resolve()));
    },
  };
}

interface KoaContext {
  path: string;
  status: number;
  type: string;
  body: unknown;
  get(header: string): string;
}

/**
 * Refuses requests whose bucket or key (in the path, or a copy's source) has a "." or ".." segment, before s3rver
 * turns them into file paths; and, should one get past, any file path outside the folder.
 */
function confineToDirectory(s3: S3rver, directory: string): void {
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const guard = async (ctx: KoaContext, next: () => Promise<void>): Promise<void> => {
    const path = ctx.path.split('/').map(decode).join('/');
    const copySource = decode(ctx.get('x-amz-copy-source').split('?')[0] ?? '');
    const bad = [path, copySource].find(unsafeKeySegment);
    if (bad === undefined) return next();
    const key = bad.replace(/^\/?[^/]*\//, '');
    ctx.status = 400;
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidArgument</Code><Message>${xmlEscape(unsafeKeyMessage(key))}</Message><ArgumentName>key</ArgumentName><ArgumentValue>${xmlEscape(key)}</ArgumentValue></Error>`;
  };
  // s3rver is a Koa application (its type definitions leave that out): the guard goes first in its middleware.
  (s3 as unknown as { middleware: unknown[] }).middleware.unshift(guard);
  const store = (s3 as unknown as { store: { getResourcePath(bucket: string, key?: string, resource?: string): string } }).store;
  const resourcePath = store.getResourcePath.bind(store);
  store.getResourcePath = (bucket, key, resource) => {
    const path = resourcePath(bucket, key, resource);
    const inside = relative(join(directory, bucket), path);
    if (unsafeKeySegment(bucket) || inside.split(sep)[0] === '..' || isAbsolute(inside)) throw Object.assign(new Error(unsafeKeyMessage(`${bucket}/${key ?? ''}`)), { expose: true });
    return path;
  };
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
