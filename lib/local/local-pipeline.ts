import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventEmitter } from 'node:events';
import type { APIGatewayProxyStructuredResultV2, LambdaFunctionURLEvent } from 'aws-lambda';
import type { Persona } from '../engine/types.ts';
import { DEFAULT_MAX_BYTES } from '../engine/parse/asset.ts';
import { DynamoPersonaStore } from '../adapters/aws/dynamo-personas.ts';
import { encodeS3Key } from '../pipeline/asset-ref.ts';
import { DEFAULT_REPORTS_PREFIX, DEV_ENV, ENV } from '../pipeline/contract.ts';
import type { EventSink } from '../pipeline/ports.ts';
import { FileEventSink } from '../adapters/local/file-events.ts';
import { startEmulators, type Emulators } from './emulators.ts';
import { LOCAL_RESOURCES, provision } from './provision.ts';
import { LocalSqsQueue, localContext, type SqsHandler } from './sqs-queue.ts';

export interface LocalPipelineOptions {
  /** Where emulator data (and the events log) live. */
  dir: string;
  /** Keep DynamoDB data on disk between runs (S3 data always lives under dir). */
  persist: boolean;
  personas: readonly Persona[];
  maxBytes?: number;
  s3Port?: number;
  dynamodbPort?: number;
  apiPort?: number;
  /** Batches in flight at once, like Lambda concurrency on the event source mapping. */
  concurrency?: number;
  logLevel?: string;
}

export interface LocalPipeline {
  emulators: Emulators;
  apiUrl: string;
  resources: typeof LOCAL_RESOURCES;
  eventsFile: string;
  /** The audits' events, one JSON line each in eventsFile: what clarity dev has instead of EventBridge. */
  events: EventSink;
  queue: LocalSqsQueue;
  s3: S3Client;
  dynamodb: DynamoDBClient;
  /** Resolves when every upload seen so far is audited (or dead-lettered). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Where the first local pipeline of this process keeps its data: its handlers are loaded for it, and for it only. */
let startedFor: string | undefined;

/**
 * The whole pipeline on one machine: S3 (s3rver) and DynamoDB (dynalite) on
 * localhost, the very handlers the stack deploys, fed by the emulator's S3
 * upload events through an SQS-like queue, and the report API on an HTTP port.
 * The handlers find the emulators through the same environment variables the
 * AWS SDK reads in Lambda, so no code path differs from AWS but the endpoints.
 */
export async function startLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  if (startedFor !== undefined) {
    // functions/*.ts build their SDK clients, logger and event sink from the environment when loaded, once per
    // process (as once per Lambda sandbox): a second pipeline's handlers would still talk to the first one's ports.
    throw new Error(`a local pipeline was already started in this process (data in ${startedFor}); its handlers keep that pipeline's endpoints, so start another pipeline in a process of its own`);
  }
  const emulators = await startEmulators({ dir: options.dir, persist: options.persist, ...(options.s3Port !== undefined ? { s3Port: options.s3Port } : {}), ...(options.dynamodbPort !== undefined ? { dynamodbPort: options.dynamodbPort } : {}) });
  const eventsFile = join(options.dir, 'events.jsonl');
  const events = new FileEventSink(eventsFile, LOCAL_RESOURCES.reportsBucket);
  Object.assign(process.env, localEnvironment(emulators, { ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}), ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}) }));
  const s3 = new S3Client({ forcePathStyle: true });
  const dynamodb = new DynamoDBClient({});
  try {
    await provision(s3, dynamodb);
    await new DynamoPersonaStore(dynamodb, LOCAL_RESOURCES.personasTable).put(options.personas);
  } catch (error) {
    s3.destroy();
    dynamodb.destroy();
    await emulators.close();
    throw error;
  }

  // Imported after the environment is set: the handlers build their clients when loaded, as in Lambda.
  startedFor = options.dir;
  const audit = (await import('../../functions/audit.ts')).auditHandler({ events }) as SqsHandler;
  const api = (await import('../../functions/report-api.ts')).handler as (e: LambdaFunctionURLEvent) => Promise<APIGatewayProxyStructuredResultV2>;

  const queue = new LocalSqsQueue(audit, { batchSize: 10, concurrency: options.concurrency ?? 4, maxReceiveCount: 3, queueArn: 'arn:aws:sqs:us-east-1:000000000000:clarity-local' });
  // s3rver is an event emitter at run time; its type definitions leave that out.
  const onUpload = (event: { Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string } } }[] }) => {
    for (const record of event.Records) {
      if (record.s3.bucket.name !== LOCAL_RESOURCES.assetsBucket || !record.eventName.startsWith('ObjectCreated')) continue;
      // s3rver hands keys over decoded; real S3 URL-encodes them, and the handler decodes as for S3.
      const s3Record = { ...record, eventSource: 'aws:s3', s3: { ...record.s3, object: { ...record.s3.object, key: encodeS3Key(record.s3.object.key) } } };
      queue.send(JSON.stringify({ Records: [s3Record] }));
    }
  };
  (emulators.s3 as unknown as EventEmitter).on('event', onUpload);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const event = functionUrlEvent(req.method ?? 'GET', url);
    api(event)
      .then((r) => {
        res.writeHead(r.statusCode ?? 200, (r.headers ?? {}) as Record<string, string>);
        res.end(r.body ?? '');
      })
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.apiPort ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    (emulators.s3 as unknown as EventEmitter).off('event', onUpload);
    await queue.stop();
    s3.destroy();
    dynamodb.destroy();
    await emulators.close();
    throw error;
  }
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    emulators,
    apiUrl,
    resources: LOCAL_RESOURCES,
    eventsFile,
    events,
    queue,
    s3,
    dynamodb,
    async settled() {
      // s3rver emits its event just after answering the upload: give late events a moment to arrive.
      for (let quiet = 0; quiet < 3; ) {
        const before = queue.delivered + queue.deadLetters.length;
        await queue.idle();
        await new Promise((r) => setTimeout(r, 25));
        quiet = queue.delivered + queue.deadLetters.length === before ? quiet + 1 : 0;
      }
    },
    async close() {
      // Consumers first, then what they talk to: no more uploads queued, no more API requests, the audits in flight
      // finished (those waiting are dropped, as a queue would keep them), and only then the emulators.
      (emulators.s3 as unknown as EventEmitter).off('event', onUpload);
      const apiClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all([apiClosed, queue.stop()]);
      await emulators.close();
      s3.destroy();
      dynamodb.destroy();
    },
  };
}

/**
 * The environment the handlers read, as the stack gives it to the Lambdas, but pointing at the emulators. The
 * pipeline sets it on process.env; whoever runs a handler in another process passes it on, and gives auditHandler
 * (functions/audit.ts) an event sink: the stack's goes to EventBridge, which has no emulator here.
 */
export function localEnvironment(emulators: Pick<Emulators, 's3Endpoint' | 'dynamodbEndpoint'>, options: { maxBytes?: number; logLevel?: string } = {}): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    // s3rver checks signatures against its default key pair; dynalite accepts any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_S3: emulators.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamodbEndpoint,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
    [DEV_ENV.s3ForcePathStyle]: 'true',
    [ENV.reportsBucket]: LOCAL_RESOURCES.reportsBucket,
    [ENV.reportsPrefix]: DEFAULT_REPORTS_PREFIX,
    [ENV.auditsTable]: LOCAL_RESOURCES.auditsTable,
    [ENV.personasTable]: LOCAL_RESOURCES.personasTable,
    [ENV.glossariesTable]: LOCAL_RESOURCES.glossariesTable,
    // On one machine a push should show in the next upload's audit: no cache (the stack's audit function keeps a
    // team's glossaries for GLOSSARY_CACHE_SECONDS).
    [ENV.glossaryCacheSeconds]: '0',
    [ENV.maxBytes]: String(options.maxBytes ?? DEFAULT_MAX_BYTES),
    POWERTOOLS_SERVICE_NAME: 'clarity-local',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'WARN',
  };
}

/** A Lambda function URL event for a local HTTP request, so the API runs through its real handler. */
function functionUrlEvent(method: string, url: URL): LambdaFunctionURLEvent {
  const query = Object.fromEntries(url.searchParams.entries());
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: {},
    queryStringParameters: query,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'local' },
      requestId: localContext().awsRequestId,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
  };
}
