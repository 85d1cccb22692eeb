import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { AuditEvents } from './audit-events.ts';
import { Room, keepLogicalIds } from './room.ts';

export interface AuditAlarmsProps {
  readonly deadLetterQueue: sqs.IQueue;
  readonly auditFunction: lambda.IFunction;
  /** Where the alarms are sent. @default - the audit notifications topic, which is then opened to these alarms */
  readonly alarmTopic?: sns.ITopic;
  /** The audit notifications: the default alarm topic. */
  readonly notifications: AuditEvents;
}

/** Operational alarms, each above 0 in a minute and quiet without data: dead letters, audit errors, audit throttles. */
export class AuditAlarms extends Room {
  /** ApproximateNumberOfMessagesVisible of the dead-letter queue above 0: an upload that could not be audited. */
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  /** The audit function's invocation errors (timeouts, crashes) above 0. */
  public readonly auditErrorsAlarm: cloudwatch.Alarm;
  /** The audit function's throttles above 0. */
  public readonly auditThrottlesAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AuditAlarmsProps) {
    super(scope, id);
    const alarmTopic = props.alarmTopic ?? props.notifications.topic;
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
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: minute, statistic: cloudwatch.Stats.MAXIMUM }),
      'Clarity: messages in the audit dead-letter queue. Uploads that failed 3 receives were not audited; read the audit function logs, fix, then redrive the DLQ.',
    );
    this.auditErrorsAlarm = alarm(
      'AuditErrorsAlarm',
      props.auditFunction.metricErrors({ period: minute, statistic: cloudwatch.Stats.SUM }),
      'Clarity: the audit function failed invocations (timeouts, crashes). Its messages are retried and may reach the DLQ; read its logs.',
    );
    this.auditThrottlesAlarm = alarm(
      'AuditThrottlesAlarm',
      props.auditFunction.metricThrottles({ period: minute, statistic: cloudwatch.Stats.SUM }),
      'Clarity: the audit function was throttled (account or reserved concurrency). Audits are delayed; sustained throttling can push messages to the DLQ.',
    );
    if (!props.alarmTopic) {
      props.notifications.allowPublishing(
        'cloudwatch.amazonaws.com',
        { topicSid: 'ClarityAlarmsPublish', sources: [this.deadLetterAlarm, this.auditErrorsAlarm, this.auditThrottlesAlarm].map((a) => a.alarmArn) },
        {
          keySid: 'CloudWatchAlarmsOfThisAccount',
          sources: Stack.of(this).formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
        },
      );
    }
    keepLogicalIds(this);
  }
}
