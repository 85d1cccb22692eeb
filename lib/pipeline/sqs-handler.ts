import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { auditMessage } from './audit-message.ts';
import type { PipelineDeps } from './audit-object.ts';
import { AUDIT_SIZING, assetBudgetSeconds } from './contract.ts';

export type AuditHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface AuditHandlerOptions {
  /** How long one asset's audit may take. @default assetBudgetSeconds(deps.maxBytes) */
  assetBudgetMs?: number;
  /** Kept back from the invocation's remaining time for the writes after an audit. @default AUDIT_SIZING.writeMarginSeconds */
  writeMarginMs?: number;
}

/** A message left for a later invocation because this one has too little time left to audit it. */
export class NotStartedError extends Error {
  override readonly name = 'NotStartedError';
}

/**
 * The audit Lambda's logic for any set of adapters: each SQS message is
 * audited on its own, and only failed messages go back to the queue (partial
 * batch response), so one bad asset never blocks the rest.
 *
 * Time: the records of a batch are audited one after another (an audit is CPU-bound on one thread, so running them
 * together only makes all of them late). Each gets a deadline of at most one asset budget, and never later than the
 * invocation's end (context.getRemainingTimeInMillis()) minus the write margin; an audit past its deadline is
 * recorded as failed (`time-budget`), so no asset can time the Lambda out. The construct sizes the timeout for a
 * full batch of budgets; should earlier records overrun anyway, a later record that would get less time than the
 * first one (or than one budget, if less) is not started but handed back to the queue. The first record of an
 * invocation always runs.
 */
export function makeAuditHandler(deps: PipelineDeps, observe: { logger: Logger; metrics: Metrics }, options: AuditHandlerOptions = {}): AuditHandler {
  const { logger, metrics } = observe;
  const budgetMs = options.assetBudgetMs ?? assetBudgetSeconds(deps.maxBytes) * 1000;
  const marginMs = options.writeMarginMs ?? AUDIT_SIZING.writeMarginSeconds * 1000;
  const deadlineReason = (ms: number): string =>
    `auditing it took longer than the audit Lambda's ${Math.max(1, Math.round(ms / 1000))} s budget per asset; split the file into smaller assets, or raise the budget (the ClarityAuditor prop assetTimeBudget)`;

  return async (event, context) => {
    logger.addContext(context);
    const firstAvailable = context.getRemainingTimeInMillis() - marginMs;
    let started = 0;

    async function auditRecord(record: SQSRecord): Promise<void> {
      const now = Date.now();
      const available = context.getRemainingTimeInMillis() - marginMs;
      // A later record gets at least what the first one had, up to one budget, or it waits for a fresh invocation.
      const fair = Math.min(budgetMs, firstAvailable);
      if (started > 0 && available < fair) {
        logger.warn('not started: too little time left in this invocation; the message goes back to the queue', { messageId: record.messageId, availableMs: available, budgetMs });
        metrics.addMetric('AuditsNotStarted', MetricUnit.Count, 1);
        throw new NotStartedError(`${Math.round(available / 1000)} s left, under the ${Math.round(fair / 1000)} s an asset is given`);
      }
      started++;
      const allowed = Math.max(0, Math.min(budgetMs, available));
      try {
        const audits = await auditMessage(deps, record.body, { deadline: now + allowed, deadlineReason: deadlineReason(allowed) });
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

    // One processor per invocation: it holds the batch's failures, and batches can overlap outside Lambda.
    const processor = new BatchProcessor(EventType.SQS);
    try {
      return await processPartialResponse(event, auditRecord, processor, { context, throwOnFullBatchFailure: false, processInParallel: false });
    } finally {
      // Powertools warns on an empty flush (e.g. with metrics disabled locally); flush only what exists.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
