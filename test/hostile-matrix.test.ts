/**
 * Issue 15's matrix: every hostile input a user can hand over, through the CLI and through the local pipeline, with
 * the outcome each must get. A skipped file keeps its code in both; nothing crashes, stalls or goes to the DLQ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startLocalPipeline, type LocalPipeline } from '../lib/local/local-pipeline.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import type { AuditReport } from '../lib/engine/types.ts';
import { runCli } from './cli-helpers.ts';

const utf16le = (text: string): Uint8Array => {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) bytes.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], i * 2);
  return bytes;
};
const badUtf8 = (): Uint8Array => {
  const head = new TextEncoder().encode('Your plan renews soon.\n' + 'a'.repeat(556));
  return new Uint8Array([...head, 0xed, 0xa0, 0x80, ...new TextEncoder().encode(' and more text.\n')]);
};

/** Name, bytes, and the outcome: a skip code (with words its reason must hold), or 'audited'. */
const MATRIX: { name: string; bytes: Uint8Array; outcome: string; reason?: RegExp }[] = [
  { name: 'nested-dashes.md', bytes: new TextEncoder().encode('- '.repeat(10_000) + 'x\n'), outcome: 'too-deeply-nested', reason: /deeper than 100 levels at line 1/ },
  { name: 'nested-quotes.md', bytes: new TextEncoder().encode('>'.repeat(10_000) + ' x\n'), outcome: 'too-deeply-nested' },
  { name: 'nested-indent.md', bytes: new TextEncoder().encode(Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')), outcome: 'too-deeply-nested', reason: /at line 101/ },
  { name: 'nested-divs.html', bytes: new TextEncoder().encode('<div>'.repeat(100_000) + 'x'), outcome: 'too-deeply-nested' },
  { name: 'nested-brackets.json', bytes: new TextEncoder().encode('['.repeat(100_000)), outcome: 'too-deeply-nested' },
  { name: 'dots.txt', bytes: new TextEncoder().encode('Call us. ' + '.'.repeat(80_000) + ' Then we help.'), outcome: 'audited' },
  { name: 'email-run.txt', bytes: new TextEncoder().encode('Write to ' + 'a+'.repeat(40_000) + ' for help.'), outcome: 'audited' },
  { name: 'html-ish-macro.json', bytes: new TextEncoder().encode(JSON.stringify([{ title: 'Odd', body: '<p '.repeat(40_000) }])), outcome: 'audited' },
  { name: 'emphasis.md', bytes: new TextEncoder().encode('We *'.repeat(10_000) + '\n'), outcome: 'audited' },
  { name: 'surrogate-bytes.txt', bytes: badUtf8(), outcome: 'invalid-utf8', reason: /offset 579, line 2/ },
  { name: 'utf16-no-bom.txt', bytes: utf16le('Please utilise the form to request a refund.'), outcome: 'audited' },
  { name: 'astral-after-entity.html', bytes: new TextEncoder().encode(`<p>${'word '.repeat(30)}&#x1F600;😀 Please utilise it.</p>`), outcome: 'audited' },
  { name: 'image.md', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), outcome: 'binary' },
  { name: 'empty.md', bytes: new Uint8Array(), outcome: 'empty' },
  { name: 'broken.json', bytes: new TextEncoder().encode('[{"title": "x", "body": "y"'), outcome: 'malformed-json', reason: /line 1/ },
];

describe('hostile inputs through the CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clarity-hostile-'));
    for (const m of MATRIX) writeFileSync(join(dir, m.name), m.bytes);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('audits or skips each with its code, in one run that loses nothing', async () => {
    const { code, stdout } = await runCli(['audit', ...MATRIX.map((m) => m.name), '--format', 'json'], dir);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as AuditReport;
    for (const m of MATRIX) {
      const skipped = report.skipped.filter((s) => s.path.split('#')[0]!.endsWith(m.name));
      const units = report.units.filter((u) => u.path.endsWith(m.name));
      if (m.outcome === 'audited') {
        expect(skipped, m.name).toEqual([]);
        expect(units.length, m.name).toBeGreaterThan(0);
        // Every finding lies inside the file's text (a macro's offsets are within its reply, shorter still).
        const text = new TextDecoder(m.name.includes('utf16') ? 'utf-16le' : 'utf-8').decode(m.bytes);
        for (const u of units) for (const f of u.findings) expect(f.offset + f.length, `${m.name} ${f.ruleId}`).toBeLessThanOrEqual(text.length);
      } else {
        expect(skipped.map((s) => s.code), m.name).toEqual([m.outcome]);
        if (m.reason) expect(skipped[0]!.reason, m.name).toMatch(m.reason);
      }
    }
  });
});

describe('hostile inputs through the local pipeline', () => {
  let dir: string;
  let p: LocalPipeline;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clarity-hostile-pipeline-'));
    p = await startLocalPipeline({ dir, persist: false, personas: BUILTIN_PERSONAS });
  }, 30_000);
  afterAll(async () => {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records each as audited or skipped with its code, announces it, and dead-letters none', async () => {
    const bucket = p.resources.assetsBucket;
    await Promise.all(MATRIX.map((m) => p.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `hostile/${m.name}`, Body: m.bytes }))));
    await p.settled();
    for (const m of MATRIX) {
      const { Item } = await p.dynamodb.send(new GetItemCommand({ TableName: p.resources.auditsTable, Key: { pk: { S: `ASSET#${bucket}/hostile/${m.name}` }, sk: { S: 'LATEST' } } }));
      expect(Item, m.name).toBeDefined();
      if (m.outcome === 'audited') expect(Item!.status, m.name).toEqual({ S: 'audited' });
      else {
        expect(Item!.status, m.name).toEqual({ S: 'skipped' });
        expect(Item!.code, m.name).toEqual({ S: m.outcome });
      }
    }
    expect(p.queue.deadLetters).toEqual([]);
    const announced = readFileSync(p.eventsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { detail: { key: string; status: string } });
    for (const m of MATRIX) expect(announced.filter((e) => e.detail.key === `hostile/${m.name}`), m.name).toHaveLength(1);
  }, 60_000);
});
