import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LineIndex } from '../lib/engine/positions.ts';
import { engine } from './engine-helpers.ts';

const examples = ['examples/sales-script.md', 'examples/web-page.html', 'examples/support-macros.json'];

describe('finding positions', () => {
  it.each(examples)('quote exactly the source text at their offset, line and column in %s', async (path) => {
    const bytes = readFileSync(path);
    const { units } = await engine.auditAsset({ path, bytes });
    expect(units.length).toBeGreaterThan(0);
    const fileText = bytes.toString('utf8');
    for (const unit of units) {
      // Whole files: positions are in the file. Macros: positions are in the macro body.
      const source = unit.unitId ? macroBody(fileText, unit.origin!) : fileText;
      const lines = new LineIndex(source);
      expect(unit.findings.length).toBeGreaterThan(0);
      for (const f of unit.findings) {
        expect(source.slice(f.offset, f.offset + f.length)).toBe(f.text);
        expect(lines.at(f.offset)).toEqual({ line: f.line, column: f.column });
      }
      for (const r of unit.recommendations) expect(source.slice(r.offset, r.offset + r.length)).toBe(r.text);
    }
  });

  it('is deterministic: the same input gives the same report', async () => {
    const bytes = readFileSync('examples/sales-script.md');
    const a = await engine.auditAsset({ path: 'x.md', bytes });
    const b = await engine.auditAsset({ path: 'x.md', bytes });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

/** The decoded JSON string that starts at a macro's origin. */
function macroBody(fileText: string, origin: { line: number; column: number }): string {
  const lineStart = fileText.split('\n').slice(0, origin.line - 1).join('\n').length + (origin.line > 1 ? 1 : 0);
  const start = lineStart + origin.column - 1;
  let end = start;
  while (fileText[end] !== '"' || fileText[end - 1] === '\\') end++;
  return JSON.parse(fileText.slice(start - 1, end + 1)) as string;
}
