import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaNode from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LAMBDA_BUNDLING } from './bundling.ts';
import { acknowledge } from './nag.ts';

/** The repository root (lib/infra/ → ../..), where functions/ and package-lock.json live. */
const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

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

export interface ClarityFunctionOptions {
  /** The handler file under functions/. */
  readonly entry: string;
  /** POWERTOOLS_SERVICE_NAME, also named in the role's description. */
  readonly serviceName: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly description: string;
  readonly environment: Record<string, string>;
  /** Of the log group. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A clarity handler as `<fnId>` with its `<fnId>Logs` and `<fnId>Role` in `scope`: Node 22 on ARM64, active tracing,
 * logs kept 3 months, and an own role (no managed policy) that may write to its own log group only.
 */
export function clarityFunction(scope: Construct, fnId: string, options: ClarityFunctionOptions): { fn: lambdaNode.NodejsFunction; role: iam.Role } {
  const logGroup = new logs.LogGroup(scope, `${fnId}Logs`, { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: options.removalPolicy ?? RemovalPolicy.RETAIN });
  // An own role instead of AWSLambdaBasicExecutionRole: logs may go to this function's log group only.
  const role = new iam.Role(scope, `${fnId}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Execution role of the clarity ${options.serviceName} function`,
  });
  role.addToPolicy(new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
  const fn = new lambdaNode.NodejsFunction(scope, fnId, {
    entry: join(PROJECT_ROOT, 'functions', options.entry),
    handler: 'handler',
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
    runtime: RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    memorySize: options.memorySize,
    timeout: options.timeout,
    description: options.description,
    role,
    logGroup,
    tracing: lambda.Tracing.ACTIVE,
    environment: { ...options.environment, POWERTOOLS_SERVICE_NAME: options.serviceName },
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
}
