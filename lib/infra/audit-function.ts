import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambdaNode from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AUDIT_SIZING, ENV, GLOSSARY_CACHE_SECONDS, assetBudgetSeconds } from '../pipeline/contract.ts';
import { clarityFunction } from './clarity-function.ts';
import { acknowledge, nagResource } from './nag.ts';
import { Room, flatNodeUniqueId, keepLogicalIds } from './room.ts';
import type { ClarityStores } from './stores.ts';

/** Lambda's longest timeout. */
const MAX_LAMBDA_SECONDS = 900;
/** Records per batch at most: with many, an invocation's timeout (and the queue's visibility timeout, 6×) grows long. */
const MAX_BATCH = 5;
/**
 * 1769 MB is one full vCPU (Lambda allots CPU by memory; an audit is single-threaded, so more buys no speed), and a
 * 5 MiB dense asset peaked at 1.65 GB RSS here: 2048 MB leaves headroom for the report page and the S3 upload.
 */
const AUDIT_MEMORY_MB = 2048;

export interface AuditSizing {
  readonly budgetSeconds: number;
  readonly batchSize: number;
  readonly timeout: Duration;
  readonly memorySize: number;
}

/**
 * How the audit function is sized, so that the largest accepted asset finishes or is recorded as failed before
 * the invocation times out (a timed-out batch is redelivered whole and ends in the DLQ with no record).
 * - One asset's budget B: `assetTimeBudget`, else AUDIT_SIZING in lib/pipeline/contract.ts (10 s + 8 s per MiB of
 *   maxAssetBytes: 50 s for 5 MiB, from ~1.8 s/MiB for the engine on one core and ~7 s/MiB for a whole audit of
 *   dense content with its report page, measured here).
 * - The handler audits a batch's records one after another (they are CPU-bound on one thread: run together, a slow
 *   one made all ten late) and gives each at most B, ending each by the invocation's remaining time minus the write
 *   margin W (20 s) for reports, records and the event; an audit past its deadline is recorded as `failed`.
 * - batch size N = min(5, ⌊(900 s − W) / B⌋) and timeout = N × B + W, so a whole batch of largest assets fits:
 *   5 MiB → N = 5, timeout 270 s. Past ~100 MiB (B > 880 s) no budget fits in Lambda's 15 minutes: synth fails.
 * - Memory 2048 MB (one full vCPU and the RSS of a large audit). Concurrency is left to the event source mapping's
 *   scaling: each invocation is independent, and the tables are on demand.
 * - The queue's visibility timeout is 6 × the timeout + the batching window (AWS's guidance for SQS event sources).
 */
export function auditSizing(maxAssetBytes: number, assetTimeBudget?: Duration): AuditSizing {
  const budgetSeconds = assetTimeBudget ? assetTimeBudget.toSeconds() : assetBudgetSeconds(maxAssetBytes);
  const batchSize = Math.min(MAX_BATCH, Math.floor((MAX_LAMBDA_SECONDS - AUDIT_SIZING.writeMarginSeconds) / budgetSeconds));
  if (batchSize < 1) {
    throw new Error(`an asset time budget of ${budgetSeconds} s (maxAssetBytes ${maxAssetBytes}) does not fit in Lambda's ${MAX_LAMBDA_SECONDS} s with the ${AUDIT_SIZING.writeMarginSeconds} s write margin; lower maxAssetBytes or assetTimeBudget`);
  }
  return { budgetSeconds, batchSize, timeout: Duration.seconds(batchSize * budgetSeconds + AUDIT_SIZING.writeMarginSeconds), memorySize: AUDIT_MEMORY_MB };
}

export interface AuditFunctionProps {
  /** From `auditSizing`: the function's timeout and memory, the event source's batch size, the per-asset budget. */
  readonly sizing: AuditSizing;
  /** The queue of S3 notifications it consumes, and the batching window the queue's visibility timeout allows for. */
  readonly queue: sqs.IQueue;
  readonly batchingWindow: Duration;
  /** Assets it reads, reports it writes, audits it records; personas and glossaries it reads. */
  readonly stores: ClarityStores;
  /** Key prefix the reports are written under. */
  readonly reportsPrefix: string;
  /** Where it puts AuditCompleted events. */
  readonly eventBus: events.IEventBus;
  /** The handler's environment (lib/pipeline/contract.ts's ENV); the budget and glossary cache are added here. */
  readonly environment: Record<string, string>;
  /** Of its log group. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The audit Lambda (functions/audit.ts) on the ingest queue, reporting partial batch failures, with a role that
 * reads assets, writes reports under the prefix only, reads and writes audits (no delete), reads personas and
 * glossaries, and puts events on the bus.
 */
export class AuditFunction extends Room {
  public readonly lambdaFunction: lambdaNode.NodejsFunction;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AuditFunctionProps) {
    super(scope, id);
    const { sizing, stores } = props;
    const { fn, role } = clarityFunction(this, 'AuditFunction', {
      entry: 'audit.ts',
      serviceName: 'clarity-audit',
      memorySize: sizing.memorySize,
      timeout: sizing.timeout,
      description: 'Audits uploaded assets for clarity (S3 notifications via SQS)',
      environment: { ...props.environment, [ENV.assetBudgetMs]: String(sizing.budgetSeconds * 1000), [ENV.glossaryCacheSeconds]: String(GLOSSARY_CACHE_SECONDS) },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.lambdaFunction = fn;
    this.role = role;
    // What lambda-event-sources' SqsEventSource does, but its mapping's id embeds the queue's unique ID, which would
    // then name the queue's room: the flat one keeps the mapping's logical ID (lib/infra/room.ts).
    fn.addEventSourceMapping(`SqsEventSource:${flatNodeUniqueId(props.queue)}`, {
      eventSourceArn: props.queue.queueArn,
      batchSize: sizing.batchSize,
      reportBatchItemFailures: true,
      maxBatchingWindow: props.batchingWindow,
    });
    props.queue.grantConsumeMessages(fn);
    // Assets: read objects (any version) and their tags. ListBucket only so a deleted key reads as 404 (NoSuchKey), not 403.
    const assets = stores.assetsBucket;
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAssets',
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:GetObjectVersionTagging'],
        resources: [assets.arnForObjects('*')],
      }),
    );
    role.addToPolicy(new iam.PolicyStatement({ sid: 'ListAssets', actions: ['s3:ListBucket'], resources: [assets.bucketArn] }));
    assets.encryptionKey?.grantDecrypt(role);
    acknowledge(
      role,
      `IAM5[Resource::${nagResource(this, assets.arnForObjects('*'))}]`,
      'The audit function reads whichever asset was uploaded, so it needs s3:GetObject on every key of the assets bucket (read-only).',
    );
    // Reports: write only, under the reports prefix.
    const reportObjects = stores.reportsBucket.arnForObjects(`${props.reportsPrefix}*`);
    role.addToPolicy(new iam.PolicyStatement({ sid: 'WriteReports', actions: ['s3:PutObject'], resources: [reportObjects] }));
    stores.reportsBucket.encryptionKey?.grant(role, 'kms:GenerateDataKey*', 'kms:Encrypt');
    acknowledge(
      role,
      `IAM5[Resource::${nagResource(this, reportObjects)}]`,
      'Report keys are derived from the audited asset key and version, so the function writes anywhere under the reports prefix (PutObject only).',
    );
    // Audits table: read and write, no delete.
    stores.grantReadAudits(role);
    role.addToPolicy(new iam.PolicyStatement({ sid: 'WriteAudits', actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [stores.auditsTable.tableArn] }));
    stores.grantReadPersonas(role);
    stores.grantReadGlossaries(role, ['dynamodb:Query']);
    props.eventBus.grantPutEventsTo(role);
    keepLogicalIds(this);
  }
}
