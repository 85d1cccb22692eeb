/**
 * How well clarity decides an asset's engagement stage (issue 12), on the real corpus (docs/stages.md).
 *
 *   npx tsx bench/stage-accuracy.ts [corpus]          the stage distribution, and accuracy against bench/labels/stages.jsonl
 *   npx tsx bench/stage-accuracy.ts sample [corpus]   the next files to label: a seeded shuffle of each source's files
 *                                                     not labelled yet, taken from each source in turn
 *
 * Accuracy is given per label set (dev: looked at while the inference was tuned; held-out: labelled after the last
 * change, before its stages were seen) and twice over: for the stage clarity reports (channel defaults included) and
 * for the text's inference alone (what the stage would be with no channel default), against "always inform".
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { glob } from 'tinyglobby';
import { readAsset } from '../lib/engine/parse/asset.ts';
import { segment } from '../lib/engine/segment/segment.ts';
import { sentenceVisits } from '../lib/engine/rules/walk.ts';
import { decideStage, LOW_STAGE_CONFIDENCE } from '../lib/engine/stage/decide.ts';
import { inferStage } from '../lib/engine/stage/infer.ts';
import { STAGES, type Stage, type StageDecision } from '../lib/engine/types.ts';

const SEED = 20261212;
const SAMPLE_SIZE = 60;
const LABELS = new URL('./labels/stages.jsonl', import.meta.url);

interface Decided {
  file: string;
  reported: StageDecision;
  inferred: StageDecision;
}

async function decideAll(corpus: string): Promise<Decided[]> {
  const files = (await glob('**/*', { cwd: corpus, ignore: ['INVENTORY.tsv'] })).sort();
  const out: Decided[] = [];
  for (const file of files) {
    const read = await readAsset({ path: join(corpus, file), bytes: readFileSync(join(corpus, file)) });
    for (const unit of read.units) {
      const inferred = inferStage(unit, sentenceVisits(unit, segment(unit)));
      out.push({ file: relative(corpus, unit.path) + (unit.id ? `#${unit.id}` : ''), reported: decideStage(unit, undefined, () => inferred), inferred });
    }
  }
  return out;
}

/** mulberry32: a small seeded generator, so the sample can be drawn again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The corpus's own notes (where each source came from, its licence) are no customer content: never sampled. */
const NOT_CONTENT = /(^|\/)(SOURCE\.md|LICENSE[^/]*)$/;

function sample(decided: readonly Decided[], labelled: ReadonlySet<string>): string[] {
  const next = random(SEED);
  const bySource = new Map<string, string[]>();
  for (const d of decided.filter((x) => !NOT_CONTENT.test(x.file) && !labelled.has(x.file))) {
    const source = d.file.split('/')[0] ?? '';
    bySource.set(source, [...(bySource.get(source) ?? []), d.file]);
  }
  const queues = [...bySource.values()].map((files) => {
    for (let i = files.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [files[i], files[j]] = [files[j] as string, files[i] as string];
    }
    return files;
  });
  const picked: string[] = [];
  while (picked.length < SAMPLE_SIZE && queues.some((q) => q.length > 0)) {
    for (const q of queues) if (q.length > 0 && picked.length < SAMPLE_SIZE) picked.push(q.shift() as string);
  }
  return picked;
}

function count<T extends string>(values: readonly T[]): string {
  const n = new Map<T, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
}

interface Label {
  file: string;
  set: 'dev' | 'held-out';
  stage: Stage;
}

const args = process.argv.slice(2);
const corpus = args.find((a) => a !== 'sample') ?? '../shared/corpus/real';
const decided = await decideAll(corpus);
const labels = readFileSync(LABELS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Label);
if (args[0] === 'sample') {
  for (const file of sample(decided, new Set(labels.map((l) => l.file)))) console.log(file);
} else {
  console.log(`${decided.length} units`);
  console.log(`reported stage: ${count(decided.map((d) => d.reported.stage))}`);
  console.log(`decided by: ${count(decided.map((d) => d.reported.source))}`);
  console.log(`low confidence (< ${LOW_STAGE_CONFIDENCE}): ${decided.filter((d) => d.reported.confidence < LOW_STAGE_CONFIDENCE).length}`);
  console.log(`inferred from the text alone: ${count(decided.map((d) => d.inferred.stage))}`);
  const byFile = new Map(decided.map((d) => [d.file, d]));
  const percent = (n: number, of: number): string => `${n}/${of} (${((100 * n) / of).toFixed(0)}%)`;
  for (const set of ['dev', 'held-out'] as const) {
    const inSet = labels.filter((l) => l.set === set);
    if (inSet.length === 0) continue;
    console.log(`\n${set}: ${inSet.length} labelled (${count(inSet.map((l) => l.stage))}); always inform would be right on ${percent(inSet.filter((l) => l.stage === 'inform').length, inSet.length)}`);
    for (const which of ['reported', 'inferred'] as const) {
      const judged = inSet.map((l) => ({ label: l.stage, got: byFile.get(l.file)?.[which].stage }));
      console.log(`  ${which}: right on ${percent(judged.filter((j) => j.label === j.got).length, judged.length)}`);
      for (const label of STAGES) {
        const row = judged.filter((j) => j.label === label);
        if (row.length) console.log(`    labelled ${label} (${row.length}): read as ${count(row.map((j) => j.got ?? 'missing'))}`);
      }
    }
    for (const l of inSet.filter((x) => byFile.get(x.file)?.reported.stage !== x.stage)) {
      const d = byFile.get(l.file);
      console.log(`  wrong: ${l.file}: labelled ${l.stage}, reported ${d?.reported.stage ?? 'missing'} (${d?.reported.source ?? ''}, ${d?.reported.confidence ?? ''})`);
    }
  }
}
