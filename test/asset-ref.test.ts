import { describe, expect, it } from 'vitest';
import { assetRefsFromMessage, comparableSequencer, decodeS3Key, encodeS3Key, versionOf } from '../lib/pipeline/asset-ref.ts';
import { REAUDIT_EVENT_SOURCE } from '../lib/pipeline/contract.ts';

const s3Message = (key: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'assets' }, object: { key, eTag: '"abc"', size: 12, sequencer: '0055AED6DCD90281E5', ...extra } } }] });

describe('S3 notifications on the queue', () => {
  it('decodes keys the way S3 encodes them (spaces as +)', () => {
    const r = assetRefsFromMessage(s3Message('help+centre/R%C3%A9sum%C3%A9+%26+fees+%282026%29.md'));
    expect(r).toEqual({ ok: true, value: [{ bucket: 'assets', key: 'help centre/Résumé & fees (2026).md', eTag: 'abc', size: 12, sequencer: '0055AED6DCD90281E5', source: 's3' }] });
  });

  it('round-trips odd keys through encodeS3Key', () => {
    for (const key of ['a b/c+d.md', 'ü/ß €.txt', "quote's \"x\".html", '100%/done?.md']) expect(decodeS3Key(encodeS3Key(key))).toBe(key);
  });

  it('keeps re-audit keys raw', () => {
    const body = JSON.stringify({ Records: [{ eventSource: REAUDIT_EVENT_SOURCE, s3: { bucket: { name: 'assets' }, object: { key: 'a+b %41.md', eTag: '"q"' } } }] });
    expect(assetRefsFromMessage(body)).toMatchObject({ ok: true, value: [{ key: 'a+b %41.md', eTag: 'q', source: 'reaudit' }] });
  });

  it("ignores S3's test event and removals", () => {
    expect(assetRefsFromMessage(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'assets' }))).toEqual({ ok: true, value: [] });
    const removed = JSON.stringify({ Records: [{ eventSource: 'aws:s3', eventName: 'ObjectRemoved:Delete', s3: { bucket: { name: 'assets' }, object: { key: 'x' } } }] });
    expect(assetRefsFromMessage(removed)).toEqual({ ok: true, value: [] });
  });

  it('names what is wrong with a malformed message', () => {
    expect(assetRefsFromMessage('not json')).toMatchObject({ ok: false, error: { code: 'malformed-message' } });
    expect(assetRefsFromMessage('{"hello":1}')).toMatchObject({ ok: false, error: { message: expect.stringContaining('Records') } });
    expect(assetRefsFromMessage(s3Message('%E0%A4%A'))).toMatchObject({ ok: false, error: { message: expect.stringContaining('URL encoding') } });
  });

  it('prefers the version id, then the ETag, to name a version', () => {
    expect(versionOf({ bucket: 'b', key: 'k', versionId: 'v1', eTag: 'e', source: 's3' })).toBe('v1');
    expect(versionOf({ bucket: 'b', key: 'k', eTag: 'e', source: 's3' })).toBe('e');
  });

  it('orders sequencers of different lengths', () => {
    expect(comparableSequencer('0062B') < comparableSequencer('1A208AD7BD2')).toBe(true);
    expect(comparableSequencer('00FF') > comparableSequencer('00FE')).toBe(true);
  });
});
