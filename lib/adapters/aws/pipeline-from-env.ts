import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DEFAULT_MAX_BYTES } from '../../engine/parse/asset.ts';
import type { PipelineDeps } from '../../pipeline/audit-object.ts';
import { DEFAULT_REPORTS_PREFIX, DEV_ENV, ENV, GLOSSARY_CACHE_SECONDS } from '../../pipeline/contract.ts';
import { CachedGlossaryStore } from '../../pipeline/glossaries.ts';
import { S3AssetStore } from './s3-assets.ts';
import { S3ReportStore } from './s3-reports.ts';
import { DynamoAuditStore } from './dynamo-audits.ts';
import { DynamoPersonaStore } from './dynamo-personas.ts';
import { DynamoGlossaryStore } from './dynamo-glossaries.ts';
import { EventBridgeSink } from './eventbridge-events.ts';

export interface AwsClients {
  s3: S3Client;
  dynamodb: DynamoDBClient;
  events: EventBridgeClient;
}

type Env = Record<string, string | undefined>;

/**
 * SDK clients as the environment configures them. In Lambda that is the
 * defaults; locally, AWS_ENDPOINT_URL_S3 / _DYNAMODB point at the emulators
 * (the SDK reads those itself) and CLARITY_S3_FORCE_PATH_STYLE makes S3
 * requests path-style, as s3rver needs.
 */
export function clientsFromEnv(env: Env): AwsClients {
  return {
    s3: new S3Client({ forcePathStyle: env[DEV_ENV.s3ForcePathStyle] === 'true' }),
    dynamodb: new DynamoDBClient({}),
    events: new EventBridgeClient({}),
  };
}

/** A variable the stack sets, or an error that names it instead of a failure later. */
function need(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`environment variable ${name} is not set; the stack (or clarity dev) sets it`);
  return value;
}

/** The glossaries table as it is, uncached: for the report API, which lists what a push just wrote. */
export function glossaryStoreFromEnv(env: Env, clients: Pick<AwsClients, 'dynamodb'>): DynamoGlossaryStore {
  return new DynamoGlossaryStore(clients.dynamodb, need(env, ENV.glossariesTable));
}

/** Adapters the caller wires itself instead of from the environment: clarity dev's audits go to a file (lib/local). */
export type PipelineOverrides = Partial<Pick<PipelineDeps, 'events'>>;

/** The pipeline's adapters wired from the handler's environment; names a missing variable instead of failing later. */
export function pipelineFromEnv(env: Env, clients: AwsClients = clientsFromEnv(env), overrides: PipelineOverrides = {}): PipelineDeps {
  const reportsBucket = need(env, ENV.reportsBucket);
  const maxBytes = Number(env[ENV.maxBytes] ?? DEFAULT_MAX_BYTES);
  const cacheSeconds = Number(env[ENV.glossaryCacheSeconds] ?? GLOSSARY_CACHE_SECONDS);
  return {
    assets: new S3AssetStore(clients.s3),
    personas: new DynamoPersonaStore(clients.dynamodb, need(env, ENV.personasTable)),
    glossaries: new CachedGlossaryStore(glossaryStoreFromEnv(env, clients), (Number.isFinite(cacheSeconds) && cacheSeconds >= 0 ? cacheSeconds : GLOSSARY_CACHE_SECONDS) * 1000),
    audits: new DynamoAuditStore(clients.dynamodb, need(env, ENV.auditsTable)),
    reports: new S3ReportStore(clients.s3, reportsBucket, env[ENV.reportsPrefix] ?? DEFAULT_REPORTS_PREFIX),
    events: overrides.events ?? new EventBridgeSink(clients.events, env[ENV.eventBusName] ?? 'default', reportsBucket),
    maxBytes: Number.isFinite(maxBytes) && maxBytes > 0 ? maxBytes : DEFAULT_MAX_BYTES,
  };
}
