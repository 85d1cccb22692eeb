import { describe, expect, it } from 'vitest';
import { judgeScaling, makeInput, RATIO_BAR, SHAPES, SIZES_MIB, type ScalingPoint, type Shape } from '../bench/scaling.ts';
import { readCsvMacros } from '../lib/engine/parse/macros-csv.ts';
import { parseMarkdown } from '../lib/engine/parse/markdown.ts';

const WORDS = 'Your order ships today. Track it from the account page, where each parcel has a number. Call us if it is late!'.split(' ');

describe('bench scaling: the long inputs', () => {
  it('builds each shape near the size asked, as one unit of that shape', () => {
    const bytes = 20_000;
    const of = (shape: Shape) => makeInput(shape, WORDS, bytes);
    for (const shape of SHAPES) expect(Buffer.byteLength(of(shape).text)).toBeGreaterThanOrEqual(bytes);
    for (const shape of SHAPES) expect(Buffer.byteLength(of(shape).text)).toBeLessThan(bytes * 1.01);
    // Many paragraphs: blank lines between them; one paragraph and the run-on have none.
    expect(of('paragraphs').text.split('\n\n').length).toBeGreaterThan(10);
    expect(of('paragraph').text).not.toContain('\n');
    // The run-on has no sentence end at all.
    expect(of('run-on').text).not.toMatch(/[.!?]/);
    // One Markdown list of many items.
    const list = parseMarkdown(of('list').text);
    expect(new Set(list.blocks.map((b) => b.kind))).toEqual(new Set(['list-item']));
    expect(list.blocks.length).toBeGreaterThan(100);
    // One CSV cell holding everything.
    const csv = readCsvMacros(of('csv-cell').text);
    expect(csv.ok && csv.value).toHaveLength(1);
    expect(csv.ok && csv.value[0]!.body.length).toBeGreaterThan(bytes * 0.99);
  });
});

describe('bench scaling: the verdict', () => {
  const points = (seconds: Record<Shape, number[]>): ScalingPoint[] =>
    SHAPES.flatMap((shape) => SIZES_MIB.map((mib, i) => ({ shape, mib, seconds: seconds[shape][i]!, peakRssMiB: 100, findings: 1 })));
  const linear = [1, 2, 4, 8, 16];

  it('meets the bar when every doubling about doubles the time and no shape is far off paragraphs', () => {
    const v = judgeScaling(points({ paragraphs: linear, paragraph: linear, list: [1.5, 3, 6, 12, 24], 'csv-cell': linear, 'run-on': [2, 4.4, 9, 18, 36] }));
    expect(v.ratios.paragraphs).toEqual([2, 2, 2, 2]);
    expect(v.ratios['run-on']).toEqual([2.2, 2.05, 2, 2]);
    expect(v.againstParagraphs).toMatchObject({ paragraphs: 1, list: 1.5, 'run-on': 2.25 });
    expect(v.meetsBar).toBe(true);
  });

  it('fails on one step over the ratio bar (a quadratic stage) or a shape ten times slower than paragraphs', () => {
    const quadratic = [1, 4, 16, 64, 256];
    expect(judgeScaling(points({ paragraphs: linear, paragraph: quadratic, list: linear, 'csv-cell': linear, 'run-on': linear })).meetsBar).toBe(false);
    const oneStep = [1, 2, 4, 8, 8 * (RATIO_BAR + 0.1)];
    expect(judgeScaling(points({ paragraphs: linear, paragraph: linear, list: oneStep, 'csv-cell': linear, 'run-on': linear })).meetsBar).toBe(false);
    const slow = linear.map((s) => s * 11);
    expect(judgeScaling(points({ paragraphs: linear, paragraph: linear, list: linear, 'csv-cell': slow, 'run-on': linear })).meetsBar).toBe(false);
  });
});
