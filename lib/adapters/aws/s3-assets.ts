import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { fail, ok, type Result } from '../../engine/types.ts';
import { sizeText } from '../../engine/parse/asset.ts';
import type { AssetRef } from '../../pipeline/asset-ref.ts';
import type { AssetStore, StoredObject } from '../../pipeline/ports.ts';
import { isAwsError } from './error-name.ts';

/** Reads uploaded assets from S3, refusing oversized objects from their Content-Length before reading the body. */
export class S3AssetStore implements AssetStore {
  constructor(private readonly s3: S3Client) {}

  async get(ref: AssetRef, maxBytes: number): Promise<Result<StoredObject>> {
    if (ref.size !== undefined && ref.size > maxBytes) return tooLarge(ref.size, maxBytes);
    let response;
    try {
      response = await this.s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, ...(ref.versionId ? { VersionId: ref.versionId } : {}) }));
    } catch (error) {
      if (isAwsError(error, 'NoSuchKey', 'NoSuchVersion')) {
        return fail('not-found', `s3://${ref.bucket}/${ref.key} no longer exists (deleted before it was audited)`);
      }
      throw error;
    }
    const size = response.ContentLength ?? 0;
    if (size > maxBytes) {
      response.Body?.transformToWebStream().cancel().catch(() => undefined);
      return tooLarge(size, maxBytes);
    }
    const bytes = (await response.Body?.transformToByteArray()) ?? new Uint8Array();
    return ok({
      bytes,
      metadata: response.Metadata ?? {},
      ...(response.VersionId ? { versionId: response.VersionId } : {}),
      ...(response.ETag ? { eTag: response.ETag.replace(/"/g, '') } : {}),
    });
  }
}

function tooLarge(size: number, maxBytes: number): Result<never> {
  return fail('too-large', `the object is ${sizeText(size)}, over the ${sizeText(maxBytes)} limit; split it into smaller assets`);
}
