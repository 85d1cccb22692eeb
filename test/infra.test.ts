import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { ClarityAuditor, auditSizing } from '../lib/infra/clarity-auditor.ts';
import { ClarityStack } from '../lib/infra/clarity-stack.ts';
import { buildAuditLambda } from '../bench/pipeline.ts';
import { IngestQueue } from '../lib/infra/ingest-queue.ts';
import { applyNag } from '../lib/infra/nag.ts';
import { Reaudit } from '../lib/infra/reaudit.ts';
import { ClarityStores } from '../lib/infra/stores.ts';
import { AUDIT_EVENT, AUDIT_SIZING, AUDITS_TABLE, ENV, GLOSSARIES_TABLE, GLOSSARY_CACHE_SECONDS, PERSONAS_TABLE, REAUDIT_EVENT_SOURCE, assetBudgetSeconds } from '../lib/pipeline/contract.ts';

/** Context that makes NodejsFunction skip esbuild (a placeholder asset) where the test is about the template only. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Apps write their cloud assemblies (and bundles) to temporary directories removed after the run. */
const outdirs: string[] = [];
function newApp(context: Record<string, unknown> = {}): App {
  const outdir = mkdtempSync(join(tmpdir(), 'clarity-infra-'));
  outdirs.push(outdir);
  return new App({ outdir, context });
}
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

const logicalId = (c: IConstruct): string => Stack.of(c).getLogicalId(c.node.defaultChild as never);
const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** Every Allow statement of the inline policies attached to a role. */
function roleStatements(template: Template, roleId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  return policies
    .filter((p) => JSON.stringify(p.Properties?.Roles ?? []).includes(`"${roleId}"`))
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((s) => s.Effect === 'Allow');
}
const actionsOf = (s: Statement): string[] => asArray(s.Action);
const resourcesOf = (s: Statement): unknown[] => asArray(s.Resource);
const mentions = (resource: unknown, id: string): boolean => JSON.stringify(resource).includes(`"${id}"`);

/** The state machine definition as an object; CloudFormation references become `<Ref:…>` / `<GetAtt:…>` placeholders. */
function definitionOf(template: Template): Record<string, unknown> {
  const [sm] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as Resource[];
  const def = sm?.Properties?.DefinitionString as { 'Fn::Join': [string, unknown[]] };
  const text = def['Fn::Join'][1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const o = part as { Ref?: string; 'Fn::GetAtt'?: string[] };
      return o.Ref ? `<Ref:${o.Ref}>` : `<GetAtt:${(o['Fn::GetAtt'] ?? []).join('.')}>`;
    })
    .join('');
  return JSON.parse(text) as Record<string, unknown>;
}

describe('ClarityStack (bundled once)', () => {
  let stack: ClarityStack;
  let template: Template;
  let ids: { assets: string; reports: string; logs: string; queue: string; dlq: string; audits: string; personas: string; glossaries: string; topic: string; auditRole: string; apiRole: string; seedRole: string };

  beforeAll(() => {
    const app = newApp();
    stack = new ClarityStack(app, 'Clarity');
    template = Template.fromStack(stack);
    const a = stack.auditor;
    ids = {
      assets: logicalId(a.assetsBucket),
      reports: logicalId(a.reportsBucket),
      logs: logicalId(a.accessLogsBucket as s3.Bucket),
      queue: logicalId(a.queue),
      dlq: logicalId(a.deadLetterQueue),
      audits: logicalId(a.auditsTable),
      personas: logicalId(a.personasTable),
      glossaries: logicalId(a.glossariesTable),
      topic: logicalId(a.topic),
      auditRole: logicalId(a.auditRole),
      apiRole: logicalId(a.reportApiRole),
      seedRole: logicalId(a.seedFunction.role as never),
    };
  }, 60_000);

  it('creates the expected resources', () => {
    template.resourceCountIs('AWS::S3::Bucket', 3); // assets, reports, access logs
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.resourceCountIs('AWS::DynamoDB::Table', 3);
    // audit, report API, seed + the cr.Provider framework + aws-cdk-lib's bucket-notifications handler
    template.resourceCountIs('AWS::Lambda::Function', 5);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.resourceCountIs('Custom::ClarityPersonas', 1);
    template.hasOutput('AssetsBucketName', Match.anyValue());
    template.hasOutput('ReportsBucketName', Match.anyValue());
    template.hasOutput('ApiUrl', Match.anyValue());
    template.hasOutput('GlossariesTableName', { Value: { Ref: ids.glossaries } });
    template.hasOutput('ReauditStateMachineArn', Match.anyValue());
  });

  it('makes the assets bucket versioned, encrypted, private, logged and SSL-only; data is retained', () => {
    const assets = template.toJSON().Resources[ids.assets];
    expect(assets).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LoggingConfiguration: { DestinationBucketName: { Ref: ids.logs } },
      },
    });
    for (const bucket of [ids.assets, ids.reports, ids.logs]) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucket },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
    for (const table of [ids.audits, ids.personas]) expect(template.toJSON().Resources[table].DeletionPolicy).toBe('Retain');
  });

  it('queues S3 ObjectCreated notifications with SSE, TLS only and a dead-letter queue after 3 receives', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.dlq, 'Arn'] }, maxReceiveCount: 3 },
    });
    const queue = template.toJSON().Resources[ids.queue].Properties as { VisibilityTimeout: number };
    const timeout = (template.toJSON().Resources[logicalId(stack.auditor.auditFunction)] as Resource).Properties?.Timeout as number;
    // AWS's guidance for SQS event sources: 6 × the function timeout (+ the batching window).
    expect(queue.VisibilityTimeout).toBe(6 * timeout + 5);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    for (const q of [ids.queue, ids.dlq]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: q }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: ids.assets },
      NotificationConfiguration: { QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] } }] },
    });
  });

  it('runs the audit function on Node 22 / arm64 with tracing and the contract environment', () => {
    const fn = template.toJSON().Resources[logicalId(stack.auditor.auditFunction)] as Resource;
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: 2048,
      Timeout: 5 * 50 + AUDIT_SIZING.writeMarginSeconds,
      Handler: 'index.handler',
    });
    const vars = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(vars).sort()).toEqual(
      [...Object.values(ENV), 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_LOG_LEVEL', 'NODE_OPTIONS'].sort(),
    );
    expect(vars).toMatchObject({
      [ENV.reportsBucket]: { Ref: ids.reports },
      [ENV.reportsPrefix]: 'reports/',
      [ENV.auditsTable]: { Ref: ids.audits },
      [ENV.personasTable]: { Ref: ids.personas },
      [ENV.glossariesTable]: { Ref: ids.glossaries },
      [ENV.glossaryCacheSeconds]: String(GLOSSARY_CACHE_SECONDS),
      [ENV.eventBusName]: 'default',
      [ENV.maxBytes]: String(5 * 1024 * 1024),
      [ENV.assetBudgetMs]: '50000',
      POWERTOOLS_SERVICE_NAME: 'clarity-audit',
      POWERTOOLS_METRICS_NAMESPACE: 'Clarity',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
      BatchSize: 5,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // The three handler functions share runtime, architecture and tracing.
    const a = stack.auditor;
    const own = [a.auditFunction, a.reportApiFunction, a.seedFunction].map((f) => template.toJSON().Resources[logicalId(f)] as Resource);
    for (const f of own) expect(f.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
  });

  it('sizes the audit function so a whole batch of the largest assets fits its timeout (issue 15)', () => {
    const fn = (template.toJSON().Resources[logicalId(stack.auditor.auditFunction)] as Resource).Properties as { Timeout: number; MemorySize: number; Environment: { Variables: Record<string, string> } };
    const [mapping] = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')) as Resource[];
    const batch = mapping!.Properties!.BatchSize as number;
    const budget = Number(fn.Environment.Variables[ENV.assetBudgetMs]) / 1000;
    expect(budget).toBe(assetBudgetSeconds(5 * 1024 * 1024));
    expect(batch * budget + AUDIT_SIZING.writeMarginSeconds).toBeLessThanOrEqual(fn.Timeout);
    // At least one full vCPU (1769 MB) for a single-threaded audit.
    expect(fn.MemorySize).toBeGreaterThanOrEqual(1769);
    // Bigger assets: a bigger budget, fewer records per batch, never past Lambda's 15 minutes.
    for (const mib of [1, 5, 10, 20, 50, 100]) {
      const s = auditSizing(mib * 1024 * 1024);
      expect(s.batchSize).toBeGreaterThanOrEqual(1);
      expect(s.batchSize).toBeLessThanOrEqual(10);
      expect(s.timeout.toSeconds()).toBeLessThanOrEqual(900);
      expect(s.timeout.toSeconds()).toBeGreaterThanOrEqual(s.batchSize * s.budgetSeconds + AUDIT_SIZING.writeMarginSeconds);
    }
    expect(auditSizing(5 * 1024 * 1024, Duration.minutes(5))).toMatchObject({ budgetSeconds: 300, batchSize: 2 });
    expect(() => auditSizing(200 * 1024 * 1024)).toThrow(/does not fit in Lambda's 900 s/);
  });

  it('alarms on dead letters, audit function errors and throttles, to the encrypted topic (issue 15)', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>;
    const byMetric = (name: string) => Object.values(alarms).find((a) => a.Properties?.MetricName === name)?.Properties;
    const dlq = byMetric('ApproximateNumberOfMessagesVisible');
    expect(dlq).toMatchObject({
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.dlq, 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: ids.topic }],
    });
    for (const metric of ['Errors', 'Throttles']) {
      expect(byMetric(metric), metric).toMatchObject({
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.auditor.auditFunction) } }],
        Statistic: 'Sum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: ids.topic }],
      });
    }
    expect(Object.values(alarms).every((a) => typeof a.Properties?.AlarmDescription === 'string')).toBe(true);
    // The topic is encrypted with the construct's key, and CloudWatch may publish to it (these alarms only) and use the key.
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stack.auditor.topicKey), 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnEquals: { 'aws:SourceArn': Object.keys(alarms).map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })) } },
          }),
        ]),
      },
    });
  });

  it('grants services the topic and its key only with a source condition (no confused deputy, issue 15)', () => {
    const [topicPolicy] = Object.values(template.findResources('AWS::SNS::TopicPolicy')) as Resource[];
    const keyPolicy = (template.toJSON().Resources[logicalId(stack.auditor.topicKey)] as Resource).Properties?.KeyPolicy as { Statement: (Statement & { Principal?: { Service?: string }; Condition?: Record<string, Record<string, unknown>> })[] };
    const statements = [...(topicPolicy!.Properties!.PolicyDocument as typeof keyPolicy).Statement, ...keyPolicy.Statement];
    const toServices = statements.filter((s) => s.Effect === 'Allow' && s.Principal?.Service);
    expect(toServices.map((s) => s.Principal!.Service).sort()).toEqual(['cloudwatch.amazonaws.com', 'cloudwatch.amazonaws.com', 'events.amazonaws.com', 'events.amazonaws.com']);
    for (const s of toServices) {
      expect(s.Condition?.StringEquals?.['aws:SourceAccount'], JSON.stringify(s)).toEqual({ Ref: 'AWS::AccountId' });
      const source = s.Condition?.ArnEquals?.['aws:SourceArn'] ?? s.Condition?.ArnLike?.['aws:SourceArn'];
      expect(source, JSON.stringify(s)).toBeDefined();
    }
    // EventBridge publishes to the topic from the AuditCompleted rule only.
    const events = toServices.find((s) => s.Principal!.Service === 'events.amazonaws.com' && actionsOf(s).includes('sns:Publish'));
    expect(events?.Condition?.ArnEquals?.['aws:SourceArn']).toEqual({ 'Fn::GetAtt': [logicalId(stack.auditor.auditCompletedRule), 'Arn'] });
    // Nothing else in the key policy is granted to anyone but the account.
    for (const s of keyPolicy.Statement.filter((x) => !x.Principal?.Service)) expect(JSON.stringify(s.Principal)).toContain(':root');
  });

  it('creates the tables on demand with PITR, AWS-managed encryption and the contract keys and indexes', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      KeySchema: [
        { AttributeName: GLOSSARIES_TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: GLOSSARIES_TABLE.sortKey, KeyType: 'RANGE' },
      ],
    });
    expect(template.toJSON().Resources[ids.glossaries]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      KeySchema: [{ AttributeName: PERSONAS_TABLE.partitionKey, KeyType: 'HASH' }],
    });
    const gsi = (i: { indexName: string; partitionKey: string; sortKey: string }) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      KeySchema: [
        { AttributeName: AUDITS_TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: AUDITS_TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [gsi(AUDITS_TABLE.byPersonaScore), gsi(AUDITS_TABLE.byRecent)],
    });
  });

  it('serves the report API through an IAM-authenticated function URL', () => {
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
    expect(template.findResources('AWS::Lambda::Url', { Properties: { AuthType: 'NONE' } })).toEqual({});
  });

  it('routes AuditCompleted events from the bus to the encrypted SNS topic', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: { source: [AUDIT_EVENT.source], 'detail-type': [AUDIT_EVENT.detailType] },
      Targets: [Match.objectLike({ Arn: { Ref: ids.topic } })],
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' } })]) },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('re-audits with a Distributed Map over ListObjectsV2 that sends S3-event-shaped SQS messages', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
    const def = definitionOf(template) as { StartAt: string; States: Record<string, Record<string, unknown>> };
    const map = def.States[def.StartAt] as {
      Type: string;
      ItemReader: { Resource: string; Parameters: { Bucket: string } };
      ItemSelector: unknown;
      ItemProcessor: { ProcessorConfig: { Mode: string }; States: Record<string, { Type: string; Resource?: string; Parameters?: Record<string, string> }> };
    };
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    expect(map.ItemReader.Resource).toMatch(/:states:::s3:listObjectsV2$/);
    expect(map.ItemReader.Parameters.Bucket).toBe(`<Ref:${ids.assets}>`);
    expect(map.ItemSelector).toEqual({
      Records: [
        {
          eventSource: REAUDIT_EVENT_SOURCE,
          s3: {
            bucket: { name: `<Ref:${ids.assets}>` },
            object: { 'key.$': '$$.Map.Item.Value.Key', 'eTag.$': '$$.Map.Item.Value.Etag', 'size.$': '$$.Map.Item.Value.Size' },
          },
        },
      ],
    });
    const send = Object.values(map.ItemProcessor.States).find((s) => s.Type === 'Task');
    expect(send?.Resource).toMatch(/:states:::sqs:sendMessage$/);
    expect(send?.Parameters).toEqual({ QueueUrl: `<Ref:${ids.queue}>`, 'MessageBody.$': 'States.JsonToString($)' });
    // No Lambda anywhere in the re-audit path.
    expect(JSON.stringify(def)).not.toMatch(/lambda/i);
  });

  it('seeds the built-in personas with a custom resource that changes when they do', () => {
    const hash = createHash('sha256').update(JSON.stringify(BUILTIN_PERSONAS)).digest('hex');
    template.hasResourceProperties('Custom::ClarityPersonas', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('framework'), 'Arn'] },
      PersonasHash: hash,
      TableName: { Ref: ids.personas },
    });
    const writes = roleStatements(template, ids.seedRole).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(writes.flatMap(actionsOf).sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:PutItem']);
    for (const s of writes) for (const r of resourcesOf(s)) expect(mentions(r, ids.personas)).toBe(true);
  });

  describe('least privilege', () => {
    it('lets the functions only read the glossaries table: the audit function queries a team, the API also scans', () => {
      const onGlossaries = (roleId: string) =>
        roleStatements(template, roleId)
          .filter((s) => resourcesOf(s).some((r) => mentions(r, ids.glossaries)))
          .flatMap(actionsOf)
          .sort();
      expect(onGlossaries(ids.auditRole)).toEqual(['dynamodb:Query']);
      expect(onGlossaries(ids.apiRole)).toEqual(['dynamodb:Query', 'dynamodb:Scan']);
      expect(onGlossaries(ids.seedRole)).toEqual([]);
    });

    it('lets the audit function read assets, write reports, read/write audits (no delete), read personas', () => {
      const statements = roleStatements(template, ids.auditRole);
      const grants = (action: string, id: string) => statements.some((s) => actionsOf(s).includes(action) && resourcesOf(s).some((r) => mentions(r, id)));
      expect(grants('s3:GetObject', ids.assets)).toBe(true);
      expect(grants('s3:PutObject', ids.reports)).toBe(true);
      expect(grants('dynamodb:PutItem', ids.audits)).toBe(true);
      expect(grants('dynamodb:UpdateItem', ids.audits)).toBe(true);
      expect(grants('dynamodb:Scan', ids.personas)).toBe(true);
      expect(statements.some((s) => actionsOf(s).includes('events:PutEvents'))).toBe(true);
      expect(statements.some((s) => actionsOf(s).includes('sqs:DeleteMessage') && resourcesOf(s).some((r) => mentions(r, ids.queue)))).toBe(true);

      for (const s of statements) {
        const actions = actionsOf(s);
        const resources = resourcesOf(s);
        const onAssets = resources.some((r) => mentions(r, ids.assets));
        const onReports = resources.some((r) => mentions(r, ids.reports));
        if (onAssets) expect(actions.filter((a) => /^s3:(Put|Delete|\*)|^s3:\*$/.test(a))).toEqual([]);
        if (onReports) expect(actions.filter((a) => /^s3:(Get|List|\*)/.test(a))).toEqual([]);
        expect(actions).not.toContain('dynamodb:DeleteItem');
        expect(actions).not.toContain('dynamodb:*');
        if (resources.some((r) => mentions(r, ids.personas))) expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
        if (actions.some((a) => a.startsWith('dynamodb:') || a.startsWith('s3:'))) expect(resources).not.toContain('*');
      }
    });

    it('gives the report API read-only access', () => {
      const statements = roleStatements(template, ids.apiRole);
      const actions = statements.flatMap(actionsOf);
      expect(actions).toContain('s3:GetObject');
      expect(actions).toContain('dynamodb:Query');
      expect(actions.filter((a) => /^s3:(Put|Delete|\*)|^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|\*)$/.test(a))).toEqual([]);
      for (const s of statements) {
        if (actionsOf(s).some((a) => a.startsWith('dynamodb:') || a.startsWith('s3:'))) expect(resourcesOf(s)).not.toContain('*');
        if (actionsOf(s).includes('s3:GetObject')) expect(resourcesOf(s).every((r) => mentions(r, ids.reports))).toBe(true);
      }
      // As the README says: GetObject on the reports prefix, no listing of the bucket (issue 15).
      const s3Actions = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
      expect(s3Actions.flatMap(actionsOf)).toEqual(['s3:GetObject']);
      expect(s3Actions.flatMap(resourcesOf).map((r) => JSON.stringify(r))).toEqual([JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.reports, 'Arn'] }, '/reports/*']] })]);
    });

    it('attaches no AWS managed policies to the handler roles', () => {
      for (const role of [ids.auditRole, ids.apiRole, ids.seedRole]) {
        expect(template.toJSON().Resources[role].Properties.ManagedPolicyArns).toBeUndefined();
      }
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes with every finding acknowledged for a written reason', () => {
    const app = newApp(NO_BUNDLING);
    const stack = new ClarityStack(app, 'Clarity');
    const checks = applyNag(app);
    // cdk-nag 3 reports through CDK policy validation: an unacknowledged error or warning makes synth throw.
    expect(() => app.synth()).not.toThrow();
    expect(checks.validateScope(app).violations).toEqual([]);

    const acks: { path: string; id: string; reason: string }[] = [];
    for (const c of app.node.findAll()) {
      for (const m of c.node.metadata) {
        if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(m.data as Record<string, string>)) acks.push({ path: c.node.path, id, reason });
      }
    }
    expect(acks.length).toBeGreaterThan(5);
    for (const a of acks) {
      expect(a.id, a.path).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThanOrEqual(20);
    }
    // The reasons reach the template as an audit trail.
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).toContain('rules_to_suppress');
  });

  it('is really wired in: an unencrypted, unlogged bucket fails synth', () => {
    const app = newApp(NO_BUNDLING);
    new s3.Bucket(new Stack(app, 'Bad'), 'Bucket');
    const checks = applyNag(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*AwsSolutions-S10/);
    const rules = checks.validateScope(app).violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });
});

/**
 * The whole synthesized template, pinned in test/fixtures/infra/ (issue 14: the construct split into small constructs
 * must synthesize the same template). Logical IDs are kept identical rather than mapped: a deployed stack whose
 * logical IDs change replaces those resources, and the retained buckets and tables would be orphaned for new, empty
 * ones. Only the Lambda code's S3 keys (content hashes of the bundles) and the order of object keys and DependsOn
 * are normalised. cdk-nag runs, so each acknowledgement's reason is pinned on the resource it covers. After an
 * intended change, review the diff and rewrite the files with `npx vitest run test/infra.test.ts -u`.
 */
describe('the synthesized template', () => {
  const ASSET_KEY = /^[0-9a-f]{64}\.zip$/;
  // Object keys and DependsOn sorted: the order resources are created in is not part of the template's meaning (other
  // arrays keep theirs).
  const normalise = (key: string, value: unknown): unknown => {
    if (key === 'S3Key' && typeof value === 'string' && ASSET_KEY.test(value)) return '<asset hash>.zip';
    if (key === 'DependsOn' && Array.isArray(value)) return [...(value as string[])].sort();
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  const normalised = (template: Template): string => JSON.stringify(template.toJSON(), normalise, 2);
  // With cdk.json's context (minimised policies…), as `cdk synth` builds the stack that is deployed.
  const { context } = JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> };
  const synth = (build: (app: App) => Stack): Template => {
    const app = newApp({ ...context, ...NO_BUNDLING });
    const stack = build(app);
    applyNag(app);
    app.synth();
    return Template.fromStack(stack);
  };

  it('is unchanged for the default stack', async () => {
    const template = synth((app) => new ClarityStack(app, 'Clarity'));
    await expect(normalised(template)).toMatchFileSnapshot('fixtures/infra/clarity-stack.template.json');
  });

  it('is unchanged for a ClarityAuditor given every prop', async () => {
    const template = synth((app) => {
      const stack = new Stack(app, 'Given');
      new ClarityAuditor(stack, 'Auditor', {
        assetsBucket: s3.Bucket.fromBucketName(stack, 'Uploads', 'team-uploads'),
        reportsBucket: s3.Bucket.fromBucketName(stack, 'Reports', 'team-reports'),
        reportsPrefix: 'clarity/',
        eventBus: events.EventBus.fromEventBusName(stack, 'Bus', 'team-bus'),
        maxAssetBytes: 10 * 1024 * 1024,
        removalPolicy: RemovalPolicy.DESTROY,
        notificationEmail: 'content-team@example.com',
        assetTimeBudget: Duration.minutes(2),
        alarmTopic: sns.Topic.fromTopicArn(stack, 'Alarms', 'arn:aws:sns:eu-west-1:111111111111:ops-alarms'),
      });
      return stack;
    });
    await expect(normalised(template)).toMatchFileSnapshot('fixtures/infra/clarity-auditor-given.template.json');
  });
});

describe('the small constructs on their own', () => {
  it('pass cdk-nag with their defaults and keep their own ids in the logical IDs', () => {
    const app = newApp(NO_BUNDLING);
    const stack = new Stack(app, 'Rooms');
    const stores = new ClarityStores(stack, 'Stores');
    const ingest = new IngestQueue(stack, 'Ingest', { assetsBucket: stores.assetsBucket, consumerTimeout: Duration.minutes(1) });
    const reaudit = new Reaudit(stack, 'Reaudit', { assetsBucket: stores.assetsBucket, queue: ingest.queue });
    const checks = applyNag(app);
    expect(() => app.synth()).not.toThrow();
    expect(checks.validateScope(app).violations).toEqual([]);
    // Only ClarityAuditor composes them flat; alone, each is an ordinary level of the path.
    expect(logicalId(stores.assetsBucket)).toMatch(/^StoresAssetsBucket/);
    expect(logicalId(ingest.queue)).toMatch(/^IngestAuditQueue/);
    expect(logicalId(reaudit.stateMachine)).toMatch(/^ReauditReauditStateMachine/);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 6 * 60 + 5, SqsManagedSseEnabled: true });
    expect(template.toJSON().Resources[logicalId(stores.auditsTable)]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it("give what is added to ClarityAuditor's resources later the logical ID it had before the split", () => {
    const subscriptionId = (add: (stack: Stack) => void): string[] => {
      const stack = new Stack(newApp(NO_BUNDLING), 'Later');
      add(stack);
      return Object.keys(Template.fromStack(stack).findResources('AWS::SNS::Subscription'));
    };
    const email = 'content-team@example.com';
    // The prop subscribes while the topic's construct is built; addSubscription afterwards, before synthesis.
    const atBuild = subscriptionId((stack) => new ClarityAuditor(stack, 'Auditor', { notificationEmail: email }));
    const later = subscriptionId((stack) => new ClarityAuditor(stack, 'Auditor').topic.addSubscription(new subscriptions.EmailSubscription(email)));
    expect(atBuild).toHaveLength(1);
    expect(later).toEqual(atBuild);
    expect(atBuild[0]).toMatch(/^AuditorAuditTopic/);
  });

  it('let two ClarityAuditors share a stack', () => {
    const app = newApp(NO_BUNDLING);
    const stack = new Stack(app, 'Two');
    const [a, b] = ['A', 'B'].map((id) => new ClarityAuditor(stack, id));
    expect(logicalId(a!.queue)).not.toBe(logicalId(b!.queue));
    Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 4);
  });
});

describe('ClarityAuditor with an existing assets bucket', () => {
  it('uses the bucket it is given and creates no assets bucket', () => {
    const app = newApp(NO_BUNDLING);
    const stack = new Stack(app, 'Existing');
    const existing = s3.Bucket.fromBucketName(stack, 'Uploads', 'team-uploads');
    const auditor = new ClarityAuditor(stack, 'Auditor', { assetsBucket: existing });
    applyNag(app);
    const template = Template.fromStack(stack);

    expect(auditor.assetsBucket).toBe(existing);
    template.resourceCountIs('AWS::S3::Bucket', 2); // reports + access logs only
    expect(template.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: Match.anyValue() } })).toEqual({});
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: 'team-uploads',
      NotificationConfiguration: { QueueConfigurations: [Match.objectLike({ Events: ['s3:ObjectCreated:*'] })] },
    });
    const statements = roleStatements(template, logicalId(auditor.auditRole));
    expect(statements.some((s) => actionsOf(s).includes('s3:GetObject') && JSON.stringify(s.Resource).includes(':s3:::team-uploads/*'))).toBe(true);
    expect(JSON.stringify(definitionOf(template))).toContain('"Bucket":"team-uploads"');
  });
});

describe('the audit Lambda bundle', () => {
  // Issue 5's bar: a cold start that pays for a smaller bundle. Size is deterministic, so it is pinned here;
  // init time is measured by the benchmark, never timed in a test.
  it('stays under 2 MB with the stack’s bundling settings', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clarity-lambda-size-'));
    try {
      expect(await buildAuditLambda(process.cwd(), join(out, 'index.mjs'))).toBeLessThan(2_000_000);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
