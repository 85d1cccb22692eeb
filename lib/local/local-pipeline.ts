import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventEmitter } from 'node:events';
import type { APIGatewayProxyStructuredResultV2, LambdaFunctionURLEvent } from 'aws-lambda';
import type { Persona } from '../engine/types.ts';
import { DynamoPersonaStore } from '../adapters/aws/dynamo-personas.ts';
import { encodeS3Key } from '../pipeline/asset-ref.ts';
import { DEFAULT_REPORTS_PREFIX, ENV } from '../pipeline/contract.ts';
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
  queue: LocalSqsQueue;
  s3: S3Client;
  dynamodb: DynamoDBClient;
  /** Resolves when every upload seen so far is audited (or dead-lettered). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole pipeline on one machine: S3 (s3rver) and DynamoDB (dynalite) on
 * localhost, the very handlers the stack deploys, fed by the emulator's S3
 * upload events through an SQS-like queue, and the report API on an HTTP port.
 * The handlers find the emulators through the same environment variables the
 * AWS SDK reads in Lambda, so no code path differs from AWS but the endpoints.
 */
export async function startLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const emulators = await startEmulators({ dir: options.dir, persist: options.persist, ...(options.s3Port !== undefined ? { s3Port: options.s3Port } : {}), ...(options.dynamodbPort !== undefined ? { dynamodbPort: options.dynamodbPort } : {}) });
  const eventsFile = join(options.dir, 'events.jsonl');
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    // s3rver checks signatures against its default key pair; dynalite accepts any.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_S3: emulators.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamodbEndpoint,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
    CLARITY_S3_FORCE_PATH_STYLE: 'true',
    CLARITY_EVENTS_FILE: eventsFile,
    [ENV.reportsBucket]: LOCAL_RESOURCES.reportsBucket,
    [ENV.reportsPrefix]: DEFAULT_REPORTS_PREFIX,
    [ENV.auditsTable]: LOCAL_RESOURCES.auditsTable,
    [ENV.personasTable]: LOCAL_RESOURCES.personasTable,
    [ENV.maxBytes]: String(options.maxBytes ?? 5 * 1024 * 1024),
    POWERTOOLS_SERVICE_NAME: 'clarity-local',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'WARN',
  });
  const s3 = new S3Client({ forcePathStyle: true });
  const dynamodb = new DynamoDBClient({});
  await provision(s3, dynamodb);
  await new DynamoPersonaStore(dynamodb, LOCAL_RESOURCES.personasTable).put(options.personas);

  // Imported after the environment is set: the handlers build their clients when loaded, as in Lambda.
  const audit = (await import('../../functions/audit.ts')).handler as SqsHandler;
  const api = (await import('../../functions/report-api.ts')).handler as (e: LambdaFunctionURLEvent) => Promise<APIGatewayProxyStructuredResultV2>;

  const queue = new LocalSqsQueue(audit, { batchSize: 10, concurrency: options.concurrency ?? 4, maxReceiveCount: 3, queueArn: 'arn:aws:sqs:us-east-1:000000000000:clarity-local' });
  // s3rver is an event emitter at run time; its type definitions leave that out.
  (emulators.s3 as unknown as EventEmitter).on('event', (event: { Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string } } }[] }) => {
    for (const record of event.Records) {
      if (record.s3.bucket.name !== LOCAL_RESOURCES.assetsBucket || !record.eventName.startsWith('ObjectCreated')) continue;
      // s3rver hands keys over decoded; real S3 URL-encodes them, and the handler decodes as for S3.
      const s3Record = { ...record, eventSource: 'aws:s3', s3: { ...record.s3, object: { ...record.s3.object, key: encodeS3Key(record.s3.object.key) } } };
      queue.send(JSON.stringify({ Records: [s3Record] }));
    }
  });

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
  await new Promise<void>((resolve) => server.listen(options.apiPort ?? 0, '127.0.0.1', () => resolve()));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    emulators,
    apiUrl,
    resources: LOCAL_RESOURCES,
    eventsFile,
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
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulators.close();
      s3.destroy();
      dynamodb.destroy();
    },
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
