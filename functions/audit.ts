import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { clientsFromEnv, pipelineFromEnv, type PipelineOverrides } from '../lib/adapters/aws/pipeline-from-env.ts';
import { ENV } from '../lib/pipeline/contract.ts';
import { makeAuditHandler } from '../lib/pipeline/sqs-handler.ts';

// The audit Lambda: S3 notifications arrive through SQS; adapters are wired from the environment once per sandbox.
const tracer = new Tracer();
const clients = clientsFromEnv(process.env);
tracer.captureAWSv3Client(clients.s3);
tracer.captureAWSv3Client(clients.dynamodb);
tracer.captureAWSv3Client(clients.events);

// The construct sets one asset's time budget with the timeout it sizes; unset (clarity dev), it follows from the size limit.
const budgetMs = Number(process.env[ENV.assetBudgetMs]);
export const handler = auditHandler();

/** The handler with some adapters wired by the caller: clarity dev (lib/local/local-pipeline.ts) announces audits to a file. */
export function auditHandler(overrides: PipelineOverrides = {}): ReturnType<typeof makeAuditHandler> {
  return makeAuditHandler(pipelineFromEnv(process.env, clients, overrides), { logger: new Logger(), metrics: new Metrics() }, budgetMs > 0 ? { assetBudgetMs: budgetMs } : {});
}
