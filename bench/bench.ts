/**
 * `npm run bench`: clarity's throughput on the shared corpus, its accuracy, and the peer tools side by side.
 * Prints, per corpus, parse-only and full-audit speed on one core, the full audit on all cores (the CLI's
 * streaming audit in a fresh process, see all-cores.ts) with its peak memory, and memory as the batch grows; then accuracy on onestop (does the grade rise, and each persona's score fall,
 * from elementary to advanced?), the score distribution and most frequent findings on real, and the peers
 * (alex, write-good, retext) timed the same way as the one-core audit. `-- --json` ends with one JSON line of
 * the figures. Not a test: numbers vary by machine. Runs as the esbuild bundle (dist/bench.js), so workers
 * start as plain JavaScript.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import readability from 'text-readability';
import { createEngine } from '../lib/engine/audit.ts';
import { readAsset, DEFAULT_MAX_BYTES } from '../lib/engine/parse/asset.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import type { UnitReport } from '../lib/engine/types.ts';
import { auditFile } from '../lib/cli/audit-file.ts';
import { corpusRoot, loadCorpora, onestopTriples, type Corpus } from './corpus.ts';
import { measureAuditLambda, timeUploads } from './pipeline.ts';
import { distribution, normaliseFindingText, ordering, orderingSummary, round, topCounts, type Distribution, type Ordering, type Triple } from './accuracy.ts';
import { measurePeers, type PeerFigures } from './peers.ts';
import { measureAllCores, type AllCoresFigures } from './all-cores.ts';
import { tuneCompilerForBatches } from '../lib/cli/compiler-tuning.ts';
import { judgeScaling, measureScaling, printScaling } from './scaling.ts';
import { describeLsp, markdownDocument, measureLsp } from './lsp.ts';

const MiB = 1024 * 1024;
const ALL_CORES_SCRIPT = new URL('./all-cores.js', import.meta.url);
const ALL_CORES_RUNS = 3;
const SCALING_SCRIPT = new URL('./scaling.js', import.meta.url);
const json = process.argv.includes('--json');

interface Rate {
  seconds: number;
  mibPerSecond: number;
  filesPerSecond: number;
}

function rate(c: Corpus, seconds: number): Rate {
  return { seconds: round(seconds, 2), mibPerSecond: round(c.bytes / MiB / seconds, 2), filesPerSecond: round(c.files.length / seconds, 1) };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

// As the CLI does (bin/clarity.ts): the same compiler settings for clarity's figures. The peers run after, in the same process.
tuneCompilerForBatches();

// Other work on the machine skews every figure (the all-cores pass most): the load average is printed with them.
const loadAtStart = round(loadavg()[0] ?? 0, 2);
const root = corpusRoot();
const corpora = loadCorpora(root);
if (corpora.length === 0) {
  console.log(`bench: no corpus at ${root} (set CLARITY_CORPUS); nothing to measure.`);
  process.exit(0);
}

// `-- --scaling` prints the scaling table alone (it is the slow part; the rest of the bench needs no re-run for it).
if (process.argv.includes('--scaling')) {
  const points = await measureScaling(SCALING_SCRIPT, root);
  printScaling(points, judgeScaling(points));
  process.exit(0);
}

const engine = createEngine({ personas: BUILTIN_PERSONAS });
const personaIds = BUILTIN_PERSONAS.map((p) => p.id);
const results: Record<string, { files: number; mib: number; parseOnly: Rate; auditOneCore: Rate; auditAllCores: Rate; allCoresThreads: number; allCoresRuns: number[]; allCoresPeakRssMiB: number; oneCoreCpuShare: number; units: number; findings: number; skipped: number }> = {};

/** What the accuracy figures need from each audited file, noted during the one-core pass. */
interface FileNote {
  consensusGrade: number;
  fleschKincaid: number;
  overall: Record<string, number>;
}
const notes = new Map<string, FileNote>();
/** real: every unit's overall score per persona, and finding counts by rule and normalised text. */
const realScores: Record<string, number[]> = Object.fromEntries(personaIds.map((id) => [id, []]));
const findingCounts = new Map<string, number>();
const findingExamples = new Map<string, { path: string; line: number; text: string }>();

function note(corpus: string, path: string, units: readonly UnitReport[]): void {
  if (corpus === 'onestop') {
    // A .txt file is one unit; an unaudited file (no units) leaves its triple out of the counts.
    const u = units[0];
    notes.set(path, { consensusGrade: u ? u.metrics.consensusGrade : NaN, fleschKincaid: u ? u.metrics.fleschKincaidGrade : NaN, overall: Object.fromEntries(personaIds.map((id) => [id, u?.scores.find((s) => s.personaId === id)?.overall ?? NaN])) });
  } else if (corpus === 'real') {
    for (const u of units) {
      for (const s of u.scores) realScores[s.personaId]?.push(s.overall);
      for (const f of u.findings) {
        const key = `${f.ruleId}\t${normaliseFindingText(f.text)}`;
        findingCounts.set(key, (findingCounts.get(key) ?? 0) + 1);
        if (!findingExamples.has(key)) findingExamples.set(key, { path: u.path, line: f.line, text: f.text });
      }
    }
  }
}

for (const c of corpora) {
  // Warm-up: load dictionaries and JIT the hot paths before timing.
  for (const f of c.files.slice(0, 20)) await auditFile(engine, f, DEFAULT_MAX_BYTES);

  const parseOnly = await timed(async () => {
    for (const f of c.files) await readAsset({ path: f, bytes: readFileSync(f) }, { maxBytes: DEFAULT_MAX_BYTES });
  });
  let units = 0;
  let findings = 0;
  let skipped = 0;
  const cpuBefore = process.cpuUsage();
  const oneCore = await timed(async () => {
    for (const f of c.files) {
      const r = await auditFile(engine, f, DEFAULT_MAX_BYTES);
      units += r.units.length;
      skipped += r.skipped.length;
      findings += r.units.reduce((n, u) => n + u.findings.length, 0);
      note(c.name, f, r.units);
    }
  });
  const cpu = process.cpuUsage(cpuBefore);
  const oneCoreCpuShare = round((cpu.user + cpu.system) / 1e6 / oneCore, 2);
  // Other work on a shared machine moves a single all-cores run by a tenth either way: the median of three is the figure.
  const runs: AllCoresFigures[] = [];
  for (let k = 0; k < ALL_CORES_RUNS; k++) runs.push(await measureAllCores(ALL_CORES_SCRIPT, root, c.name));
  runs.sort((a, b) => a.seconds - b.seconds);
  const allCores = runs[Math.floor(runs.length / 2)] as AllCoresFigures;
  results[c.name] = {
    files: c.files.length,
    mib: round(c.bytes / MiB, 2),
    parseOnly: rate(c, parseOnly),
    auditOneCore: rate(c, oneCore),
    auditAllCores: rate(c, allCores.seconds),
    allCoresThreads: allCores.threads,
    allCoresRuns: runs.map((r) => round(c.bytes / MiB / r.seconds, 2)),
    allCoresPeakRssMiB: allCores.peakRssMiB,
    oneCoreCpuShare,
    units,
    findings,
    skipped,
  };
}
// Memory as the batch grows: the real corpus audited 2× and 4× over in one streaming run each.
const realName = results.real ? 'real' : (corpora[0]?.name ?? '');
const memory = [{ repeat: 1, mib: results[realName]?.mib ?? 0, peakRssMiB: results[realName]?.allCoresPeakRssMiB ?? 0, mibPerSecond: results[realName]?.auditAllCores.mibPerSecond ?? 0 }];
for (const repeat of [2, 4]) {
  const m = await measureAllCores(ALL_CORES_SCRIPT, root, realName, repeat);
  memory.push({ repeat, mib: round(m.bytes / MiB, 2), peakRssMiB: m.peakRssMiB, mibPerSecond: round(m.bytes / MiB / m.seconds, 2) });
}

// Accuracy on onestop: clarity's consensus grade and persona scores, and raw text-readability FK on the text as read.
const triples = onestopTriples(root);
let accuracy: { consensusGrade: Ordering; fleschKincaid: Ordering; fleschKincaidRaw: Ordering; fkSeconds: number; personas: Record<string, Ordering> } | undefined;
if (triples.length > 0 && notes.size > 0) {
  const fk = new Map<string, number>();
  const fkSeconds = await timed(async () => {
    for (const t of triples) for (const f of [t.ele, t.int, t.adv]) fk.set(f, readability.fleschKincaidGrade(readFileSync(f, 'utf8')));
  });
  const of = (pick: (path: string) => number): Triple[] => triples.map((t) => ({ ele: pick(t.ele), int: pick(t.int), adv: pick(t.adv) }));
  accuracy = {
    consensusGrade: ordering(of((p) => notes.get(p)?.consensusGrade ?? NaN), 'ascending'),
    fleschKincaid: ordering(of((p) => notes.get(p)?.fleschKincaid ?? NaN), 'ascending'),
    fleschKincaidRaw: ordering(of((p) => fk.get(p) ?? NaN), 'ascending'),
    fkSeconds,
    personas: Object.fromEntries(personaIds.map((id) => [id, ordering(of((p) => notes.get(p)?.overall[id] ?? NaN), 'descending')])),
  };
}
const realDistribution: Record<string, Distribution> = Object.fromEntries(Object.entries(realScores).map(([id, v]) => [id, distribution(v)]));
const topFindings = topCounts(findingCounts, 10).map(({ key, count }) => {
  const [ruleId = '', text = ''] = key.split('\t');
  return { ruleId, text, count, example: findingExamples.get(key) };
});

// The peers: same files, one core, in-process, timed like clarity's one-core audit.
const peers = await measurePeers(corpora);

// The serverless pipeline, on this machine: 500 uploads through the local pipeline, and the audit Lambda's cold start.
const projectRoot = process.cwd();
const realFiles = corpora.find((c) => c.name === 'real')?.files ?? corpora[0]!.files;
const pipeline = await timeUploads(Array.from({ length: 500 }, (_, i) => realFiles[i % realFiles.length]!), 500);
const lambda = await measureAuditLambda(projectRoot);
// The language server (the bundled CLI beside this file): didChange → diagnostics on a 50 KB Markdown document.
const lsp = await measureLsp([fileURLToPath(new URL('./clarity.js', import.meta.url)), 'lsp', '--stdio'], markdownDocument(realFiles));
// Does one long unit cost in proportion to its length? Each size of each shape in a fresh process.
const scalingPoints = await measureScaling(SCALING_SCRIPT, root);
const scaling = judgeScaling(scalingPoints);

console.log(`clarity bench — ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, corpus ${root}, ${new Date().toISOString().slice(0, 10)}, load average at start ${loadAtStart}`);
if (loadAtStart > availableParallelism() / 2) console.log(`warning: the machine was busy at start (1-minute load average ${loadAtStart}); timings are low, the all-cores ones most.`);
console.log('corpus    files     MiB | parse-only MiB/s | audit 1 core MiB/s files/s | audit all cores MiB/s files/s | units findings skipped');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(8)} ${String(r.files).padStart(6)} ${r.mib.toFixed(2).padStart(7)} | ${r.parseOnly.mibPerSecond.toFixed(2).padStart(16)} | ${r.auditOneCore.mibPerSecond.toFixed(2).padStart(18)} ${r.auditOneCore.filesPerSecond.toFixed(1).padStart(7)} | ${r.auditAllCores.mibPerSecond.toFixed(2).padStart(21)} ${r.auditAllCores.filesPerSecond.toFixed(1).padStart(7)} | ${r.units} ${r.findings} ${r.skipped}`,
  );
}
console.log(`CPU time / wall time of the one-core audit (about 1 on a quiet machine; lower means other work competed): ${Object.entries(results).map(([n, r]) => `${n} ${r.oneCoreCpuShare}`).join(', ')}`);
console.log(`all cores: median of ${ALL_CORES_RUNS} runs, each a fresh process (cold, as in CI): ${Object.entries(results).map(([n, r]) => `${n} ${r.allCoresThreads} threads, runs ${r.allCoresRuns.join(' / ')} MiB/s, peak RSS ${r.allCoresPeakRssMiB} MiB`).join('; ')}`);
console.log(`memory as the batch grows (${realName}, streamed, all cores): ${memory.map((m) => `${m.repeat}× ${m.mib} MiB → peak RSS ${m.peakRssMiB} MiB at ${m.mibPerSecond} MiB/s`).join('; ')}`);

if (accuracy) {
  console.log('');
  console.log(`accuracy on onestop (${accuracy.consensusGrade.triples} triples; a pair is in order when strictly ele < int < adv for grades, ele > int > adv for scores; ties count as not in order)`);
  console.log('measure                              pairs  triples      | ele<int  int<adv  ele<adv (in order/ties) | mean ele / int / adv');
  printOrdering('clarity consensus grade', accuracy.consensusGrade);
  printOrdering('clarity FK grade (its own counts)', accuracy.fleschKincaid);
  printOrdering('text-readability FK, raw text', accuracy.fleschKincaidRaw);
  for (const [id, o] of Object.entries(accuracy.personas)) printOrdering(`score: ${id}`, o);
  console.log(`(text-readability fleschKincaidGrade: ${accuracy.fleschKincaidRaw.triples * 3} files in ${accuracy.fkSeconds.toFixed(2)} s)`);
}

if (realScores[personaIds[0]!]!.length > 0) {
  console.log('');
  console.log('score distribution on real (overall score per unit)');
  console.log('persona                    units   min   p25 median   p75   max');
  for (const [id, d] of Object.entries(realDistribution)) {
    console.log(`${id.padEnd(24)} ${String(d.n).padStart(7)} ${[d.min, d.p25, d.median, d.p75, d.max].map((v) => round(v, 1).toFixed(1).padStart(5)).join(' ')}`);
  }
  console.log('');
  console.log('ten most frequent findings on real (rule, normalised text, count, first example)');
  for (const f of topFindings) {
    const where = f.example ? `${relative(root, f.example.path)}:${f.example.line}` : '';
    console.log(`${String(f.count).padStart(6)}  ${f.ruleId.padEnd(16)} ${JSON.stringify(f.text).padEnd(24)} ${where}`);
  }
}

console.log('');
console.log('peers (one core, in-process library API, one file at a time, read from disk; warm-up on 20 files)');
console.log('tool        corpus   MiB/s  files/s   alerts  alert mix');
for (const p of peers) {
  if (!p.available) {
    console.log(`peer ${p.id} unavailable: ${p.reason}`);
    continue;
  }
  for (const [name, f] of Object.entries(p.corpora)) {
    const mix = Object.entries(f.bySource)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ');
    console.log(`${p.id.padEnd(11)} ${name.padEnd(8)} ${f.mibPerSecond.toFixed(2).padStart(5)} ${f.filesPerSecond.toFixed(1).padStart(8)} ${String(f.alerts).padStart(8)}  ${mix}${f.errors ? ` (${f.errors} files threw; first: ${f.firstError ?? '?'})` : ''}`);
  }
}
for (const p of peers) if (p.available) console.log(`  ${p.id}: ${p.label}`);
const ratios = ratiosOf(peers);
for (const [name, r] of Object.entries(ratios)) {
  const parts = Object.entries(r).map(([peer, v]) => `${v}× ${peer}`);
  if (parts.length > 0) console.log(`clarity all cores vs peers on ${name}: ${parts.join(', ')} (one core: ${oneCoreRatios(name, peers)})`);
}

console.log('');
console.log(`local pipeline: ${pipeline.uploads} uploads fully audited in ${pipeline.seconds} s (${pipeline.auditsPerSecond} audits/s, ${pipeline.deadLetters} dead-lettered)`);
console.log(`audit Lambda: bundle ${round(lambda.bundleBytes / MiB, 2)} MiB (${lambda.bundleBytes.toLocaleString('en')} bytes), module init ${lambda.initMs} ms, first invocation ${lambda.firstInvocationMs} ms (fresh Node process, emulators)`);
console.log(describeLsp(lsp));
console.log('');
printScaling(scalingPoints, scaling);
if (json) {
  const peerJson = (id: PeerFigures['id']) => {
    const p = peers.find((x) => x.id === id);
    if (!p || !p.available) return null;
    return Object.fromEntries(Object.entries(p.corpora).map(([k, f]) => [k, { mibPerSecond: f.mibPerSecond, filesPerSecond: f.filesPerSecond, alerts: f.alerts }]));
  };
  const unavailable = Object.fromEntries(peers.flatMap((p) => (p.available ? [] : [[p.id, p.reason]])));
  console.log(
    JSON.stringify({
      clarity: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { mibPerSecond: r.auditAllCores.mibPerSecond, filesPerSecond: r.auditAllCores.filesPerSecond, oneCoreMibPerSecond: r.auditOneCore.mibPerSecond, runsMibPerSecond: r.allCoresRuns, peakRssMiB: r.allCoresPeakRssMiB }])),
      retext: peerJson('retext'),
      alex: peerJson('alex'),
      writeGood: peerJson('writeGood'),
      ...(Object.keys(unavailable).length > 0 ? { peersUnavailable: unavailable } : {}),
      ratios,
      parseOnly: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { mibPerSecond: r.parseOnly.mibPerSecond }])),
      peakRssMiB: Math.max(...Object.values(results).map((r) => r.allCoresPeakRssMiB)),
      memory,
      loadAverageAtStart: loadAtStart,
      pipeline,
      scaling: { points: scalingPoints, ...scaling },
      lsp,
      lambda: { bundleMiB: round(lambda.bundleBytes / MiB, 2), bundleBytes: lambda.bundleBytes, initMs: lambda.initMs, firstInvocationMs: lambda.firstInvocationMs },
      accuracy: {
        ...(accuracy
          ? {
              onestop: {
                consensusGrade: orderingSummary(accuracy.consensusGrade),
                fleschKincaid: orderingSummary(accuracy.fleschKincaid),
                fleschKincaidRaw: orderingSummary(accuracy.fleschKincaidRaw),
                personas: Object.fromEntries(Object.entries(accuracy.personas).map(([id, o]) => [id, orderingSummary(o)])),
              },
            }
          : {}),
        ...(realScores[personaIds[0]!]!.length > 0
          ? { real: { personas: Object.fromEntries(Object.entries(realDistribution).map(([id, d]) => [id, { min: round(d.min, 1), p25: round(d.p25, 1), median: round(d.median, 1), p75: round(d.p75, 1), max: round(d.max, 1) }])) } }
          : {}),
      },
    }),
  );
}

function printOrdering(label: string, o: Ordering): void {
  const p = o.byPair;
  const pair = (c: { correct: number; ties: number }) => `${c.correct}/${c.ties}`.padStart(7);
  console.log(
    `${label.padEnd(34)} ${o.pairShare.toFixed(3).padStart(7)} ${o.tripleShare.toFixed(3).padStart(8)} (${String(o.triplesCorrect).padStart(3)}) | ${pair(p.eleInt)}  ${pair(p.intAdv)}  ${pair(p.eleAdv)} ${''.padEnd(15)} | ${o.mean.ele.toFixed(2)} / ${o.mean.int.toFixed(2)} / ${o.mean.adv.toFixed(2)}`,
  );
}

/** clarity's all-cores MiB/s over each available peer's, per corpus. */
function ratiosOf(list: readonly PeerFigures[]): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(results).map(([name, r]) => [
      name,
      Object.fromEntries(list.flatMap((p) => (p.available && p.corpora[name] ? [[p.id, round(r.auditAllCores.mibPerSecond / p.corpora[name].mibPerSecond, 1)]] : []))),
    ]),
  );
}

function oneCoreRatios(name: string, list: readonly PeerFigures[]): string {
  const r = results[name]!;
  return list
    .flatMap((p) => (p.available && p.corpora[name] ? [`${round(r.auditOneCore.mibPerSecond / p.corpora[name].mibPerSecond, 1)}× ${p.id}`] : []))
    .join(', ');
}
