import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AUDITS_TABLE, GLOSSARIES_TABLE, PERSONAS_TABLE } from '../pipeline/contract.ts';
import { acknowledge } from './nag.ts';
import { Room, keepLogicalIds } from './room.ts';

export interface ClarityStoresProps {
  /** Bucket the content teams upload assets to. @default - a new versioned, encrypted, SSL-only bucket with access logs */
  readonly assetsBucket?: s3.IBucket;
  /** Bucket the audit reports are written to. @default - a new encrypted, SSL-only bucket with access logs */
  readonly reportsBucket?: s3.IBucket;
  /** Of the buckets and tables it creates. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Where clarity keeps things: the assets and reports buckets (private, SSE-S3, TLS only, ACLs disabled, access
 * logged) and the audits, personas and glossaries tables (on demand, PITR, AWS-managed encryption), with the keys
 * and indexes of lib/pipeline/contract.ts. Grants read access to the tables as named statements.
 */
export class ClarityStores extends Room {
  public readonly assetsBucket: s3.IBucket;
  public readonly reportsBucket: s3.IBucket;
  /** The server access logs bucket, when this construct created a bucket that logs to it. */
  public readonly accessLogsBucket?: s3.Bucket;
  public readonly auditsTable: dynamodb.Table;
  public readonly personasTable: dynamodb.Table;
  /** Team glossaries, written by `clarity terms push` (with the operator's credentials); the functions only read it. */
  public readonly glossariesTable: dynamodb.Table;

  constructor(scope: Construct, id: string, props: ClarityStoresProps = {}) {
    super(scope, id);
    // Grant log delivery with a bucket policy instead of the LogDeliveryWrite ACL, so every bucket can keep ACLs disabled.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    if (!props.assetsBucket || !props.reportsBucket) {
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
    keepLogicalIds(this);
  }

  /** Reads of the audits table and its indexes (no scan: the API pages through the indexes). */
  public grantReadAudits(role: iam.IRole): void {
    const indexArns = [AUDITS_TABLE.byPersonaScore, AUDITS_TABLE.byRecent].map((i) => `${this.auditsTable.tableArn}/index/${i.indexName}`);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAudits',
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'],
        resources: [this.auditsTable.tableArn, ...indexArns],
      }),
    );
  }

  public grantReadPersonas(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadPersonas',
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:DescribeTable'],
        resources: [this.personasTable.tableArn],
      }),
    );
  }

  /** The audit function queries a team's glossaries; the report API also scans them all (GET /glossaries). */
  public grantReadGlossaries(role: iam.IRole, actions: ('dynamodb:Query' | 'dynamodb:Scan')[]): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadGlossaries', actions, resources: [this.glossariesTable.tableArn] }));
  }
}
