import { createHash } from 'node:crypto';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AuditReport } from '../../engine/types.ts';
import type { AssetRef } from '../../pipeline/asset-ref.ts';
import type { ReportStore } from '../../pipeline/ports.ts';

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
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }
}

export function reportBase(prefix: string, ref: AssetRef, version: string): string {
  const safeVersion = version.replace(/[^A-Za-z0-9._-]/g, '_');
  const readable = `${prefix}${ref.bucket}/${ref.key}/${safeVersion}`;
  if (Buffer.byteLength(readable) + 5 <= MAX_KEY_BYTES) return readable;
  const hash = createHash('sha256').update(`${ref.bucket}/${ref.key}`).digest('hex');
  return `${prefix}${ref.bucket}/_long/${hash}/${safeVersion}`;
}
