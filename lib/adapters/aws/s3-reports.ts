import { createHash } from 'node:crypto';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AuditReport } from '../../engine/types.ts';
import type { AssetRef } from '../../pipeline/asset-ref.ts';
import type { OpenedReport, ReportStore } from '../../pipeline/ports.ts';

/** S3 keys are at most 1024 bytes; longer report keys use a hash of the asset key instead. */
const MAX_KEY_BYTES = 1000;

/** Publishes each audited version's JSON and HTML reports under `<prefix><bucket>/<key>/<version>.{json,html}`. */
export class S3ReportStore implements ReportStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  async put(ref: AssetRef, version: string, report: AuditReport, html: string): Promise<{ jsonKey: string; htmlKey: string }> {
    const base = reportBase(this.prefix, ref, version);
    const jsonKey = `${base}.json`;
    const htmlKey = `${base}.html`;
    // Same key, same content: a retried audit overwrites its own reports, never another version's.
    await Promise.all([
      this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: jsonKey, Body: JSON.stringify(report), ContentType: 'application/json; charset=utf-8' })),
      this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: htmlKey, Body: html, ContentType: 'text/html; charset=utf-8' })),
    ]);
    return { jsonKey, htmlKey };
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await response.Body?.transformToString('utf-8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async open(key: string, options: { maxInlineBytes: number; urlSeconds: number }): Promise<OpenedReport | undefined> {
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: key });
    let response;
    try {
      response = await this.s3.send(command);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const bytes = response.ContentLength ?? 0;
    if (bytes <= options.maxInlineBytes) return { kind: 'inline', body: (await response.Body?.transformToString('utf-8')) ?? '' };
    // Too big to answer through the function URL: leave the body unread and hand out a short-lived URL to it.
    response.Body?.transformToWebStream().cancel().catch(() => undefined);
    return { kind: 'url', url: await getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: options.urlSeconds }), bytes };
  }
}

/**
 * A report that is not there. The report API may read report objects but not list the bucket (least privilege),
 * and without s3:ListBucket S3 answers a missing key with 403 AccessDenied instead of 404 NoSuchKey.
 */
function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return error instanceof NoSuchKey || name === 'NoSuchKey' || name === 'AccessDenied';
}

export function reportBase(prefix: string, ref: AssetRef, version: string): string {
  const safeVersion = version.replace(/[^A-Za-z0-9._-]/g, '_');
  const readable = `${prefix}${ref.bucket}/${ref.key}/${safeVersion}`;
  if (Buffer.byteLength(readable) + 5 <= MAX_KEY_BYTES) return readable;
  const hash = createHash('sha256').update(`${ref.bucket}/${ref.key}`).digest('hex');
  return `${prefix}${ref.bucket}/_long/${hash}/${safeVersion}`;
}
