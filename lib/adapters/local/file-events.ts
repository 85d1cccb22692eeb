import { appendFile } from 'node:fs/promises';
import { AUDIT_EVENT } from '../../pipeline/contract.ts';
import type { AuditCompletedDetail, EventSink } from '../../pipeline/ports.ts';
import { withReportUrls } from '../aws/eventbridge-events.ts';

/** The local pipeline's event bus: one JSON line per event, shaped like the EventBridge event (report URLs included). */
export class FileEventSink implements EventSink {
  constructor(
    private readonly path: string,
    private readonly reportsBucket?: string,
  ) {}

  async auditCompleted(detail: AuditCompletedDetail): Promise<void> {
    const event = { source: AUDIT_EVENT.source, 'detail-type': AUDIT_EVENT.detailType, time: new Date().toISOString(), detail: this.reportsBucket ? withReportUrls(detail, this.reportsBucket) : detail };
    await appendFile(this.path, JSON.stringify(event) + '\n');
  }
}
