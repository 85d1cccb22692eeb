import type { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as lambdaNode from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { DEFAULT_REPORTS_PREFIX, ENV } from '../pipeline/contract.ts';
import { AuditAlarms } from './audit-alarms.ts';
import { AuditEvents } from './audit-events.ts';
import { AuditFunction, auditSizing } from './audit-function.ts';
import { IngestQueue } from './ingest-queue.ts';
import { PersonaSeed } from './persona-seed.ts';
import { Reaudit } from './reaudit.ts';
import { ReportApi } from './report-api.ts';
import { composeFlat } from './room.ts';
import { ClarityStores } from './stores.ts';

// Where it was before the split, for those who import it from here.
export { auditSizing };

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

/**
 * Audits every document uploaded to an S3 bucket for clarity against reader personas:
 * S3 → SQS (with DLQ) → audit Lambda → reports in S3 + results in DynamoDB + an
 * EventBridge event → SNS. Also a read-only report API (function URL, IAM auth),
 * a custom resource that seeds the built-in personas and a Step Functions state
 * machine that re-audits the whole bucket.
 *
 * Composed of small constructs, each with secure defaults and usable alone: `stores`, `ingest`, `audit`,
 * `reportApi`, `personaSeed`, `notifications`, `alarms`, `reaudit`. They add no level to logical IDs (lib/infra/room.ts),
 * so the template is the one this construct synthesized before it was split (pinned in test/infra.test.ts).
 */
export class ClarityAuditor extends Construct {
  public readonly stores: ClarityStores;
  public readonly ingest: IngestQueue;
  public readonly audit: AuditFunction;
  public readonly reportApi: ReportApi;
  public readonly personaSeed: PersonaSeed;
  public readonly notifications: AuditEvents;
  public readonly alarms: AuditAlarms;
  public readonly reaudit: Reaudit;

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
    composeFlat(this);
    const { removalPolicy } = props;
    const reportsPrefix = props.reportsPrefix ?? DEFAULT_REPORTS_PREFIX;
    const maxAssetBytes = props.maxAssetBytes ?? 5 * 1024 * 1024;
    const sizing = auditSizing(maxAssetBytes, props.assetTimeBudget);

    // In the order of the resources before the split, so statements that several add to one policy (the topic's) keep theirs.
    this.stores = new ClarityStores(this, 'Stores', { assetsBucket: props.assetsBucket, reportsBucket: props.reportsBucket, removalPolicy });
    const { assetsBucket, reportsBucket, auditsTable, personasTable, glossariesTable } = this.stores;
    this.eventBus = props.eventBus ?? events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.ingest = new IngestQueue(this, 'Ingest', { assetsBucket, consumerTimeout: sizing.timeout });

    const environment: Record<string, string> = {
      [ENV.reportsBucket]: reportsBucket.bucketName,
      [ENV.reportsPrefix]: reportsPrefix,
      [ENV.auditsTable]: auditsTable.tableName,
      [ENV.personasTable]: personasTable.tableName,
      [ENV.glossariesTable]: glossariesTable.tableName,
      [ENV.eventBusName]: this.eventBus.eventBusName,
      [ENV.maxBytes]: String(maxAssetBytes),
      POWERTOOLS_METRICS_NAMESPACE: 'Clarity',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
    };
    const { queue, deadLetterQueue, batchingWindow } = this.ingest;
    this.audit = new AuditFunction(this, 'Audit', { sizing, queue, batchingWindow, stores: this.stores, reportsPrefix, eventBus: this.eventBus, environment, removalPolicy });
    this.reportApi = new ReportApi(this, 'ReportApi', { stores: this.stores, reportsPrefix, environment, removalPolicy });
    this.personaSeed = new PersonaSeed(this, 'PersonaSeed', { personasTable, environment, removalPolicy });
    this.notifications = new AuditEvents(this, 'Notifications', { eventBus: this.eventBus, notificationEmail: props.notificationEmail, removalPolicy });
    this.alarms = new AuditAlarms(this, 'Alarms', { deadLetterQueue, auditFunction: this.audit.lambdaFunction, alarmTopic: props.alarmTopic, notifications: this.notifications });
    this.reaudit = new Reaudit(this, 'Reaudit', { assetsBucket, queue, removalPolicy });

    this.assetsBucket = assetsBucket;
    this.reportsBucket = reportsBucket;
    this.accessLogsBucket = this.stores.accessLogsBucket;
    this.auditsTable = auditsTable;
    this.personasTable = personasTable;
    this.glossariesTable = glossariesTable;
    this.queue = queue;
    this.deadLetterQueue = deadLetterQueue;
    this.auditFunction = this.audit.lambdaFunction;
    this.auditRole = this.audit.role;
    this.reportApiFunction = this.reportApi.lambdaFunction;
    this.reportApiRole = this.reportApi.role;
    this.reportApiUrl = this.reportApi.url;
    this.seedFunction = this.personaSeed.seedFunction;
    this.seedProvider = this.personaSeed.provider;
    this.seedPersonas = this.personaSeed.customResource;
    this.personasHash = this.personaSeed.personasHash;
    this.topicKey = this.notifications.topicKey;
    this.topic = this.notifications.topic;
    this.auditCompletedRule = this.notifications.auditCompletedRule;
    this.deadLetterAlarm = this.alarms.deadLetterAlarm;
    this.auditErrorsAlarm = this.alarms.auditErrorsAlarm;
    this.auditThrottlesAlarm = this.alarms.auditThrottlesAlarm;
    this.reauditStateMachine = this.reaudit.stateMachine;
    this.reauditLogGroup = this.reaudit.logGroup;
  }
}
