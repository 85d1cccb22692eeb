import { fail, ok, type Result } from '../engine/types.ts';
import { REAUDIT_EVENT_SOURCE } from './contract.ts';

/** One object version to audit, as an S3 notification (or a re-audit request) names it. */
export interface AssetRef {
  bucket: string;
  key: string;
  /** The S3 version id when the bucket is versioned. */
  versionId?: string;
  eTag?: string;
  size?: number;
  /** S3's ordering token for events on one key; absent for re-audits. */
  sequencer?: string;
  source: 's3' | 'reaudit';
}

interface S3Record {
  eventSource?: string;
  eventName?: string;
  s3?: { bucket?: { name?: string }; object?: { key?: string; versionId?: string; eTag?: string; size?: number; sequencer?: string } };
}

/**
 * An SQS message body → the assets it names. Real S3 URL-encodes keys in
 * notifications (spaces as "+"), so they are decoded as S3 documents;
 * re-audit messages carry raw keys. S3's test event and removals name nothing.
 */
export function assetRefsFromMessage(body: string): Result<AssetRef[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return fail('malformed-message', `the queue message is not JSON: ${body.slice(0, 80)}`);
  }
  if (isObject(parsed) && parsed.Event === 's3:TestEvent') return ok([]);
  const records = isObject(parsed) && Array.isArray(parsed.Records) ? (parsed.Records as S3Record[]) : undefined;
  if (!records) return fail('malformed-message', 'the queue message has no S3 "Records" array');
  const refs: AssetRef[] = [];
  for (const r of records) {
    if (r.eventName?.startsWith('ObjectRemoved')) continue;
    const bucket = r.s3?.bucket?.name;
    const rawKey = r.s3?.object?.key;
    if (!bucket || rawKey === undefined) return fail('malformed-message', 'an S3 record has no bucket name or object key');
    const reaudit = r.eventSource === REAUDIT_EVENT_SOURCE;
    const key = reaudit ? rawKey : decodeS3Key(rawKey);
    if (key === undefined) return fail('malformed-message', `the object key "${rawKey}" is not valid URL encoding`);
    const o = r.s3?.object ?? {};
    refs.push({
      bucket,
      key,
      source: reaudit ? 'reaudit' : 's3',
      ...(o.versionId ? { versionId: o.versionId } : {}),
      ...(o.eTag ? { eTag: o.eTag.replace(/"/g, '') } : {}),
      ...(typeof o.size === 'number' ? { size: o.size } : {}),
      ...(o.sequencer ? { sequencer: o.sequencer } : {}),
    });
  }
  return ok(refs);
}

/** Keys in S3 notifications are URL-encoded with "+" for spaces. */
export function decodeS3Key(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** The inverse, for building notifications the way S3 does (used by the local pipeline and tests). */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

/** Which version this is: the version id, else the ETag, else the sequencer. */
export function versionOf(ref: AssetRef): string {
  return ref.versionId ?? ref.eTag ?? ref.sequencer ?? 'unversioned';
}

/** S3 sequencers compare as strings once left-padded to one length (per the S3 documentation). */
export function comparableSequencer(sequencer: string): string {
  return sequencer.padStart(32, '0');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
