import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { AUDIT_EVENT } from '../pipeline/contract.ts';
import { Room, keepLogicalIds } from './room.ts';

export interface AuditEventsProps {
  /** The bus the audit function puts AuditCompleted events on. */
  readonly eventBus: events.IEventBus;
  /** Subscribe this address to the topic. @default - no subscription */
  readonly notificationEmail?: string;
  /** Of the topic's key. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * AuditCompleted events from the bus to an SNS topic encrypted with its own rotating KMS key, TLS only. Services
 * may publish to the topic, and use its key, only from resources of this account (no confused deputy).
 */
export class AuditEvents extends Room {
  public readonly topicKey: kms.Key;
  public readonly topic: sns.Topic;
  public readonly auditCompletedRule: events.Rule;

  constructor(scope: Construct, id: string, props: AuditEventsProps) {
    super(scope, id);
    this.topicKey = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the clarity audit notifications topic',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.topic = new sns.Topic(this, 'AuditTopic', { displayName: 'Clarity audits', masterKey: this.topicKey, enforceSSL: true });
    if (props.notificationEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.notificationEmail));
    this.auditCompletedRule = new events.Rule(this, 'AuditCompletedRule', {
      description: 'Clarity AuditCompleted events to the notifications topic',
      eventBus: props.eventBus,
      eventPattern: { source: [AUDIT_EVENT.source], detailType: [AUDIT_EVENT.detailType] },
    });
    // The topic as a target without aws-events-targets' SnsTopic, whose grants to events.amazonaws.com carry no
    // source condition: any rule in any account could then publish through this topic (confused deputy).
    const topic = this.topic;
    this.auditCompletedRule.addTarget({ bind: () => ({ arn: topic.topicArn, targetResource: topic }) });
    // The key policy is part of the key, which the topic (and through it the rule) depends on: it cannot name the
    // rule's ARN without a cycle, so it is held to rules of this account and region.
    this.allowPublishing('events.amazonaws.com', { topicSid: 'AuditCompletedRulePublishes', sources: this.auditCompletedRule.ruleArn }, {
      keySid: 'EventBridgeRulesOfThisAccount',
      sources: Stack.of(this).formatArn({ service: 'events', resource: 'rule', resourceName: '*' }),
    });
    keepLogicalIds(this);
  }

  /**
   * Lets `service` publish to the topic for the resources `topic.sources` (ArnEquals) and use the topic's key for
   * those matching `key.sources` (ArnLike), both of this account only.
   */
  public allowPublishing(service: string, topic: { topicSid: string; sources: string | string[] }, key: { keySid: string; sources: string }): void {
    const fromOwnAccount = { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } };
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: topic.topicSid,
        principals: [new iam.ServicePrincipal(service)],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ...fromOwnAccount, ArnEquals: { 'aws:SourceArn': topic.sources } },
      }),
    );
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: key.keySid,
        principals: [new iam.ServicePrincipal(service)],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { ...fromOwnAccount, ArnLike: { 'aws:SourceArn': key.sources } },
      }),
    );
  }
}
