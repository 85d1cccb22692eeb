import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { clientsFromEnv, pipelineFromEnv } from '../lib/adapters/aws/pipeline-from-env.ts';
import { auditMessage } from '../lib/pipeline/audit-message.ts';

// The audit Lambda: S3 notifications arrive through SQS; each message is audited on its own, and only
// failed messages go back to the queue (partial batch response), so one bad asset never blocks the rest.
const logger = new Logger();
const metrics = new Metrics();
const tracer = new Tracer();
const clients = clientsFromEnv(process.env);
tracer.captureAWSv3Client(clients.s3);
tracer.captureAWSv3Client(clients.dynamodb);
tracer.captureAWSv3Client(clients.events);
const deps = pipelineFromEnv(process.env, clients);
const processor = new BatchProcessor(EventType.SQS);

async function auditRecord(record: SQSRecord): Promise<void> {
  const audits = await auditMessage(deps, record.body);
  for (const a of audits) {
    logger.info('audit recorded', { bucket: a.bucket, key: a.key, version: a.version, status: a.status, code: a.code, scores: a.scores });
    metrics.addMetric(`Audits${a.status[0]?.toUpperCase()}${a.status.slice(1)}`, MetricUnit.Count, 1);
  }
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  try {
    return await processPartialResponse(event, auditRecord, processor, { context, throwOnFullBatchFailure: false });
  } finally {
    // Powertools warns on an empty flush (e.g. with metrics disabled locally); flush only what exists.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
