import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LoadedConfig } from '../../config/load.ts';
import { pickPersonas } from '../../config/personas.ts';
import { engineOptionsOf, maxBytesOf } from '../../config/engine-options.ts';
import type { EngineOptions } from '../../engine/audit.ts';
import type { AuditReport, Persona, Skipped } from '../../engine/types.ts';
import { buildReport } from '../../report/build.ts';
import { renderText } from '../../report/render-text.ts';
import { decodeText, startsWith, UTF8_BOM } from '../../engine/parse/decode.ts';
import { BODY_MAP } from '../../engine/parse/body-map.ts';
import { compareWithBaseline, type Baseline } from '../../ci/baseline.ts';
import { changedFiles, onlyChanged } from '../../ci/changed.ts';
import { Locator } from '../../ci/locate.ts';
import { suggestedEdits } from '../../ci/suggestions.ts';
import { decide, type Verdict } from '../../ci/verdict.ts';
import { collectInputs } from '../collect.ts';
import { auditFiles } from '../audit-files.ts';
import { barFor } from '../thresholds.ts';
import { EXIT, UsageError } from '../errors.ts';
import { batched, writeFileAtomic } from '../output.ts';
import { anyNeeds, FORMATS, formatFromOut, isFormat, OUTPUT_FORMATS, type Format } from '../output-formats.ts';
import type { Io } from '../io.ts';
import type { OptionName, Values } from '../options.ts';
import { loadedConfig, type Command, type Input } from './command.ts';

/** The options of an audit and its report, which `clarity check` takes too. */
export const AUDIT_OPTIONS = ['persona', 'format', 'out', 'report', 'changed', 'config', 'min-score', 'max-bytes', 'jobs'] as const satisfies readonly OptionName[];

/** What `clarity audit` and `clarity check` (and `clarity fix`, in part) settle from their options before reading a file. */
export interface AuditPlan {
  loaded: LoadedConfig;
  personas: Persona[];
  engine: EngineOptions;
  maxBytes: number;
  values: Values;
  operands: string[];
}

/** The config, the personas and the size limit, with the operands the command needs. */
export function planAudit(name: string, { values, operands }: Input, io: Io): AuditPlan {
  const loaded = loadedConfig(io, values);
  const personas = pickPersonas(loaded, values.strings('persona'));
  if (typeof personas === 'string') throw new UsageError(personas);
  return { loaded, personas, engine: engineOptionsOf(loaded, personas), maxBytes: maxBytesOf(loaded, values.number('max-bytes')), values, operands: needsOperands(name, operands) };
}

function needsOperands(name: string, operands: string[]): string[] {
  if (operands.length === 0) throw new UsageError(`${name} needs at least one file, directory or glob`);
  return operands;
}

/** The report's formats and files, and the bar, checked before anything is read. */
export interface ReportPlan {
  format: Format;
  extra: { format: Format; file: string }[];
  minScore: number | undefined;
  jobs: number | undefined;
}

export function planReport(values: Values): ReportPlan {
  const format = values.string('format') ?? formatFromOut(values.string('out')) ?? 'text';
  if (!isFormat(format)) throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
  const minScore = values.number('min-score');
  const jobs = values.number('jobs');
  const extra = (values.strings('report') ?? []).map((spec) => {
    const at = spec.indexOf(':');
    const f = spec.slice(0, at);
    if (at < 1 || at === spec.length - 1 || !isFormat(f)) throw new UsageError(`--report takes <format>:<file> with a format of ${FORMATS.join(', ')} (got "${spec}")`);
    return { format: f, file: spec.slice(at + 1) };
  });
  return { format, extra, minScore, jobs };
}

/** The files the operands name, less the config's ignores; with `--changed`, only those changed since the ref. */
export async function selectFiles(plan: AuditPlan, io: Io): Promise<{ files: string[]; leftOut: Skipped[] }> {
  const collected = await collectInputs(plan.operands, io.cwd, plan.loaded.config.ignore);
  if (!collected.ok) throw new UsageError(collected.error.message);
  let { files, leftOut } = collected.value;
  const since = plan.values.string('changed');
  if (since !== undefined) {
    const changed = changedFiles(io.cwd, since || undefined);
    if (!changed.ok) throw new UsageError(changed.error.message);
    if (changed.value.note) io.stderr(`clarity: ${changed.value.note}\n`);
    files = onlyChanged(files, changed.value);
    const stillIn = new Set(onlyChanged(leftOut.map((s) => s.path), changed.value));
    leftOut = leftOut.filter((s) => stillIn.has(s.path));
    io.stderr(`clarity: --changed: ${files.length} of ${collected.value.files.length} file(s) changed since ${changed.value.ref}.\n`);
  }
  return { files, leftOut };
}

/**
 * Audits the files, renders the report in its format (to stdout, or to `--out` with a summary on stdout) and the
 * `--report` files, and returns the report and the verdict against the bars (and the baseline, for check).
 */
export async function auditAndReport(
  command: string,
  plan: AuditPlan,
  out: ReportPlan,
  selected: { files: string[]; leftOut: Skipped[] },
  io: Io,
  baseline?: Baseline,
): Promise<{ report: AuditReport; verdict: Verdict }> {
  const { format, extra, minScore, jobs } = out;
  const { audits, workerError } = await auditFiles(selected.files, {
    ...plan.engine,
    maxBytes: plan.maxBytes,
    ...(jobs !== undefined ? { jobs } : {}),
    ...(io.workerUrl ? { workerUrl: io.workerUrl } : {}),
    ...(io.interactive ? { onProgress: progress(io) } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    // The HTML report shows each text with its findings highlighted, so it needs the text.
    ...(anyNeeds([format, ...extra.map((e) => e.format)], 'includeSource') ? { includeSource: true } : {}),
  });
  if (workerError) io.stderr(`clarity: a worker thread failed (${workerError}); the rest of the files were audited in-process.\n`);
  const report = relativePaths(
    buildReport(plan.personas, audits.flatMap((a) => a.units), [...audits.flatMap((a) => a.skipped), ...selected.leftOut]),
    io.cwd,
  );

  const { thresholds } = plan.loaded.config;
  const verdict = decide(report, thresholds, minScore, baseline ? compareWithBaseline(report, baseline) : undefined);
  const rdjson = anyNeeds([format, ...extra.map((e) => e.format)], 'fileText');
  const locator = new Locator(await sourceReader(io.cwd, report, rdjson));
  // rdjson's suggested changes are the edits clarity fix would make, planned on the files parsed again.
  const edits = rdjson ? await suggestedEdits(report, (path) => readFile(resolve(io.cwd, path)).catch(() => undefined)) : undefined;
  const bars = Object.fromEntries(plan.personas.map((p) => [p.id, barFor(p.id, thresholds, minScore)]));
  const ctx = { report, command, verdict, locator, bars, ...(edits ? { edits } : {}) };
  const rendered = OUTPUT_FORMATS[format].render(ctx);
  // Stopped while rendering: nothing is written. Past this point the files are renamed into place whole, or not at all.
  const stillWanted = (): void => io.signal?.throwIfAborted();
  stillWanted();
  const file = plan.values.string('out');
  if (file) {
    const path = resolve(io.cwd, file);
    writeFileAtomic(path, batched(rendered), stillWanted);
    io.stdout(renderText(report));
    io.stdout(`Report written to ${path}\n`);
  } else {
    for (const chunk of batched(rendered)) io.stdout(chunk);
  }
  for (const { format: f, file: to } of extra) writeFileAtomic(resolve(io.cwd, to), batched(OUTPUT_FORMATS[f].render(ctx)), stillWanted);
  return { report, verdict };
}

/** `clarity audit`: audit and report. */
export const audit: Command = {
  name: 'audit',
  options: AUDIT_OPTIONS,
  usage: { call: ['clarity audit <files|dirs|globs...> [options]'], about: ['audit and report'] },
  async run(input, io) {
    const plan = planAudit('audit', input, io);
    const out = planReport(input.values);
    await auditAndReport('audit', plan, out, await selectFiles(plan, io), io);
    return EXIT.ok;
  },
};

/**
 * For rdjson, which counts columns in UTF-8 bytes from the line's text, the text of the whole files in the report, as
 * the audit decoded it. A macro export's text came with its units' body maps, so it is not read again.
 */
async function sourceReader(cwd: string, report: AuditReport, rdjson: boolean): Promise<(path: string) => string | undefined> {
  const texts = new Map<string, string>();
  const paths = new Set(rdjson ? report.units.filter((u) => !u[BODY_MAP]).map((u) => u.path) : []);
  for (const path of paths) {
    try {
      const bytes = await readFile(resolve(cwd, path));
      const text = decodeText(bytes);
      // The decoder drops a UTF-8 byte-order mark, which rdjson's byte columns must count.
      if (text.ok) texts.set(path, (startsWith(bytes, UTF8_BOM) ? '\uFEFF' : '') + text.value);
    } catch {
      // Gone or unreadable since the audit: positions fall back to lines.
    }
  }
  return (path) => texts.get(path);
}

function relativePaths(report: AuditReport, cwd: string): AuditReport {
  const rel = (p: string): string => {
    const [file, fragment] = p.split('#') as [string, string | undefined];
    const r = file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
    return fragment ? `${r}#${fragment}` : r;
  };
  return {
    ...report,
    units: report.units.map((u) => ({ ...u, path: rel(u.path) })),
    skipped: report.skipped.map((s) => ({ ...s, path: rel(s.path) })),
  };
}

function progress(io: Io): (done: number, total: number, path: string) => void {
  return (done, total, path) => {
    io.stderr(`\r\x1b[2K[${done}/${total}] ${path.slice(-60)}`);
    if (done === total) io.stderr('\r\x1b[2K');
  };
}
