import { createHash } from 'node:crypto';
import { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambdaNode from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { BUILTIN_PERSONAS } from '../engine/persona/builtin.ts';
import { clarityFunction } from './clarity-function.ts';
import { acknowledge, nagResource } from './nag.ts';
import { Room, keepLogicalIds } from './room.ts';

export interface PersonaSeedProps {
  /** The table the built-in personas are written to. */
  readonly personasTable: dynamodb.ITable;
  /** The handler's environment (lib/pipeline/contract.ts's ENV). */
  readonly environment: Record<string, string>;
  /** Of its log groups. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A custom resource (functions/seed-personas.ts behind a cr.Provider) that writes the built-in personas to the
 * personas table, again whenever they change. The seed function may only write that table; the provider framework
 * has an own role that may write to its own log group and invoke the seed function.
 */
export class PersonaSeed extends Room {
  public readonly seedFunction: lambdaNode.NodejsFunction;
  public readonly provider: cr.Provider;
  public readonly customResource: CustomResource;
  /** sha256 of the built-in personas; changes re-run the seeding custom resource. */
  public readonly personasHash: string;

  constructor(scope: Construct, id: string, props: PersonaSeedProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.personasHash = createHash('sha256').update(JSON.stringify(BUILTIN_PERSONAS)).digest('hex');
    const seed = clarityFunction(this, 'SeedPersonasFunction', {
      entry: 'seed-personas.ts',
      serviceName: 'clarity-seed-personas',
      memorySize: 256,
      timeout: Duration.seconds(60),
      description: 'Writes the built-in clarity personas (custom resource)',
      environment: props.environment,
      removalPolicy,
    });
    this.seedFunction = seed.fn;
    props.personasTable.grant(seed.role, 'dynamodb:BatchWriteItem', 'dynamodb:PutItem');
    const providerLogs = new logs.LogGroup(this, 'SeedProviderLogs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy });
    const providerRole = new iam.Role(this, 'SeedProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the custom-resource provider framework that seeds clarity personas',
    });
    providerRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [providerLogs.logGroupArn] }),
    );
    this.provider = new cr.Provider(this, 'SeedPersonasProvider', {
      onEventHandler: this.seedFunction,
      frameworkOnEventRole: providerRole,
      logGroup: providerLogs,
    });
    this.customResource = new CustomResource(this, 'SeedPersonas', {
      serviceToken: this.provider.serviceToken,
      resourceType: 'Custom::ClarityPersonas',
      properties: { PersonasHash: this.personasHash, TableName: props.personasTable.tableName },
    });
    keepLogicalIds(this);
    acknowledge(
      providerRole,
      `IAM5[Resource::${nagResource(this, `${this.seedFunction.functionArn}:*`)}]`,
      'The provider framework (aws-cdk-lib cr.Provider) invokes the seed function through lambda:InvokeFunction on the function and its versions (<arn>:*).',
    );
    acknowledge(
      this.provider,
      'L1',
      "cr.Provider picks its framework function's runtime per region (aws-cdk-lib's LATEST_NODE_RUNTIME fact); it only relays events to the seed function.",
    );
  }
}
