import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../lib/engine/types.ts';
import { CATEGORY_COLOUR } from '../lib/report/pages/shell.ts';
import { segmentsOf } from '../lib/report/pages/highlight.ts';
import type { AuditReport, Finding } from '../lib/engine/types.ts';
import { audit } from './engine-helpers.ts';
import { unitSection } from '../lib/report/pages/asset-page.ts';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('page colours', () => {
  it('give every category a highlight with text contrast of at least 7:1 (WCAG AAA)', () => {
    for (const c of CATEGORIES) expect(contrast(CATEGORY_COLOUR[c], '#1a1a1a'), c).toBeGreaterThanOrEqual(7);
  });
  it('keep score bands and links readable', () => {
    for (const band of ['#d7f5dd', '#fff1c2', '#ffd6d6']) expect(contrast(band, '#1a1a1a')).toBeGreaterThanOrEqual(7);
    expect(contrast('#0645ad', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#555555', '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('highlight segments', () => {
  const f = (offset: number, length: number, id: string): Finding => ({ id, ruleId: id, category: 'jargon', severity: 'info', message: id, text: '', line: 1, column: 1, offset, length, personas: [] });
  it('cut overlapping findings into stretches that each list what covers them', () => {
    const sentence = f(0, 20, 'sentence');
    const word = f(4, 5, 'word');
    const segs = segmentsOf('abcdefghijklmnopqrstuvwxyz', [sentence, word]);
    expect(segs.map((s) => [s.start, s.end, s.findings.map((x) => x.id)])).toEqual([
      [0, 4, ['sentence']],
      [4, 9, ['sentence', 'word']],
      [9, 20, ['sentence']],
      [20, 26, []],
    ]);
  });
  it('cover the whole text exactly once', () => {
    const text = 'x'.repeat(50);
    const segs = segmentsOf(text, [f(3, 10, 'a'), f(8, 10, 'b'), f(40, 5, 'c')]);
    expect(segs[0]!.start).toBe(0);
    expect(segs.at(-1)!.end).toBe(50);
    segs.slice(1).forEach((s, i) => expect(s.start).toBe(segs[i]!.end));
  });
});

describe('asset page suggestions', () => {
  it('say which rewrites to check before applying', async () => {
    const unit = await audit('Utilize the form. Your deductible is due.');
    const html = unitSection(unit, 0, { units: [unit], skipped: [], personas: [] } as unknown as AuditReport);
    expect(html).toMatch(/<ins>Use<\/ins><\/span>/);
    expect(html).toMatch(/<ins>deductible \([^<]*\)<\/ins> <small>\(check before applying\)<\/small>/);
  });
});
