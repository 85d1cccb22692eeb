import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { auditMessage } from './audit-message.ts';
import type { PipelineDeps } from './audit-object.ts';

export type AuditHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The audit Lambda's logic for any set of adapters: each SQS message is
 * audited on its own, and only failed messages go back to the queue (partial
 * batch response), so one bad asset never blocks the rest.
 */
export function makeAuditHandler(deps: PipelineDeps, observe: { logger: Logger; metrics: Metrics }): AuditHandler {
  const { logger, metrics } = observe;

  async function auditRecord(record: SQSRecord): Promise<void> {
    try {
      const audits = await auditMessage(deps, record.body);
      for (const a of audits) {
        logger.info('audit recorded', { bucket: a.bucket, key: a.key, version: a.version, status: a.status, code: a.code, scores: a.scores });
        metrics.addMetric(`Audits${a.status[0]?.toUpperCase()}${a.status.slice(1)}`, MetricUnit.Count, 1);
      }
    } catch (error) {
      logger.error('audit failed; the message goes back to the queue', { messageId: record.messageId, error: error as Error });
      metrics.addMetric('AuditErrors', MetricUnit.Count, 1);
      throw error;
    }
  }

  return async (event, context) => {
    logger.addContext(context);
    // One processor per invocation: it holds the batch's failures, and batches can overlap outside Lambda.
    const processor = new BatchProcessor(EventType.SQS);
    try {
      return await processPartialResponse(event, auditRecord, processor, { context, throwOnFullBatchFailure: false });
    } finally {
      // Powertools warns on an empty flush (e.g. with metrics disabled locally); flush only what exists.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
