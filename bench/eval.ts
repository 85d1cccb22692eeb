/**
 * `npm run eval`: precision per rule, suggestion correctness and recall on missed problems, from findings judged
 * by hand. Three sets, reported apart: the editor's development set (read from ../shared/corpus/labels, never
 * copied), and the project's own labels in bench/labels/own.jsonl, split into `dev` (tuned against) and `holdout`
 * (not). Usage: npm run eval [-- --json] [-- --unjudged out.jsonl [--also list.txt]] [-- --rules hedging=on,fear=off] [-- --standing FP] [-- --withdrawn TP] [-- --wrong-suggestions] [-- --rejudge out.jsonl] [-- --uncovered] [-- --reader second]
 *
 * `--reader second`: the jargon verdicts of a second reader (bench/labels/second-reader-jargon.jsonl, judged blind to
 * the first reader's and the editor's) replace the own labels' jargon verdicts, and the readers' agreement is printed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditFiles } from '../lib/cli/audit-files.ts';
import { BUILTIN_PERSONAS } from '../lib/engine/persona/builtin.ts';
import { DEFAULT_MAX_BYTES } from '../lib/engine/parse/asset.ts';
import type { RuleSwitches } from '../lib/engine/rules/registry.ts';
import { corpusRoot, onestopTriples } from './corpus.ts';
import { ordering } from './accuracy.ts';
import { covers, findingKey, precision, sum, tally, wilson, type Found, type Label, type Miss, type RuleTally, splitTally, type SplitLabel } from './precision.ts';

const OWN_LABELS = fileURLToPath(new URL('./labels/own.jsonl', import.meta.url));
const OWN_MISSES = fileURLToPath(new URL('./labels/own-misses.jsonl', import.meta.url));
const OWN_SPLITS = fileURLToPath(new URL('./labels/own-splits.jsonl', import.meta.url));
const SECOND_READER = fileURLToPath(new URL('./labels/second-reader-jargon.jsonl', import.meta.url));
const MISS_PERSONA = 'first-time-consumer';

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Audits with the built-in personas, in-process, with the rule switches being tried. */
async function auditWith(paths: readonly string[], rules: RuleSwitches) {
  return (await auditFiles(paths, { personas: BUILTIN_PERSONAS, maxBytes: DEFAULT_MAX_BYTES, jobs: 1, rules })).audits;
}

/** Today's findings on `files` (relative to the real corpus), at file positions. */
async function findingsOn(real: string, files: readonly string[], rules: RuleSwitches): Promise<Found[]> {
  const audits = await auditWith(files.map((f) => join(real, f)), rules);
  return audits.flatMap((a) =>
    a.units.flatMap((u) =>
      u.findings.flatMap((f) => {
        const at = {
          file: relative(real, u.path),
          text: f.text,
          // Embedded units (macros) count from their origin in the file.
          line: u.origin ? u.origin.line + f.line - 1 : f.line,
          column: u.origin && f.line === 1 ? u.origin.column + f.column - 1 : f.column,
          length: f.length,
        };
        // A sentence-level finding still says what the rules folded into it say (as its reasons): a judgement of
        // one of those is a judgement of what the finding reports.
        const reasons = (f.reasons ?? []).map((r) => ({ ...at, ruleId: r.ruleId, personas: r.personas }));
        return [{ ...at, ruleId: f.ruleId, personas: f.personas, message: f.message, ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}) }, ...reasons];
      }),
    ),
  );
}

interface SetReport {
  name: string;
  documents: number;
  byRule: Record<string, RuleTally & { precision?: number; interval?: [number, number] }>;
  all: RuleTally & { precision?: number; interval?: [number, number] };
  recall?: { covered: number; misses: number; byKind: Record<string, [number, number]> };
}

function withPrecision(t: RuleTally): RuleTally & { precision?: number; interval?: [number, number] } {
  const p = precision(t);
  return { ...t, ...(p !== undefined ? { precision: p, interval: wilson(t.TP, t.TP + t.FP) } : {}) };
}

function evaluate(name: string, labels: readonly Label[], found: readonly Found[], real: string, misses: readonly Miss[] = []): SetReport {
  const files = new Set(labels.map((l) => l.file));
  const onFiles = found.filter((f) => files.has(f.file));
  const byRule = tally(labels, onFiles);
  const report: SetReport = {
    name,
    documents: files.size,
    byRule: Object.fromEntries([...byRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([r, t]) => [r, withPrecision(t)])),
    all: withPrecision(sum(byRule.values())),
  };
  if (misses.length > 0) {
    const byKind: Record<string, [number, number]> = {};
    let covered = 0;
    const lines = new Map<string, string[]>();
    for (const m of misses) {
      let fileLines = lines.get(m.file);
      if (!fileLines) lines.set(m.file, (fileLines = readFileSync(join(real, m.file), 'utf8').split('\n')));
      const lineText = fileLines[m.line - 1] ?? '';
      const hit = covers(m, lineText, found, MISS_PERSONA);
      // Never the held-back split's: its misses are read only as a figure.
      if (!hit && process.argv.includes('--uncovered') && !name.includes('held-back')) console.log(`uncovered ${m.kind}\t${m.file}:${m.line}\t${JSON.stringify(m.text)}`);
      const k = (byKind[m.kind] ??= [0, 0]);
      k[1]++;
      if (hit) {
        k[0]++;
        covered++;
      }
    }
    report.recall = { covered, misses: misses.length, byKind };
  }
  return report;
}

const pct = (x: number | undefined): string => (x === undefined ? '   —' : `${(x * 100).toFixed(0).padStart(3)}%`);

function print(r: SetReport): void {
  console.log(`\n## ${r.name} (${r.documents} documents)`);
  console.log('rule               TP  FP DEB  precision (95% CI)   withdrawn TP/FP/DEB  unjudged  suggestions ok');
  const row = (name: string, t: SetReport['all']): void => {
    const ci = t.interval ? `(${pct(t.interval[0]).trim()}–${pct(t.interval[1]).trim()})` : '';
    const sugg = t.suggestionsJudged > 0 ? `${t.suggestionsOk}/${t.suggestionsJudged} ${pct(t.suggestionsOk / t.suggestionsJudged)}` : '—';
    console.log(
      `${name.padEnd(17)} ${String(t.TP).padStart(3)} ${String(t.FP).padStart(3)} ${String(t.DEBATABLE).padStart(3)}  ${pct(t.precision)} ${ci.padEnd(12)}   ${`${t.withdrawn.TP}/${t.withdrawn.FP}/${t.withdrawn.DEBATABLE}`.padEnd(19)}  ${String(t.unjudged).padStart(8)}  ${sugg}${t.suggestionsUnjudged ? ` (+${t.suggestionsUnjudged} changed, unjudged)` : ''}`,
    );
  };
  for (const [rule, t] of Object.entries(r.byRule)) row(rule, t);
  row('ALL', r.all);
  if (r.recall) {
    const kinds = Object.entries(r.recall.byKind).map(([k, [c, n]]) => `${k} ${c}/${n}`).join(', ');
    console.log(`recall on missed problems (${MISS_PERSONA}): ${r.recall.covered}/${r.recall.misses} ${pct(r.recall.covered / r.recall.misses)}  [${kinds}]`);
  }
}

/**
 * Scores must still follow the findings after a rule change: each persona's score should fall from the elementary
 * to the advanced version of every onestop article (the benchmark's accuracy figure, recomputed here).
 */
async function scoresFollowFindings(root: string, rules: RuleSwitches, json: boolean): Promise<void> {
  const triples = onestopTriples(root);
  if (triples.length === 0) return;
  const paths = triples.flatMap((t) => [t.ele, t.int, t.adv]);
  const audits = await auditWith(paths, rules);
  const overall = (i: number, id: string): number => audits[i]?.units[0]?.scores.find((s) => s.personaId === id)?.overall ?? NaN;
  const byPersona = Object.fromEntries(
    BUILTIN_PERSONAS.map((p) => [p.id, ordering(triples.map((_, i) => ({ ele: overall(3 * i, p.id), int: overall(3 * i + 1, p.id), adv: overall(3 * i + 2, p.id) })), 'descending').tripleShare]),
  );
  if (json) console.log(JSON.stringify({ onestopTriplesInOrder: byPersona }));
  else console.log(`\nonestop triples in order by persona score (${triples.length}): ${Object.entries(byPersona).map(([id, v]) => `${id} ${v.toFixed(3)}`).join(', ')}`);
}

interface SecondReading {
  of: 'own' | 'editor';
  file: string;
  line: number;
  text: string;
  verdict: Label['verdict'];
  why: string;
}

/**
 * The own labels with the second reader's jargon verdicts in place of the first reader's, after printing how often
 * the readers agree with each other and with the editor (a second reader who agrees with the editor where both
 * decide is the calibration that makes the substitute figure worth reading).
 */
function secondReader(own: Label[], editorDir: string): Label[] {
  const key = (l: { file: string; line: number; text: string }): string => `${l.file}|${l.line}|${l.text}`;
  const second = new Map(readJsonl<SecondReading>(SECOND_READER).map((r) => [`${r.of}|${key(r)}`, r.verdict]));
  const editor = existsSync(join(editorDir, 'findings.jsonl')) ? readJsonl<Label>(join(editorDir, 'findings.jsonl')).filter((l) => l.ruleId === 'jargon') : [];
  const agreement = (name: string, labels: Label[], of: SecondReading['of']): void => {
    const pairs = labels.flatMap((l) => ((v) => (v ? [[l.verdict, v] as const] : []))(second.get(`${of}|${key(l)}`)));
    const decided = pairs.filter(([a, b]) => a !== 'DEBATABLE' && b !== 'DEBATABLE');
    console.log(`second reader vs ${name}: ${pairs.filter(([a, b]) => a === b).length}/${pairs.length} the same verdict; where both decide (TP or FP), ${decided.filter(([a, b]) => a === b).length}/${decided.length}`);
  };
  agreement("the editor (jargon findings of the editor's set)", editor, 'editor');
  agreement('the first reader, own dev', own.filter((l) => l.ruleId === 'jargon' && l.split !== 'holdout'), 'own');
  agreement('the first reader, own held-back', own.filter((l) => l.ruleId === 'jargon' && l.split === 'holdout'), 'own');
  console.log('');
  return own.map((l) => (l.ruleId === 'jargon' ? { ...l, verdict: second.get(`own|${key(l)}`) ?? l.verdict } : l));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // --rules hedging=on,fear=off: try rule switches over the defaults, as the config would set them.
  const rules: Record<string, 'on' | 'off'> = {};
  if (args.includes('--rules')) {
    for (const pair of (args[args.indexOf('--rules') + 1] ?? '').split(',')) {
      const [id, state] = pair.split('=');
      if (id && (state === 'on' || state === 'off')) rules[id] = state;
    }
  }
  const root = corpusRoot();
  const real = join(root, 'real');
  const editorDir = join(root, 'labels');
  const sets: Array<{ name: string; labels: Label[]; misses?: Miss[] }> = [];
  if (existsSync(join(editorDir, 'findings.jsonl'))) {
    const misses = existsSync(join(editorDir, 'misses.jsonl')) ? readJsonl<Miss>(join(editorDir, 'misses.jsonl')) : [];
    sets.push({ name: "editor's development set (../shared/corpus/labels)", labels: readJsonl<Label>(join(editorDir, 'findings.jsonl')), misses });
  }
  if (existsSync(OWN_LABELS)) {
    const first = readJsonl<Label>(OWN_LABELS);
    const own = args.includes('--reader') && args[args.indexOf('--reader') + 1] === 'second' ? secondReader(first, editorDir) : first;
    // Problems found by reading documents in full, before looking at what clarity finds in them. The first ones,
    // written before misses had a split, are all on held-back documents.
    const ownMisses = existsSync(OWN_MISSES) ? readJsonl<Miss>(OWN_MISSES) : [];
    sets.push({ name: 'own labels, dev split (bench/labels/own.jsonl)', labels: own.filter((l) => l.split !== 'holdout'), misses: ownMisses.filter((m) => m.split === 'dev') });
    sets.push({ name: 'own labels, held-back split (never tuned against)', labels: own.filter((l) => l.split === 'holdout'), misses: ownMisses.filter((m) => m.split !== 'dev') });
  }
  if (sets.length === 0 || !existsSync(real)) {
    console.error(`No labelled data or corpus found under ${root} (set CLARITY_CORPUS).`);
    process.exitCode = 2;
    return;
  }
  const splits = existsSync(OWN_SPLITS) ? readJsonl<SplitLabel>(OWN_SPLITS) : [];
  // --also list.txt: more documents (paths under real/, one a line) to audit, so --unjudged lists their findings
  // for labelling documents no label set holds yet.
  const also = args.includes('--also') ? readFileSync(args[args.indexOf('--also') + 1] ?? '', 'utf8').split('\n').filter(Boolean) : [];
  const files = [...new Set([...sets.flatMap((s) => [...s.labels.map((l) => l.file), ...(s.misses ?? []).map((m) => m.file)]), ...splits.map((l) => l.file), ...also])].sort();
  const found = await findingsOn(real, files, rules);
  const reports = sets.map((s) => evaluate(s.name, s.labels, found, real, s.misses));
  if (args.includes('--json')) console.log(JSON.stringify(reports, null, 1));
  else reports.forEach(print);
  if (splits.length > 0) {
    const t = splitTally(splits, found);
    const share = t.judged > 0 ? `${Math.round((100 * t.grammatical) / t.judged)}%` : '—';
    console.log(`\nsentence splits grammatical when pasted (bench/labels/own-splits.jsonl, dev documents): ${t.grammatical}/${t.judged} ${share} (${t.changed} changed since judged, ${t.withdrawn} no longer offered)`);
  }

  await scoresFollowFindings(root, rules, args.includes('--json'));

  // What the listings below compare the labels with: today's findings by place.
  const today = new Map(found.map((f) => [findingKey(f), f]));

  // --standing FP (or --withdrawn TP): the judged findings of that verdict the engine still makes (or no longer
  // makes), to read while tuning. Never the held-back split.
  for (const [option, standing] of [['--standing', true], ['--withdrawn', false]] as const) {
    const verdict = args.includes(option) ? args[args.indexOf(option) + 1] : undefined;
    if (!verdict) continue;
    for (const s of sets.filter((x) => !x.name.includes('held-back'))) {
      for (const l of s.labels) {
        if (l.verdict === verdict && (today.get(findingKey(l))?.text === l.text) === standing) console.log(`${l.ruleId}\t${l.file}:${l.line}\t${JSON.stringify(l.text.slice(0, 40))}\t${l.note ?? ''}`);
      }
    }
  }

  // --wrong-suggestions: judged-wrong suggestions the engine still offers word for word, and suggestions that
  // changed since they were judged, to judge again (dev sets only).
  if (args.includes('--wrong-suggestions')) {
    for (const s of sets.filter((x) => !x.name.includes('held-back'))) {
      for (const l of s.labels) {
        const f = today.get(findingKey(l));
        if (l.suggestion_ok === false && f?.suggestion !== undefined && f.suggestion === l.suggestion) console.log(`${l.ruleId}\t${l.file}:${l.line}\t${JSON.stringify(l.text.slice(0, 40))} → ${JSON.stringify(f.suggestion.slice(0, 60))}\t${l.note ?? ''}`);
        else if (f?.suggestion !== undefined && f.suggestion !== l.suggestion) console.log(`changed ${l.ruleId}\t${l.file}:${l.line}\t${JSON.stringify(l.sentence ?? l.text)}\t${JSON.stringify(l.suggestion)} → ${JSON.stringify(f.suggestion)}`);
      }
    }
  }

  // --rejudge out.jsonl: every own label (held-back too: judging a suggestion again is not tuning) whose finding now
  // offers another suggestion, with the new one beside the old, to judge again and write back into own.jsonl.
  const rejudge = args[args.indexOf('--rejudge') + 1];
  if (args.includes('--rejudge') && rejudge) {
    const changed = sets
      .filter((s) => s.name.startsWith('own'))
      .flatMap((s) => s.labels.flatMap((l) => {
        const now = today.get(findingKey(l))?.suggestion;
        return now !== undefined && now !== l.suggestion ? [{ ...l, was: l.suggestion ?? null, suggestion: now }] : [];
      }));
    writeFileSync(rejudge, changed.map((l) => JSON.stringify(l)).join('\n') + '\n');
    console.log(`\n${changed.length} changed suggestions written to ${rejudge}`);
  }

  const out = args[args.indexOf('--unjudged') + 1];
  if (args.includes('--unjudged') && out) {
    const judged = new Set(sets.flatMap((s) => s.labels.map(findingKey)));
    const open = found.filter((f) => !judged.has(findingKey(f)));
    writeFileSync(out, open.map((f) => JSON.stringify(f)).join('\n') + '\n');
    console.log(`\n${open.length} unjudged findings written to ${out}`);
  }
}

await main();
