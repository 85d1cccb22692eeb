import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { pickPersonas } from '../config/personas.ts';
import { engineOptionsOf } from '../config/engine-options.ts';
import { DEFAULT_MAX_BYTES } from '../engine/parse/asset.ts';
import type { AuditReport } from '../engine/types.ts';
import { buildReport, unitLabel } from '../report/build.ts';
import { renderText } from '../report/render-text.ts';
import { VERSION } from '../version.ts';
import { collectInputs } from './collect.ts';
import { auditFiles } from './audit-files.ts';
import { barFor, DEFAULT_MIN_SCORE } from './thresholds.ts';
import { PIPELINE_USAGE, runDev, runPersonasPush, runUpload, UsageError } from './pipeline-commands.ts';
import { decodeText } from '../engine/parse/decode.ts';
import { compareWithBaseline, loadBaseline, writeBaseline, type Baseline } from '../ci/baseline.ts';
import { changedFiles, onlyChanged } from '../ci/changed.ts';
import { Locator } from '../ci/locate.ts';
import { BODY_MAP } from '../engine/parse/body-map.ts';
import { suggestedEdits } from '../ci/suggestions.ts';
import { decide, type Verdict } from '../ci/verdict.ts';
import { renderRules } from './rules-command.ts';
import { FIX_USAGE, ruleProblem, runFix } from './fix-command.ts';
import { CliError, EXIT, internalErrorText, Interrupted, remoteFailure } from './errors.ts';
import { batched, writeFileAtomic } from './output.ts';
import { anyNeeds, FORMATS, formatFromOut, isFormat, OUTPUT_FORMATS, type Format } from './output-formats.ts';
import type { Io } from './io.ts';

export type { Io };

export { EXIT };


/** What a usage error ends with instead of the full usage. */
export const HELP_POINTER = "Run 'clarity --help' for the commands and options.";

const USAGE = `Usage:
  clarity audit <files|dirs|globs...> [options]   audit and report
  clarity check <files|dirs|globs...> [options]   audit; exit 1 when an asset is under a persona's bar
${FIX_USAGE}
  clarity personas [--config file]                list the personas
  clarity rules [--format text|json] [--config file]
                                                  every rule, what it flags, how to fix it, on or off
  clarity lsp --stdio [--config file]             the language server for editors (see "Editor")
  clarity terms list|check|add|push|discover …    team glossaries (push: to the pipeline), and jargon found in
                                                  your content (clarity terms --help)
${PIPELINE_USAGE}

Options:
  --persona <id>      audit against this persona (repeatable; default: all)
  --format <f>        ${FORMATS.join(' | ')}
                      (default: text, or from --out's extension)
  --out <file>        write the report to a file and print a summary
  --report <f>:<file> also write format f to file (repeatable), e.g. --report sarif:clarity.sarif
  --changed[=<ref>]   only files changed since ref (git diff + untracked files; default:
                      origin/$GITHUB_BASE_REF, origin/HEAD, origin/main, origin/master, HEAD~1)
  --config <file>     config file (default: ./clarity.config.json when present)
  --min-score <n>     check: the bar for every persona (default: config, else ${DEFAULT_MIN_SCORE})
  --baseline <file>   check: fail only on findings not in the baseline, or scores under
                      both their bar and their baseline score
  --write-baseline <file>  check: write the current findings and scores as the baseline
  --fix               check: apply the safe suggestions first (as clarity fix), then check
  --dry-run           fix: print a unified diff of the fixes and change nothing
  --rule <id>         fix: only this rule's suggestions (repeatable)
  --max-bytes <n>     skip larger files (default: ${DEFAULT_MAX_BYTES})
  --jobs <n>          threads to use (default: one per core)
  -h, --help          this help;  -v, --version  the version

Exit codes: 0 clean, 1 an asset is under a threshold or could not be audited, or (with
--baseline) a new finding (check), 2 usage or configuration error, 3 internal error (a bug:
please report it; CLARITY_DEBUG=1 prints the stack trace), 130 and 143 stopped by Ctrl-C or SIGTERM.`;

/**
 * The `clarity` command line. Returns the exit code instead of exiting, so tests can drive it.
 * Never throws: a mistake the user can fix is one line and exit 2, a crash one line, a hint to report it, and exit 3.
 */
export async function main(argv: string[], io: Io, stop: Promise<void> = new Promise(() => undefined)): Promise<number> {
  try {
    return await run(argv, io, stop);
  } catch (error) {
    return failed(io, remoteFailure(argv, error) ?? error);
  }
}

function failed(io: Io, error: unknown): number {
  if (error instanceof UsageError || (error as { code?: unknown } | null)?.code?.toString().startsWith('ERR_PARSE_ARGS')) return usage(io, (error as Error).message);
  if (error instanceof Interrupted || (error as Error | null)?.name === 'AbortError') {
    const signal = error instanceof Interrupted ? error.signal : 'SIGINT';
    io.stderr(`${io.interactive ? '\r\x1b[2K' : ''}clarity: stopped by ${signal}; no report was written.\n`);
    return error instanceof Interrupted ? error.exitCode : EXIT.sigint;
  }
  if (error instanceof CliError) {
    io.stderr(`clarity: ${error.message}\n`);
    return error.exitCode;
  }
  io.stderr(internalErrorText(error, io.debug ?? false));
  return EXIT.internal;
}

async function run(argv: string[], io: Io, stop: Promise<void>): Promise<number> {
  const [first, second, ...others] = argv;
  if (first === 'dev') return await runDev(argv.slice(1), io, stop);
  if (first === 'upload') return await runUpload(argv.slice(1), io);
  if (first === 'personas' && second === 'push') return await runPersonasPush(others, io);
  // Loaded on demand: only the editor's server needs the protocol library.
  if (first === 'lsp') return await (await import('./lsp-command.ts')).runLsp(argv.slice(1), io);
  if (first === 'terms') return await (await import('./terms-command.ts')).runTerms(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      // `--changed` alone means "since the default ref"; a ref is given as --changed=<ref>.
      args: argv.map((a) => (a === '--changed' ? '--changed=' : a)),
      allowPositionals: true,
      options: {
        persona: { type: 'string', multiple: true },
        format: { type: 'string' },
        out: { type: 'string' },
        config: { type: 'string' },
        'min-score': { type: 'string' },
        'max-bytes': { type: 'string' },
        jobs: { type: 'string' },
        report: { type: 'string', multiple: true },
        changed: { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        fix: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const [command, ...operands] = positionals;
  if (values.help || !command) {
    io.stdout(`${USAGE}\n`);
    return command || values.help ? EXIT.ok : EXIT.usage;
  }
  if (!['audit', 'check', 'fix', 'personas', 'rules'].includes(command)) return usage(io, `unknown command "${command}"`);

  const loaded = loadConfig(io.cwd, values.config);
  if (!loaded.ok) return usage(io, loaded.error.message);
  if (command === 'rules') {
    const f = values.format ?? 'text';
    if (f !== 'text' && f !== 'json' && f !== 'markdown') return usage(io, `clarity rules prints text, json or markdown (got "${f}")`);
    io.stdout(renderRules(f, loaded.value.config.rules));
    return EXIT.ok;
  }
  if (command === 'personas') {
    for (const p of loaded.value.personas) io.stdout(`${p.id}\t${p.name}\t(grade ${p.targetGrade}, ${p.maxSentenceLength} words/sentence)\n`);
    return EXIT.ok;
  }

  const personas = pickPersonas(loaded.value, values.persona);
  if (typeof personas === 'string') return usage(io, personas);
  const format = values.format ?? formatFromOut(values.out) ?? 'text';
  if (!isFormat(format)) return usage(io, `unknown format "${format}" (use ${FORMATS.join(', ')})`);
  const minScore = number(values['min-score'], 0, 100, DECIMAL);
  const maxBytes = number(values['max-bytes'], 1, Number.MAX_SAFE_INTEGER, INTEGER);
  const jobs = number(values.jobs, 1, 64, INTEGER);
  if (minScore === null) return usage(io, `--min-score must be a number from 0 to 100 (got ${JSON.stringify(values['min-score'])})`);
  if (maxBytes === null) return usage(io, `--max-bytes must be a whole number of bytes, 1 or more (got ${JSON.stringify(values['max-bytes'])})`);
  if (jobs === null) return usage(io, `--jobs must be a whole number from 1 to 64 (got ${JSON.stringify(values.jobs)})`);
  if (operands.length === 0) return usage(io, `${command} needs at least one file, directory or glob`);
  for (const flag of ['baseline', 'write-baseline'] as const) {
    if (values[flag] !== undefined && command !== 'check') return usage(io, `--${flag} is for clarity check`);
    if (values[flag] === '') return usage(io, `--${flag} needs a file`);
  }
  if (values.fix && command !== 'check') return usage(io, '--fix is for clarity check (clarity fix fixes without checking)');
  for (const flag of ['dry-run', 'rule'] as const) if (values[flag] !== undefined && command !== 'fix') return usage(io, `--${flag} is for clarity fix`);
  const badRule = values.rule?.map(ruleProblem).find(Boolean);
  if (badRule) return usage(io, badRule);
  if (values['write-baseline'] !== undefined && values.changed !== undefined) {
    return usage(io, '--write-baseline records every audited file: run it without --changed');
  }
  const extra: { format: Format; file: string }[] = [];
  for (const spec of values.report ?? []) {
    const at = spec.indexOf(':');
    const f = spec.slice(0, at);
    if (at < 1 || at === spec.length - 1 || !isFormat(f)) return usage(io, `--report takes <format>:<file> with a format of ${FORMATS.join(', ')} (got "${spec}")`);
    extra.push({ format: f, file: spec.slice(at + 1) });
  }

  let baseline: Baseline | undefined;
  if (values.baseline !== undefined) {
    const b = loadBaseline(resolve(io.cwd, values.baseline), values.baseline);
    if (!b.ok) return usage(io, b.error.message);
    baseline = b.value;
  }

  const collected = await collectInputs(operands, io.cwd, loaded.value.config.ignore);
  if (!collected.ok) return usage(io, collected.error.message);
  let { files, leftOut } = collected.value;
  if (values.changed !== undefined) {
    const changed = changedFiles(io.cwd, values.changed || undefined);
    if (!changed.ok) return usage(io, changed.error.message);
    if (changed.value.note) io.stderr(`clarity: ${changed.value.note}\n`);
    files = onlyChanged(files, changed.value);
    const stillIn = new Set(onlyChanged(leftOut.map((s) => s.path), changed.value));
    leftOut = leftOut.filter((s) => stillIn.has(s.path));
    io.stderr(`clarity: --changed: ${files.length} of ${collected.value.files.length} file(s) changed since ${changed.value.ref}.\n`);
  }

  const engine = engineOptionsOf(loaded.value, personas);
  const limit = maxBytes ?? loaded.value.config.maxBytes ?? DEFAULT_MAX_BYTES;
  if (command === 'fix' || values.fix) {
    const fixed = await runFix({ files, cwd: io.cwd, engine, maxBytes: limit, ...(values.rule ? { rules: new Set(values.rule) } : {}), dryRun: values['dry-run'] === true }, io, command === 'fix');
    if (command === 'fix') return fixed;
  }
  const { audits, workerError } = await auditFiles(files, {
    ...engine,
    maxBytes: limit,
    ...(jobs !== undefined ? { jobs } : {}),
    ...(io.workerUrl ? { workerUrl: io.workerUrl } : {}),
    ...(io.interactive ? { onProgress: progress(io) } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    // The HTML report shows each text with its findings highlighted, so it needs the text.
    ...(anyNeeds([format, ...extra.map((e) => e.format)], 'includeSource') ? { includeSource: true } : {}),
  });
  if (workerError) io.stderr(`clarity: a worker thread failed (${workerError}); the rest of the files were audited in-process.\n`);
  const report = relativePaths(
    buildReport(personas, audits.flatMap((a) => a.units), [...audits.flatMap((a) => a.skipped), ...leftOut]),
    io.cwd,
  );

  const verdict = decide(report, loaded.value.config.thresholds, minScore, baseline ? compareWithBaseline(report, baseline) : undefined);
  const rdjson = anyNeeds([format, ...extra.map((e) => e.format)], 'fileText');
  const locator = new Locator(await sourceReader(io.cwd, report, rdjson));
  // rdjson's suggested changes are the edits clarity fix would make, planned on the files parsed again.
  const edits = rdjson ? await suggestedEdits(report, (path) => readFile(resolve(io.cwd, path)).catch(() => undefined)) : undefined;
  const bars = Object.fromEntries(personas.map((p) => [p.id, barFor(p.id, loaded.value.config.thresholds, minScore)]));
  const ctx = { report, command, verdict, locator, bars, ...(edits ? { edits } : {}) };
  const rendered = OUTPUT_FORMATS[format].render(ctx);
  // Stopped while rendering: nothing is written. Past this point the files are renamed into place whole, or not at all.
  const stillWanted = (): void => io.signal?.throwIfAborted();
  stillWanted();
  if (values.out) {
    const out = resolve(io.cwd, values.out);
    writeFileAtomic(out, batched(rendered), stillWanted);
    io.stdout(renderText(report));
    io.stdout(`Report written to ${out}\n`);
  } else {
    for (const chunk of batched(rendered)) io.stdout(chunk);
  }
  for (const { format: f, file } of extra) writeFileAtomic(resolve(io.cwd, file), batched(OUTPUT_FORMATS[f].render(ctx)), stillWanted);

  if (command === 'check') {
    if (values['write-baseline'] !== undefined) {
      const written = writeBaseline(resolve(io.cwd, values['write-baseline']), report);
      const count = Object.values(written.units).reduce((n, u) => n + u.findings.length, 0);
      io.stderr(`clarity check: baseline written to ${values['write-baseline']}: ${count} finding(s) and the scores of ${report.units.length} unit(s).\n`);
      // Writing a baseline accepts what is there; with --baseline too, the check against the old one still counts.
      if (!baseline) return EXIT.ok;
    }
    return checkOutcome(io, verdict);
  }
  return EXIT.ok;
}

/** Prints why `check` fails (or that it passes) on stderr, and returns the exit code. */
function checkOutcome(io: Io, verdict: Verdict): number {
  for (const { unit, finding: f } of verdict.newFindings) {
    io.stderr(`NEW ${unitLabel(unit)}:${f.line}:${f.column} ${f.ruleId} “${f.text.length > 80 ? `${f.text.slice(0, 79)}…` : f.text}”: ${f.message}\n`);
  }
  for (const f of verdict.failures) {
    io.stderr(`FAIL ${unitLabel(f.unit)}: ${f.personaName} scores ${f.score}, under the bar of ${f.threshold}${f.baselineScore !== undefined ? ` and its baseline score of ${f.baselineScore}` : ''}\n`);
  }
  for (const s of verdict.unchecked) io.stderr(`FAIL ${s.path}: could not be audited: ${s.reason}\n`);
  const b = verdict.baseline;
  const suppressed = b ? ` ${b.suppressed} finding(s) suppressed by the baseline, ${b.fixed} fixed since.` : '';
  if (verdict.failed) {
    const added = b ? `${b.added.length} new finding(s), ` : '';
    io.stderr(`clarity check: ${added}${verdict.failures.length} score(s) under the bar${b ? ' and the baseline' : ''}, ${verdict.unchecked.length} file(s) not audited.${suppressed}\n`);
    return EXIT.belowThreshold;
  }
  if (b) io.stderr(`clarity check: no new findings, and no score fell under both its bar and its baseline.${suppressed}\n`);
  else io.stderr("clarity check: every asset meets every persona's bar.\n");
  return EXIT.ok;
}

/**
 * For rdjson, which counts columns in UTF-8 bytes from the line's text, the text of the whole files in the report, as
 * the audit decoded it. A macro export's text came with its units' body maps, so it is not read again.
 */
async function sourceReader(cwd: string, report: AuditReport, rdjson: boolean): Promise<(path: string) => string | undefined> {
  const texts = new Map<string, string>();
  const paths = new Set(rdjson ? report.units.filter((u) => !u[BODY_MAP]).map((u) => u.path) : []);
  for (const path of paths) {
    try {
      const text = decodeText(await readFile(resolve(cwd, path)));
      if (text.ok) texts.set(path, text.value);
    } catch {
      // Gone or unreadable since the audit: positions fall back to lines.
    }
  }
  return (path) => texts.get(path);
}


const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;

/**
 * undefined when absent, null when present but invalid. Written out in digits: Number() would take '' and ' ' as 0,
 * and '0x10', '1e2' or 'Infinity' as numbers nobody meant to type.
 */
function number(value: string | undefined, min: number, max: number, form: RegExp): number | undefined | null {
  if (value === undefined) return undefined;
  const n = form.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
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

/** A usage or configuration error: the problem on one line and where to look, not the whole usage (exit 2). */
function usage(io: Io, message: string): number {
  io.stderr(`clarity: ${message}\n${HELP_POINTER}\n`);
  return EXIT.usage;
}
