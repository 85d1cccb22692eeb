import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as lambdaNode from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { clarityFunction } from './clarity-function.ts';
import { acknowledge, nagResource } from './nag.ts';
import { Room, keepLogicalIds } from './room.ts';
import type { ClarityStores } from './stores.ts';

export interface ReportApiProps {
  /** Audits, personas and glossaries it reads, and reports it serves. */
  readonly stores: ClarityStores;
  /** Key prefix the reports are stored under: the only keys it may read. */
  readonly reportsPrefix: string;
  /** The handler's environment (lib/pipeline/contract.ts's ENV). */
  readonly environment: Record<string, string>;
  /** Of its log group. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The read-only report API (functions/report-api.ts) behind a function URL that takes SigV4-signed requests only
 * (IAM auth). Its role reads audits, personas and glossaries and GetObjects reports under the prefix; nothing else.
 */
export class ReportApi extends Room {
  public readonly lambdaFunction: lambdaNode.NodejsFunction;
  public readonly role: iam.Role;
  public readonly url: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: ReportApiProps) {
    super(scope, id);
    const { stores } = props;
    const { fn, role } = clarityFunction(this, 'ReportApiFunction', {
      entry: 'report-api.ts',
      serviceName: 'clarity-report-api',
      memorySize: 512,
      timeout: Duration.seconds(15),
      description: 'Read-only clarity report API (function URL, IAM auth)',
      environment: props.environment,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.lambdaFunction = fn;
    this.role = role;
    stores.grantReadAudits(role);
    stores.grantReadPersonas(role);
    stores.grantReadGlossaries(role, ['dynamodb:Query', 'dynamodb:Scan']);
    // GetObject only, no ListBucket: a missing report then reads as 403, which the API answers as "report missing".
    // The presigned URLs it hands out for large reports are signed with this role, so they can read reports only.
    const reportObjects = stores.reportsBucket.arnForObjects(`${props.reportsPrefix}*`);
    role.addToPolicy(new iam.PolicyStatement({ sid: 'ReadReports', actions: ['s3:GetObject'], resources: [reportObjects] }));
    stores.reportsBucket.encryptionKey?.grantDecrypt(role);
    acknowledge(
      role,
      `IAM5[Resource::${nagResource(this, reportObjects)}]`,
      'The report API serves any stored report, so it may read (GetObject only) every key under the reports prefix.',
    );
    this.url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    new CfnOutput(this, 'ReportApiUrl', { value: this.url.url, description: 'Report API URL (SigV4-signed requests only)' });
    keepLogicalIds(this);
  }
}
