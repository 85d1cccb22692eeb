import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';

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
  const { port: s3Port } = (await s3.run()) as AddressInfo;
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
