/**
 * Does an audit's cost grow linearly with its input? One long unit of each shape — one paragraph, many paragraphs,
 * one Markdown list, one CSV cell, and one run-on "sentence" with no full stop — at 0.25 to 4 MiB, each audited
 * in a fresh process (so peak memory is that input's alone). Words come from the real corpus in their order, so
 * the text is prose a rule can fire on. The bench prints the table; `node dist/scaling.js <corpus root> <shape> <MiB>`
 * is the child and prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../lib/engine/audit.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { loadCorpora } from './corpus.ts';
import { round } from './accuracy.ts';
import { runNode } from './run-node.ts';

export const SHAPES = ['paragraphs', 'paragraph', 'list', 'csv-cell', 'run-on'] as const;
export type Shape = (typeof SHAPES)[number];
export const SIZES_MIB = [0.25, 0.5, 1, 2, 4] as const;
/** Each doubling may cost at most this much more: 2 is linear, the rest is noise and the garbage collector. */
export const RATIO_BAR = 2.3;
/** 4 MiB of any shape audits within this many times the time of 4 MiB of ordinary paragraphs. */
export const SHAPE_BAR = 10;

const MiB = 1024 * 1024;
const WORDS_PER_PARAGRAPH = 120;

export interface ScalingPoint {
  shape: Shape;
  mib: number;
  seconds: number;
  peakRssMiB: number;
  findings: number;
}

/** The input of a shape, `bytes` long (near enough), from the corpus's words in order. */
export function makeInput(shape: Shape, words: readonly string[], bytes: number): { path: string; text: string } {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    let word = words[i % words.length] as string;
    if (shape === 'run-on') word = word.replace(/[.!?;:]+$/, '');
    else if (shape === 'csv-cell') word = word.replace(/"/g, '""');
    const gap = shape === 'paragraphs' && (i + 1) % WORDS_PER_PARAGRAPH === 0 ? '\n\n' : shape === 'list' && /[.!?]$/.test(word) ? '\n- ' : ' ';
    parts.push(word, gap);
    size += word.length + gap.length;
  }
  const body = parts.join('');
  if (shape === 'list') return { path: 'long.md', text: `- ${body}\n` };
  if (shape === 'csv-cell') return { path: 'long.csv', text: `title,body\nOne long reply,"${body}"\n` };
  return { path: 'long.txt', text: body };
}

/** The corpus's prose as words: Markdown and HTML marks left out, punctuation kept on its word. */
export function corpusWords(root: string): string[] {
  const real = loadCorpora(root).find((c) => c.name === 'real');
  const files = (real?.files ?? []).filter((f) => /\.(md|txt)$/.test(f));
  return files.flatMap((f) => readFileSync(f, 'utf8').replace(/<[^>\n]{0,200}>|[#*`>|[\]()_]/g, ' ').split(/\s+/).filter((w) => /[a-z]/i.test(w)));
}

/** Runs the child for each shape and size. */
export async function measureScaling(script: URL, root: string): Promise<ScalingPoint[]> {
  const points: ScalingPoint[] = [];
  for (const shape of SHAPES) {
    for (const mib of SIZES_MIB) {
      const run = await runNode(fileURLToPath(script), [root, shape, String(mib)]);
      const last = run.stdout.trim().split('\n').pop() ?? '';
      if (run.code !== 0) throw new Error(`scaling run ${shape} ${mib} MiB failed (exit ${run.code}): ${run.stderr || last}`);
      points.push(JSON.parse(last) as ScalingPoint);
    }
  }
  return points;
}

export interface ScalingVerdict {
  /** Per shape, each size's time over the size before it's. */
  ratios: Record<string, number[]>;
  /** Per shape, its 4 MiB time over that of ordinary paragraphs. */
  againstParagraphs: Record<string, number>;
  meetsBar: boolean;
}

export function judgeScaling(points: readonly ScalingPoint[]): ScalingVerdict {
  const of = (shape: Shape) => points.filter((p) => p.shape === shape).sort((a, b) => a.mib - b.mib);
  const ratios: Record<string, number[]> = {};
  const againstParagraphs: Record<string, number> = {};
  const largest = of('paragraphs').at(-1);
  for (const shape of SHAPES) {
    const row = of(shape);
    ratios[shape] = row.slice(1).map((p, i) => round(p.seconds / (row[i] as ScalingPoint).seconds, 2));
    const last = row.at(-1);
    if (last && largest) againstParagraphs[shape] = round(last.seconds / largest.seconds, 2);
  }
  const meetsBar = Object.values(ratios).every((r) => r.every((x) => x <= RATIO_BAR)) && Object.values(againstParagraphs).every((x) => x <= SHAPE_BAR);
  return { ratios, againstParagraphs, meetsBar };
}

export function printScaling(points: readonly ScalingPoint[], verdict: ScalingVerdict): void {
  console.log(`scaling: one long unit per shape, each audited in a fresh process, one core (ratio = time over the size before; bar ≤ ${RATIO_BAR}, and 4 MiB of any shape ≤ ${SHAPE_BAR}× ordinary paragraphs)`);
  console.log(`shape        ${SIZES_MIB.map((m) => `${m} MiB s / RSS`.padStart(18)).join('')} | ratios               | × paragraphs`);
  for (const shape of SHAPES) {
    const row = points.filter((p) => p.shape === shape).sort((a, b) => a.mib - b.mib);
    const cells = row.map((p) => `${p.seconds.toFixed(2)} / ${p.peakRssMiB}`.padStart(18)).join('');
    console.log(`${shape.padEnd(12)} ${cells} | ${(verdict.ratios[shape] ?? []).map((r) => r.toFixed(2)).join(' ').padEnd(20)} | ${verdict.againstParagraphs[shape]?.toFixed(2) ?? '-'}`);
  }
  console.log(`scaling bar ${verdict.meetsBar ? 'met' : 'NOT met'}`);
}

async function child(root: string, shape: Shape, mib: number): Promise<ScalingPoint> {
  const { path, text } = makeInput(shape, corpusWords(root), mib * MiB);
  const bytes = Buffer.from(text, 'utf8');
  const engine = createEngine({ personas: BUILTIN_PERSONAS, maxBytes: bytes.length + 1 });
  const start = performance.now();
  const audit = await engine.auditAsset({ path, bytes });
  const seconds = (performance.now() - start) / 1000;
  if (audit.units.length === 0) throw new Error(`the ${shape} input was not audited: ${audit.skipped.map((s) => s.reason).join('; ')}`);
  const findings = audit.units.reduce((n, u) => n + u.findings.length, 0);
  return { shape, mib, seconds: round(seconds, 2), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), findings };
}

const entry = process.argv[1] ?? '';
if (entry.endsWith('scaling.js') || entry === fileURLToPath(import.meta.url)) {
  const [root = '', shape = 'paragraphs', mib = '1'] = process.argv.slice(2);
  if (!(SHAPES as readonly string[]).includes(shape)) throw new Error(`no shape ${shape}; one of ${SHAPES.join(', ')}`);
  console.log(JSON.stringify(await child(root, shape as Shape, Number(mib))));
}
