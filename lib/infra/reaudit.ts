import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { REAUDIT_EVENT_SOURCE } from '../pipeline/contract.ts';
import { acknowledge, acknowledgeWildcardResources } from './nag.ts';
import { Room, keepLogicalIds } from './room.ts';

export interface ReauditProps {
  /** Every object in it is re-audited. */
  readonly assetsBucket: s3.IBucket;
  /** The audit queue the re-audit messages go to. */
  readonly queue: sqs.IQueue;
  /** Of its log group. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A Step Functions standard state machine (6 h timeout, traced, logged) that re-audits the whole assets bucket: a
 * Distributed Map over its objects (express child executions, at most 100 at once) skips folder markers and sends
 * one S3-event-shaped message per object to the audit queue. No Lambda on the way.
 */
export class Reaudit extends Room {
  public readonly stateMachine: sfn.StateMachine;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ReauditProps) {
    super(scope, id);
    // One SQS message per object, shaped like the S3 event the audit handler already reads.
    const send = new tasks.SqsSendMessage(this, 'QueueAudit', {
      queue: props.queue,
      messageBody: sfn.TaskInput.fromText(sfn.JsonPath.jsonToString(sfn.JsonPath.entirePayload)),
      resultPath: sfn.JsonPath.DISCARD,
    });
    const skip = new sfn.Pass(this, 'SkipFolderMarker');
    const perObject = new sfn.Choice(this, 'IsFolderMarker').when(sfn.Condition.stringMatches('$.Records[0].s3.object.key', '*/'), skip).otherwise(send);
    const map = new sfn.DistributedMap(this, 'ForEachAsset', {
      itemReader: new sfn.S3ObjectsItemReader({ bucket: props.assetsBucket }),
      itemSelector: {
        Records: [
          {
            eventSource: REAUDIT_EVENT_SOURCE,
            s3: {
              bucket: { name: props.assetsBucket.bucketName },
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
    this.logGroup = new logs.LogGroup(this, 'ReauditLogs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN });
    this.stateMachine = new sfn.StateMachine(this, 'ReauditStateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(map),
      timeout: Duration.hours(6),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    keepLogicalIds(this);
    acknowledge(
      this.stateMachine.role,
      'IAM5[Resource::*]',
      'Step Functions log delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray tracing actions do not support resource-level permissions.',
    );
    const mapPolicy = this.stateMachine.node.tryFindChild('DistributedMapPolicy');
    if (mapPolicy) {
      acknowledgeWildcardResources(
        mapPolicy,
        (actions) => actions.every((a) => ['states:DescribeExecution', 'states:StopExecution', 'states:RedriveExecution'].includes(a)),
        'The Distributed Map describes, stops and redrives the child executions of this state machine only; their ARNs are not known before they start.',
      );
    }
  }
}
