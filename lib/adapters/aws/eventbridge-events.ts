import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { AUDIT_EVENT } from '../../pipeline/contract.ts';
import type { AuditCompletedDetail, EventSink } from '../../pipeline/ports.ts';

/** Publishes `AuditCompleted` on an EventBridge bus; a rejected entry is an error, so the message is retried. */
export class EventBridgeSink implements EventSink {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly reportsBucket: string,
  ) {}

  async auditCompleted(detail: AuditCompletedDetail): Promise<void> {
    const withUrls = withReportUrls(detail, this.reportsBucket);
    const result = await this.client.send(
      new PutEventsCommand({ Entries: [{ Source: AUDIT_EVENT.source, DetailType: AUDIT_EVENT.detailType, EventBusName: this.busName, Detail: JSON.stringify(withUrls) }] }),
    );
    if (result.FailedEntryCount) throw new Error(`EventBridge rejected the AuditCompleted event: ${result.Entries?.[0]?.ErrorMessage ?? 'unknown error'}`);
  }
}

/** The event's `report` names the reports as s3://<reports bucket>/<key> URLs (the pipeline hands over keys). */
export function withReportUrls(detail: AuditCompletedDetail, reportsBucket: string): AuditCompletedDetail {
  return detail.report ? { ...detail, report: { json: `s3://${reportsBucket}/${detail.report.json}`, html: `s3://${reportsBucket}/${detail.report.html}` } } : detail;
}
