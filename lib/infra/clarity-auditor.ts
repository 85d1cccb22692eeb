import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArnFormat, CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaEvents from 'aws-cdk-lib/aws-lambda-event-sources';
import * as lambdaNode from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';
import { BUILTIN_PERSONAS } from '../engine/persona/builtin.ts';
import { AUDIT_EVENT, AUDIT_SIZING, AUDITS_TABLE, DEFAULT_REPORTS_PREFIX, ENV, GLOSSARIES_TABLE, GLOSSARY_CACHE_SECONDS, PERSONAS_TABLE, REAUDIT_EVENT_SOURCE, assetBudgetSeconds } from '../pipeline/contract.ts';
import { LAMBDA_BUNDLING } from './bundling.ts';

/** The repository root (lib/infra/ → ../..), where functions/ and package-lock.json live. */
const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ClarityAuditorProps {
  /** Bucket the content teams upload assets to. @default - a new versioned, encrypted, SSL-only bucket with access logs */
  readonly assetsBucket?: s3.IBucket;
  /** Bucket the audit reports are written to. @default - a new encrypted, SSL-only bucket with access logs */
  readonly reportsBucket?: s3.IBucket;
  /** Key prefix of the reports in the reports bucket. @default DEFAULT_REPORTS_PREFIX ('reports/') */
  readonly reportsPrefix?: string;
  /** Bus the AuditCompleted events are put on (and the notification rule listens to). @default - the account's default bus */
  readonly eventBus?: events.IEventBus;
  /** Assets larger than this are skipped, not audited. @default 5 MiB */
  readonly maxAssetBytes?: number;
  /** Removal policy of the data the construct creates (buckets, tables, key, log groups). @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** Subscribe this address to the audit notifications topic. @default - no subscription */
  readonly notificationEmail?: string;
  /**
   * How long the audit of one asset may take before it is recorded as failed (`time-budget`); the audit function's
   * timeout and batch size follow from it. @default - from maxAssetBytes: 10 s + 8 s per MiB (50 s for 5 MiB)
   */
  readonly assetTimeBudget?: Duration;
  /** Where the operational alarms (dead letters, function errors, throttles) are sent. @default - the audit notifications topic */
  readonly alarmTopic?: sns.ITopic;
}

/** Settings shared by the three handler bundles: Node 22 on Graviton, ESM, bundled locally with esbuild. */
const RUNTIME = lambda.Runtime.NODEJS_22_X;
const BUNDLING: lambdaNode.BundlingOptions = {
  format: lambdaNode.OutputFormat.ESM,
  target: LAMBDA_BUNDLING.target,
  minify: LAMBDA_BUNDLING.minify,
  sourceMap: LAMBDA_BUNDLING.sourcemap,
  sourcesContent: false,
  mainFields: LAMBDA_BUNDLING.mainFields,
  banner: LAMBDA_BUNDLING.banner,
  bundleAwsSDK: LAMBDA_BUNDLING.bundleAwsSdk,
  forceDockerBundling: false,
  // The audit bundle is ~8 MB (pronunciation and word-frequency data); esbuild's size warning is expected.
  logLevel: lambdaNode.LogLevel.ERROR,
};

const BATCHING_WINDOW = Duration.seconds(5);
/** Lambda's longest timeout. */
const MAX_LAMBDA_SECONDS = 900;
/** Records per batch at most: with many, an invocation's timeout (and the queue's visibility timeout, 6×) grows long. */
const MAX_BATCH = 5;
/**
 * 1769 MB is one full vCPU (Lambda allots CPU by memory; an audit is single-threaded, so more buys no speed), and a
 * 5 MiB dense asset peaked at 1.65 GB RSS here: 2048 MB leaves headroom for the report page and the S3 upload.
 */
const AUDIT_MEMORY_MB = 2048;

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
export function auditSizing(maxAssetBytes: number, assetTimeBudget?: Duration): { budgetSeconds: number; batchSize: number; timeout: Duration; memorySize: number } {
  const budgetSeconds = assetTimeBudget ? assetTimeBudget.toSeconds() : assetBudgetSeconds(maxAssetBytes);
  const batchSize = Math.min(MAX_BATCH, Math.floor((MAX_LAMBDA_SECONDS - AUDIT_SIZING.writeMarginSeconds) / budgetSeconds));
  if (batchSize < 1) {
    throw new Error(`an asset time budget of ${budgetSeconds} s (maxAssetBytes ${maxAssetBytes}) does not fit in Lambda's ${MAX_LAMBDA_SECONDS} s with the ${AUDIT_SIZING.writeMarginSeconds} s write margin; lower maxAssetBytes or assetTimeBudget`);
  }
  return { budgetSeconds, batchSize, timeout: Duration.seconds(batchSize * budgetSeconds + AUDIT_SIZING.writeMarginSeconds), memorySize: AUDIT_MEMORY_MB };
}

/** cdk-nag's spelling of a policy resource in an IAM5 finding (`<Logical.Arn>/*`), so acknowledgements name exactly one resource. */
function nagResource(scope: IConstruct, arn: unknown): string {
  const visit = (node: unknown): string => {
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (Array.isArray(o['Fn::Join'])) {
        const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
        return items.map(visit).join(delimiter);
      }
      if ('Fn::Sub' in o) return visit(o['Fn::Sub']);
      if (Array.isArray(o['Fn::GetAtt'])) {
        const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
        return `<${visit(resource)}.${visit(attribute)}>`;
      }
      if ('Ref' in o) return `<${visit(o.Ref)}>`;
    }
    return JSON.stringify(node);
  };
  return visit(Stack.of(scope).resolve(arn));
}

function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
}

/** Acknowledges the IAM5 wildcard-resource findings of an aws-cdk-lib generated policy, limited to statements whose actions pass `only`. */
function acknowledgeWildcardResources(policy: IConstruct, only: (actions: string[]) => boolean, reason: string): void {
  const cfn = policy.node.defaultChild;
  if (!(cfn instanceof iam.CfnPolicy)) return;
  const doc = Stack.of(policy).resolve(cfn.policyDocument) as { Statement?: { Action: string | string[]; Resource: unknown }[] };
  for (const statement of doc.Statement ?? []) {
    const actions = [statement.Action].flat();
    if (!only(actions)) continue;
    for (const resource of [statement.Resource].flat()) {
      const flat = nagResource(policy, resource);
      if (flat.includes('*')) acknowledge(policy, `IAM5[Resource::${flat}]`, reason);
    }
  }
}

/**
 * Audits every document uploaded to an S3 bucket for clarity against reader personas:
 * S3 → SQS (with DLQ) → audit Lambda → reports in S3 + results in DynamoDB + an
 * EventBridge event → SNS. Also a read-only report API (function URL, IAM auth),
 * a custom resource that seeds the built-in personas and a Step Functions state
 * machine that re-audits the whole bucket.
 */
export class ClarityAuditor extends Construct {
  public readonly assetsBucket: s3.IBucket;
  public readonly reportsBucket: s3.IBucket;
  /** The server access logs bucket, when this construct created a bucket that logs to it. */
  public readonly accessLogsBucket?: s3.Bucket;
  public readonly eventBus: events.IEventBus;
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly auditsTable: dynamodb.Table;
  public readonly personasTable: dynamodb.Table;
  /** Team glossaries, written by `clarity terms push` (with the operator's credentials); the functions only read it. */
  public readonly glossariesTable: dynamodb.Table;
  public readonly auditFunction: lambdaNode.NodejsFunction;
  public readonly auditRole: iam.Role;
  public readonly reportApiFunction: lambdaNode.NodejsFunction;
  public readonly reportApiRole: iam.Role;
  public readonly reportApiUrl: lambda.FunctionUrl;
  public readonly seedFunction: lambdaNode.NodejsFunction;
  public readonly seedProvider: cr.Provider;
  public readonly seedPersonas: CustomResource;
  public readonly topicKey: kms.Key;
  public readonly topic: sns.Topic;
  public readonly auditCompletedRule: events.Rule;
  public readonly reauditStateMachine: sfn.StateMachine;
  public readonly reauditLogGroup: logs.LogGroup;
  /** ApproximateNumberOfMessagesVisible of the dead-letter queue above 0: an upload that could not be audited. */
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  /** The audit function's invocation errors (timeouts, crashes) above 0. */
  public readonly auditErrorsAlarm: cloudwatch.Alarm;
  /** The audit function's throttles above 0. */
  public readonly auditThrottlesAlarm: cloudwatch.Alarm;
  /** sha256 of the built-in personas; changes re-run the seeding custom resource. */
  public readonly personasHash: string;

  constructor(scope: Construct, id: string, props: ClarityAuditorProps = {}) {
    super(scope, id);
    // Grant log delivery with a bucket policy instead of the LogDeliveryWrite ACL, so every bucket can keep ACLs disabled.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const reportsPrefix = props.reportsPrefix ?? DEFAULT_REPORTS_PREFIX;
    const maxAssetBytes = props.maxAssetBytes ?? 5 * 1024 * 1024;
    const sizing = auditSizing(maxAssetBytes, props.assetTimeBudget);

    // ---- Buckets ---------------------------------------------------------------------------------
    const needLogs = !props.assetsBucket || !props.reportsBucket;
    if (needLogs) {
      this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
        // Server access log delivery supports SSE-S3 only.
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        removalPolicy,
      });
      acknowledge(
        this.accessLogsBucket,
        'S1',
        'This is the server access log destination of the assets and reports buckets; logging it to itself would loop.',
      );
    }
    const secureBucket = (bucketId: string, versioned: boolean, logPrefix: string): s3.Bucket =>
      new s3.Bucket(this, bucketId, {
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        ...(this.accessLogsBucket ? { serverAccessLogsBucket: this.accessLogsBucket, serverAccessLogsPrefix: logPrefix } : {}),
        removalPolicy,
      });
    this.assetsBucket = props.assetsBucket ?? secureBucket('AssetsBucket', true, 'assets/');
    this.reportsBucket = props.reportsBucket ?? secureBucket('ReportsBucket', false, 'reports/');

    this.eventBus = props.eventBus ?? events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');

    // ---- Tables ----------------------------------------------------------------------------------
    const tableDefaults = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy,
    } as const;
    const str = dynamodb.AttributeType.STRING;
    this.personasTable = new dynamodb.Table(this, 'PersonasTable', {
      ...tableDefaults,
      partitionKey: { name: PERSONAS_TABLE.partitionKey, type: str },
    });
    this.glossariesTable = new dynamodb.Table(this, 'GlossariesTable', {
      ...tableDefaults,
      partitionKey: { name: GLOSSARIES_TABLE.partitionKey, type: str },
      sortKey: { name: GLOSSARIES_TABLE.sortKey, type: str },
    });
    this.auditsTable = new dynamodb.Table(this, 'AuditsTable', {
      ...tableDefaults,
      partitionKey: { name: AUDITS_TABLE.partitionKey, type: str },
      sortKey: { name: AUDITS_TABLE.sortKey, type: str },
    });
    for (const index of [AUDITS_TABLE.byPersonaScore, AUDITS_TABLE.byRecent]) {
      this.auditsTable.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: str },
        sortKey: { name: index.sortKey, type: str },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    const auditsIndexArns = [AUDITS_TABLE.byPersonaScore, AUDITS_TABLE.byRecent].map((i) => `${this.auditsTable.tableArn}/index/${i.indexName}`);
    const auditsReadStatement = (): iam.PolicyStatement =>
      new iam.PolicyStatement({
        sid: 'ReadAudits',
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'],
        resources: [this.auditsTable.tableArn, ...auditsIndexArns],
      });

    const personasReadStatement = (): iam.PolicyStatement =>
      new iam.PolicyStatement({
        sid: 'ReadPersonas',
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:DescribeTable'],
        resources: [this.personasTable.tableArn],
      });

    // The audit function queries a team's glossaries; the report API also scans them all (GET /glossaries).
    const glossariesReadStatement = (actions: string[]): iam.PolicyStatement =>
      new iam.PolicyStatement({ sid: 'ReadGlossaries', actions, resources: [this.glossariesTable.tableArn] });

    // ---- Queue -----------------------------------------------------------------------------------
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'AuditQueue', {
      // SSE-SQS, not KMS: S3 event notifications cannot publish to a queue encrypted with the AWS-managed SQS key.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS guidance for Lambda event sources: at least 6× the function timeout plus the batching window.
      visibilityTimeout: Duration.seconds(sizing.timeout.toSeconds() * 6 + BATCHING_WINDOW.toSeconds()),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });
    this.assetsBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue));
    this.acknowledgeBucketNotificationsHandler();

    // ---- Lambda functions ------------------------------------------------------------------------
    const envCommon: Record<string, string> = {
      [ENV.reportsBucket]: this.reportsBucket.bucketName,
      [ENV.reportsPrefix]: reportsPrefix,
      [ENV.auditsTable]: this.auditsTable.tableName,
      [ENV.personasTable]: this.personasTable.tableName,
      [ENV.glossariesTable]: this.glossariesTable.tableName,
      [ENV.eventBusName]: this.eventBus.eventBusName,
      [ENV.maxBytes]: String(maxAssetBytes),
      POWERTOOLS_METRICS_NAMESPACE: 'Clarity',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
    };
    const makeFunction = (
      fnId: string,
      entry: string,
      serviceName: string,
      opts: { memorySize: number; timeout: Duration; description: string; environment?: Record<string, string> },
    ): { fn: lambdaNode.NodejsFunction; role: iam.Role } => {
      const logGroup = new logs.LogGroup(this, `${fnId}Logs`, { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy });
      // An own role instead of AWSLambdaBasicExecutionRole: logs may go to this function's log group only.
      const role = new iam.Role(this, `${fnId}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Execution role of the clarity ${serviceName} function`,
      });
      role.addToPolicy(
        new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
      );
      const fn = new lambdaNode.NodejsFunction(this, fnId, {
        entry: join(PROJECT_ROOT, 'functions', entry),
        handler: 'handler',
        projectRoot: PROJECT_ROOT,
        depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
        runtime: RUNTIME,
        architecture: lambda.Architecture.ARM_64,
        memorySize: opts.memorySize,
        timeout: opts.timeout,
        description: opts.description,
        role,
        logGroup,
        tracing: lambda.Tracing.ACTIVE,
        environment: { ...envCommon, ...opts.environment, POWERTOOLS_SERVICE_NAME: serviceName },
        bundling: BUNDLING,
      });
      acknowledge(
        fn,
        'L1',
        'Pinned to nodejs22.x on purpose: esbuild targets node22 for these bundles, and moving to nodejs24.x should be a deliberate, tested change rather than an automatic one.',
      );
      // X-Ray segment upload has no resource-level permissions (active tracing adds xray:Put* on *).
      acknowledge(role, 'IAM5[Resource::*]', 'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) do not support resource-level permissions.');
      return { fn, role };
    };

    // The audit function.
    // Sized by auditSizing (above): timeout, batch size and memory follow from one asset's time budget.
    const audit = makeFunction('AuditFunction', 'audit.ts', 'clarity-audit', {
      memorySize: sizing.memorySize,
      timeout: sizing.timeout,
      description: 'Audits uploaded assets for clarity (S3 notifications via SQS)',
      environment: { [ENV.assetBudgetMs]: String(sizing.budgetSeconds * 1000), [ENV.glossaryCacheSeconds]: String(GLOSSARY_CACHE_SECONDS) },
    });
    this.auditFunction = audit.fn;
    this.auditRole = audit.role;
    this.auditFunction.addEventSource(
      new lambdaEvents.SqsEventSource(this.queue, { batchSize: sizing.batchSize, reportBatchItemFailures: true, maxBatchingWindow: BATCHING_WINDOW }),
    );
    // Assets: read objects (any version) and their tags. ListBucket only so a deleted key reads as 404 (NoSuchKey), not 403.
    this.auditRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAssets',
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:GetObjectVersionTagging'],
        resources: [this.assetsBucket.arnForObjects('*')],
      }),
    );
    this.auditRole.addToPolicy(new iam.PolicyStatement({ sid: 'ListAssets', actions: ['s3:ListBucket'], resources: [this.assetsBucket.bucketArn] }));
    this.assetsBucket.encryptionKey?.grantDecrypt(this.auditRole);
    acknowledge(
      this.auditRole,
      `IAM5[Resource::${nagResource(this, this.assetsBucket.arnForObjects('*'))}]`,
      'The audit function reads whichever asset was uploaded, so it needs s3:GetObject on every key of the assets bucket (read-only).',
    );
    // Reports: write only, under the reports prefix.
    const reportObjects = this.reportsBucket.arnForObjects(`${reportsPrefix}*`);
    this.auditRole.addToPolicy(new iam.PolicyStatement({ sid: 'WriteReports', actions: ['s3:PutObject'], resources: [reportObjects] }));
    this.reportsBucket.encryptionKey?.grant(this.auditRole, 'kms:GenerateDataKey*', 'kms:Encrypt');
    acknowledge(
      this.auditRole,
      `IAM5[Resource::${nagResource(this, reportObjects)}]`,
      'Report keys are derived from the audited asset key and version, so the function writes anywhere under the reports prefix (PutObject only).',
    );
    // Audits table: read and write, no delete.
    this.auditRole.addToPolicy(auditsReadStatement());
    this.auditRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'WriteAudits', actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [this.auditsTable.tableArn] }),
    );
    this.auditRole.addToPolicy(personasReadStatement());
    this.auditRole.addToPolicy(glossariesReadStatement(['dynamodb:Query']));
    this.eventBus.grantPutEventsTo(this.auditRole);

    // The report API.
    const api = makeFunction('ReportApiFunction', 'report-api.ts', 'clarity-report-api', {
      memorySize: 512,
      timeout: Duration.seconds(15),
      description: 'Read-only clarity report API (function URL, IAM auth)',
    });
    this.reportApiFunction = api.fn;
    this.reportApiRole = api.role;
    this.reportApiRole.addToPolicy(auditsReadStatement());
    this.reportApiRole.addToPolicy(personasReadStatement());
    this.reportApiRole.addToPolicy(glossariesReadStatement(['dynamodb:Query', 'dynamodb:Scan']));
    // GetObject only, no ListBucket: a missing report then reads as 403, which the API answers as "report missing".
    // The presigned URLs it hands out for large reports are signed with this role, so they can read reports only.
    this.reportApiRole.addToPolicy(new iam.PolicyStatement({ sid: 'ReadReports', actions: ['s3:GetObject'], resources: [reportObjects] }));
    this.reportsBucket.encryptionKey?.grantDecrypt(this.reportApiRole);
    acknowledge(
      this.reportApiRole,
      `IAM5[Resource::${nagResource(this, reportObjects)}]`,
      'The report API serves any stored report, so it may read (GetObject only) every key under the reports prefix.',
    );
    this.reportApiUrl = this.reportApiFunction.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    new CfnOutput(this, 'ReportApiUrl', { value: this.reportApiUrl.url, description: 'Report API URL (SigV4-signed requests only)' });

    // ---- Built-in personas -----------------------------------------------------------------------
    this.personasHash = createHash('sha256').update(JSON.stringify(BUILTIN_PERSONAS)).digest('hex');
    const seed = makeFunction('SeedPersonasFunction', 'seed-personas.ts', 'clarity-seed-personas', {
      memorySize: 256,
      timeout: Duration.seconds(60),
      description: 'Writes the built-in clarity personas (custom resource)',
    });
    this.seedFunction = seed.fn;
    this.personasTable.grant(seed.role, 'dynamodb:BatchWriteItem', 'dynamodb:PutItem');
    const providerLogs = new logs.LogGroup(this, 'SeedProviderLogs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy });
    const providerRole = new iam.Role(this, 'SeedProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the custom-resource provider framework that seeds clarity personas',
    });
    providerRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [providerLogs.logGroupArn] }),
    );
    this.seedProvider = new cr.Provider(this, 'SeedPersonasProvider', {
      onEventHandler: this.seedFunction,
      frameworkOnEventRole: providerRole,
      logGroup: providerLogs,
    });
    acknowledge(
      providerRole,
      `IAM5[Resource::${nagResource(this, `${this.seedFunction.functionArn}:*`)}]`,
      'The provider framework (aws-cdk-lib cr.Provider) invokes the seed function through lambda:InvokeFunction on the function and its versions (<arn>:*).',
    );
    acknowledge(
      this.seedProvider,
      'L1',
      "cr.Provider picks its framework function's runtime per region (aws-cdk-lib's LATEST_NODE_RUNTIME fact); it only relays events to the seed function.",
    );
    this.seedPersonas = new CustomResource(this, 'SeedPersonas', {
      serviceToken: this.seedProvider.serviceToken,
      resourceType: 'Custom::ClarityPersonas',
      properties: { PersonasHash: this.personasHash, TableName: this.personasTable.tableName },
    });

    // ---- Notifications ---------------------------------------------------------------------------
    this.topicKey = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the clarity audit notifications topic',
      enableKeyRotation: true,
      removalPolicy,
    });
    this.topic = new sns.Topic(this, 'AuditTopic', { displayName: 'Clarity audits', masterKey: this.topicKey, enforceSSL: true });
    if (props.notificationEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.notificationEmail));
    this.auditCompletedRule = new events.Rule(this, 'AuditCompletedRule', {
      description: 'Clarity AuditCompleted events to the notifications topic',
      eventBus: this.eventBus,
      eventPattern: { source: [AUDIT_EVENT.source], detailType: [AUDIT_EVENT.detailType] },
    });
    // The topic as a target without aws-events-targets' SnsTopic, whose grants to events.amazonaws.com carry no
    // source condition: any rule in any account could then publish through this topic (confused deputy).
    const topic = this.topic;
    this.auditCompletedRule.addTarget({ bind: () => ({ arn: topic.topicArn, targetResource: topic }) });
    const stack = Stack.of(this);
    const fromOwnAccount = { StringEquals: { 'aws:SourceAccount': stack.account } };
    // A service may publish to the topic only for these resources of this account (the rule, the alarms).
    const servicePublishes = (sid: string, service: string, sourceArn: string | string[]): void =>
      void this.topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['sns:Publish'],
          resources: [this.topic.topicArn],
          conditions: { ...fromOwnAccount, ArnEquals: { 'aws:SourceArn': sourceArn } },
        }),
      );
    servicePublishes('AuditCompletedRulePublishes', 'events.amazonaws.com', this.auditCompletedRule.ruleArn);
    // The key policy is part of the key, which the topic (and through it the rule) depends on: it cannot name the
    // rule's ARN without a cycle, so it is held to rules of this account and region.
    const serviceUsesKey = (sid: string, service: string, sourceArn: string): iam.PolicyStatement =>
      new iam.PolicyStatement({
        sid,
        principals: [new iam.ServicePrincipal(service)],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { ...fromOwnAccount, ArnLike: { 'aws:SourceArn': sourceArn } },
      });
    this.topicKey.addToResourcePolicy(serviceUsesKey('EventBridgeRulesOfThisAccount', 'events.amazonaws.com', stack.formatArn({ service: 'events', resource: 'rule', resourceName: '*' })));

    // ---- Alarms ----------------------------------------------------------------------------------
    const alarmTopic = props.alarmTopic ?? this.topic;
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(new cloudwatchActions.SnsAction(alarmTopic));
      return a;
    };
    const minute = Duration.minutes(1);
    this.deadLetterAlarm = alarm(
      'DeadLetterAlarm',
      this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: minute, statistic: cloudwatch.Stats.MAXIMUM }),
      'Clarity: messages in the audit dead-letter queue. Uploads that failed 3 receives were not audited; read the audit function logs, fix, then redrive the DLQ.',
    );
    this.auditErrorsAlarm = alarm(
      'AuditErrorsAlarm',
      this.auditFunction.metricErrors({ period: minute, statistic: cloudwatch.Stats.SUM }),
      'Clarity: the audit function failed invocations (timeouts, crashes). Its messages are retried and may reach the DLQ; read its logs.',
    );
    this.auditThrottlesAlarm = alarm(
      'AuditThrottlesAlarm',
      this.auditFunction.metricThrottles({ period: minute, statistic: cloudwatch.Stats.SUM }),
      'Clarity: the audit function was throttled (account or reserved concurrency). Audits are delayed; sustained throttling can push messages to the DLQ.',
    );
    if (!props.alarmTopic) {
      const alarmArns = [this.deadLetterAlarm, this.auditErrorsAlarm, this.auditThrottlesAlarm].map((a) => a.alarmArn);
      servicePublishes('ClarityAlarmsPublish', 'cloudwatch.amazonaws.com', alarmArns);
      this.topicKey.addToResourcePolicy(serviceUsesKey('CloudWatchAlarmsOfThisAccount', 'cloudwatch.amazonaws.com', stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })));
    }

    // ---- Re-audit --------------------------------------------------------------------------------
    // One SQS message per object, shaped like the S3 event the audit handler already reads.
    const send = new tasks.SqsSendMessage(this, 'QueueAudit', {
      queue: this.queue,
      messageBody: sfn.TaskInput.fromText(sfn.JsonPath.jsonToString(sfn.JsonPath.entirePayload)),
      resultPath: sfn.JsonPath.DISCARD,
    });
    const skip = new sfn.Pass(this, 'SkipFolderMarker');
    const perObject = new sfn.Choice(this, 'IsFolderMarker')
      .when(sfn.Condition.stringMatches('$.Records[0].s3.object.key', '*/'), skip)
      .otherwise(send);
    const map = new sfn.DistributedMap(this, 'ForEachAsset', {
      itemReader: new sfn.S3ObjectsItemReader({ bucket: this.assetsBucket }),
      itemSelector: {
        Records: [
          {
            eventSource: REAUDIT_EVENT_SOURCE,
            s3: {
              bucket: { name: this.assetsBucket.bucketName },
              object: {
                key: sfn.JsonPath.stringAt('$$.Map.Item.Value.Key'),
                eTag: sfn.JsonPath.stringAt('$$.Map.Item.Value.Etag'),
                size: sfn.JsonPath.numberAt('$$.Map.Item.Value.Size'),
              },
            },
          },
        ],
      },
      mapExecutionType: sfn.StateMachineType.EXPRESS,
      maxConcurrency: 100,
      resultPath: sfn.JsonPath.DISCARD,
    });
    map.itemProcessor(perObject);
    this.reauditLogGroup = new logs.LogGroup(this, 'ReauditLogs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy });
    this.reauditStateMachine = new sfn.StateMachine(this, 'ReauditStateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(map),
      timeout: Duration.hours(6),
      tracingEnabled: true,
      logs: { destination: this.reauditLogGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    acknowledge(
      this.reauditStateMachine.role,
      'IAM5[Resource::*]',
      'Step Functions log delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray tracing actions do not support resource-level permissions.',
    );
    const mapPolicy = this.reauditStateMachine.node.tryFindChild('DistributedMapPolicy');
    if (mapPolicy) {
      acknowledgeWildcardResources(
        mapPolicy,
        (actions) => actions.every((a) => ['states:DescribeExecution', 'states:StopExecution', 'states:RedriveExecution'].includes(a)),
        'The Distributed Map describes, stops and redrives the child executions of this state machine only; their ARNs are not known before they start.',
      );
    }
  }

  /** aws-cdk-lib's singleton handler that writes the bucket notification configuration (Custom::S3BucketNotifications). */
  private acknowledgeBucketNotificationsHandler(): void {
    const handler = Stack.of(this).node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (!handler) return;
    acknowledge(
      handler,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'aws-cdk-lib creates the S3 bucket-notifications handler role with the basic execution managed policy (not configurable); it runs only at deployment.',
    );
  }
}
