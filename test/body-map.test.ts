import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultEngine, engine } from './engine-helpers.ts';
import { readAsset } from '../lib/engine/parse/asset.ts';
import { BODY_MAP, fileOffset, type BodyMap } from '../lib/engine/parse/body-map.ts';
import { Locator } from '../lib/ci/locate.ts';
import { writeBack } from '../lib/fix/containers.ts';
import { fixAsset } from '../lib/fix/fix-file.ts';
import type { Unit, UnitReport } from '../lib/engine/types.ts';

// Replies whose findings ("utilize", "prior to") sit after and between what makes a file's text differ from the
// reply: escapes, doubled quotes, line breaks, characters outside the BMP.
const REPLY_ONE = 'Hi 😀 "there",\nplease utilize the form\tprior to Friday. Café \\ 𝒳 we utilize it.';
const REPLY_TWO = 'Say "yes" 𝄞 to us.\r\nWe utilize it prior to noon.';

/** JSON with every kind of escape: \uXXXX for é and for both halves of 😀, escaped slashes, the rest as JSON.stringify writes it. */
function jsonExport(): string {
  const escaped = (s: string) => JSON.stringify(s).replace('é', '\\u00e9').replace('😀', '\\ud83d\\ude00').replace('/', '\\/');
  return `{"macros": [\r\n  {"title": "One", "body": ${escaped(REPLY_ONE)}},\r\n  {"title": "Two", "actions": [{"field": "comment_value", "value": ${escaped(REPLY_TWO)}}]}\r\n]}\r\n`;
}

/** CSV with a byte-order mark, CRLF records, a body column after a quoted title, doubled quotes and line breaks inside a field. */
function csvExport(): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return `\uFEFFid,title,body\r\n1,${q('One, first')},${q(REPLY_ONE)}\r\n\r\n2,Two,${q(REPLY_TWO)}\r\n`;
}

/** The decoded text as the parse saw it, and its units. */
async function parsed(name: string, text: string): Promise<{ source: string; units: Unit[] }> {
  const read = await readAsset({ path: name, bytes: new TextEncoder().encode(text) });
  expect(read.skipped).toEqual([]);
  return { source: text.replace(/^\uFEFF/, ''), units: read.units };
}

/** What one character of a reply is in each file format. */
const decodeOne: Record<string, (file: string) => string> = {
  'macros-json': (file) => JSON.parse(`"${file}"`) as string,
  'macros-csv': (file) => (file === '""' ? '"' : file),
};

describe('body maps kept from the parse', () => {
  for (const [name, text] of [['macros.json', jsonExport()], ['macros.csv', csvExport()]] as const) {
    it(`map every character of each reply to the file text that encodes it: ${name}`, async () => {
      const { source, units } = await parsed(name, text);
      expect(units.map((u) => u.source)).toEqual([REPLY_ONE, REPLY_TWO]);
      for (const unit of units) {
        const map = unit.bodyMap as BodyMap;
        expect(map.file.text).toBe(source);
        for (let i = 0; i < unit.source.length; i++) {
          const file = source.slice(fileOffset(map, i), fileOffset(map, i + 1));
          expect(decodeOne[unit.format]!(file), `${unit.id} character ${i}`).toBe(unit.source[i]);
        }
        // The field, quotes included, ends where the reply's last character does, plus the closing quote.
        expect(fileOffset(map, unit.source.length)).toBe(map.end - 1);
        expect(source[map.start]).toBe('"');
      }
    });

    it(`place each finding at the file's own line and column (UTF-16 and UTF-8): ${name}`, async () => {
      const { source, units } = await parsed(name, text);
      const reports = units.map((u) => engine.auditUnit(u));
      const lines = source.split('\n');
      const locator = new Locator();
      const findings = reports.flatMap((r) => r.findings.map((f) => ({ r, f })));
      expect(findings.filter(({ f }) => f.text === 'utilize' || f.text === 'prior to')).toHaveLength(5);
      for (const { r, f } of findings) {
        const at = locator.region(r, f);
        // The region's text is the file's own, and it encodes exactly what the finding quotes.
        const regionText = at.startLine === at.endLine ? lines[at.startLine - 1]!.slice(at.startColumn! - 1, at.endColumn! - 1) : undefined;
        if (regionText !== undefined) expect(regionText, f.id).toBe(at.snippet);
        const decoded = r.format === 'macros-json' ? (JSON.parse(`"${at.snippet}"`) as string) : at.snippet.replaceAll('""', '"');
        expect(decoded, f.id).toBe(f.text);
        const bytes = locator.utf8Region(r, f);
        expect(bytes.startColumn).toBe(Buffer.byteLength(lines[at.startLine - 1]!.slice(0, at.startColumn! - 1)) + 1);
        expect(bytes.endColumn).toBe(Buffer.byteLength(lines[at.endLine - 1]!.slice(0, at.endColumn! - 1)) + 1);
      }
    });
  }

  it('counts columns past the astral characters and escapes before a finding', async () => {
    const { units } = await parsed('macros.json', jsonExport());
    const report = engine.auditUnit(units[0]!);
    const second = report.findings.filter((f) => f.text === 'utilize')[1]!;
    const line = jsonExport().split('\n')[1]!;
    // "𝒳" is two UTF-16 units and four UTF-8 bytes; "\u00e9" six characters for "é"; "\\" two for "\".
    const column = line.lastIndexOf('utilize') + 1;
    expect(new Locator().region(report, second)).toMatchObject({ startLine: 2, startColumn: column, endColumn: column + 7, snippet: 'utilize' });
    expect(new Locator().utf8Region(report, second)).toMatchObject({ startColumn: column + 2, endColumn: column + 9 });
  });

  it('puts a CSV reply at its record, past the blank line, the CRLF inside a field and the byte-order mark', async () => {
    const { source, units } = await parsed('macros.csv', csvExport());
    expect(units.map((u) => u.origin)).toEqual([{ line: 2, column: 1 }, { line: 5, column: 1 }]);
    const report = engine.auditUnit(units[1]!);
    const prior = report.findings.find((f) => f.text === 'prior to')!;
    const line = source.split('\n')[5]!;
    expect(new Locator().region(report, prior)).toMatchObject({ startLine: 6, startColumn: line.indexOf('prior to') + 1, endLine: 6 });
  });

  it('maps any reply through a JSON string and a CSV field, as JSON.stringify and RFC 4180 quoting write them', async () => {
    let audited = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.boolean(), async (reply, asciiOnly) => {
        fc.pre(reply.trim() !== '');
        const json = JSON.stringify([{ title: 't', body: reply }]);
        const literal = asciiOnly ? json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
        const csv = `title,body\n"t","${reply.replaceAll('"', '""')}"\n`;
        for (const [name, text] of [['m.json', literal], ['m.csv', csv]] as const) {
          const read = await readAsset({ path: name, bytes: new TextEncoder().encode(text) });
          const unit = read.units[0];
          if (!unit) continue; // a reply with no prose is skipped, with nothing to place
          audited++;
          const map = unit.bodyMap!;
          for (let i = 0; i < unit.source.length; i++) {
            expect(decodeOne[unit.format]!(text.slice(fileOffset(map, i), fileOffset(map, i + 1)))).toBe(unit.source[i]);
          }
        }
      }),
      { numRuns: 150 },
    );
    expect(audited).toBeGreaterThan(150);
  });

  it('stays out of everything written from a report, and is kept by a copy of it', async () => {
    const { units } = await parsed('macros.json', jsonExport());
    const report = engine.auditUnit(units[0]!);
    expect(report[BODY_MAP]).toBe(units[0]!.bodyMap);
    expect(JSON.stringify(report)).not.toContain('runs');
    expect(Object.keys(report)).not.toContain('bodyMap');
    expect(({ ...report } as UnitReport)[BODY_MAP]).toBe(units[0]!.bodyMap);
    // Read back from JSON, the macro is placed by its lines.
    const back = JSON.parse(JSON.stringify(report)) as UnitReport;
    const f = back.findings[0]!;
    expect(new Locator().region(back, f)).toEqual({ startLine: 2, endLine: 2, snippet: f.text });
  });

  it('writes a fixed reply back where the parse found it, and refuses a unit parsed from another text', async () => {
    const text = csvExport();
    const { source, units } = await parsed('macros.csv', text);
    const unit = units[0]!;
    const at = unit.source.indexOf('utilize');
    const fixed = writeBack(source, 'macros-csv', [{ unit, edits: [{ offset: at, length: 'utilize'.length, content: 'use' }] }]);
    expect(fixed).toEqual({ ok: true, value: source.replace('please utilize', 'please use') });
    const stale = writeBack(`\n${source}`, 'macros-csv', [{ unit, edits: [{ offset: at, length: 7, content: 'use' }] }]);
    expect(stale.ok ? undefined : stale.error.code).toBe('fix-stale');
  });

  it("gives clarity fix's changes the export's line, past a line break in a field before the reply", async () => {
    const csv = 'title,body\n"Two\nline title","We utilize it.\nThen we utilize it prior to noon."\n';
    const fixed = await fixAsset('m.csv', new TextEncoder().encode(csv), { engine: defaultEngine });
    expect(fixed.ok ? fixed.value.changes.map((c) => [c.where.slice(c.where.lastIndexOf(':') + 1), c.before]) : fixed.error).toEqual([
      ['3', 'utilize'],
      ['4', 'utilize'],
      ['4', 'prior to'],
    ]);
  });
});
