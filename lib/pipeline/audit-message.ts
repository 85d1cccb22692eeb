import { assetRefsFromMessage } from './asset-ref.ts';
import { auditObject, type AuditObjectOptions, type PipelineDeps } from './audit-object.ts';
import type { AuditRecord } from './ports.ts';

/** Thrown for a message that can never succeed: after the queue's retries it lands in the dead-letter queue. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

/** One queue message (an S3 notification, or a re-audit request) → the audit of every object it names. */
export async function auditMessage(deps: PipelineDeps, body: string, options: AuditObjectOptions = {}): Promise<AuditRecord[]> {
  const refs = assetRefsFromMessage(body);
  if (!refs.ok) throw new PoisonMessageError(`${refs.error.code}: ${refs.error.message}`);
  const records: AuditRecord[] = [];
  for (const ref of refs.value) records.push(await auditObject(deps, ref, options));
  return records;
}
