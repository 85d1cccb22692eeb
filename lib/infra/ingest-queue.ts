import { Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.ts';
import { Room, keepLogicalIds } from './room.ts';

export interface IngestQueueProps {
  /** Its ObjectCreated notifications are queued. */
  readonly assetsBucket: s3.IBucket;
  /** The timeout of the function that consumes the queue, which the visibility timeout follows. */
  readonly consumerTimeout: Duration;
  /** How long the consumer gathers records into a batch. @default 5 seconds */
  readonly batchingWindow?: Duration;
}

/**
 * S3 ObjectCreated notifications of the assets bucket into an SQS queue (SSE-SQS, TLS only, kept 4 days) with a
 * dead-letter queue after 3 receives (kept 14 days).
 */
export class IngestQueue extends Room {
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  /** For the consumer's event source: the visibility timeout allows for it. */
  public readonly batchingWindow: Duration;

  constructor(scope: Construct, id: string, props: IngestQueueProps) {
    super(scope, id);
    this.batchingWindow = props.batchingWindow ?? Duration.seconds(5);
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
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6 + this.batchingWindow.toSeconds()),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });
    props.assetsBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue));
    keepLogicalIds(this);
    this.acknowledgeBucketNotificationsHandler();
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
