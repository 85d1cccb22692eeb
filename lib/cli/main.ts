import { writeFileSync } from 'node:fs';
import { resolve, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type LoadedConfig } from '../config/load.ts';
import { DEFAULT_MAX_BYTES } from '../engine/parse/asset.ts';
import type { AuditReport, Persona } from '../engine/types.ts';
import { buildReport, unitLabel } from '../report/build.ts';
import { renderText } from '../report/render-text.ts';
import { renderMarkdown } from '../report/render-markdown.ts';
import { renderHtml } from '../report/render-html.ts';
import { VERSION } from '../version.ts';
import { collectFiles } from './collect.ts';
import { auditFiles } from './audit-files.ts';
import { thresholdFailures, uncheckedFiles, DEFAULT_MIN_SCORE } from './thresholds.ts';
import { PIPELINE_USAGE, runDev, runPersonasPush, runUpload, UsageError } from './pipeline-commands.ts';

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Progress is drawn only on an interactive terminal outside CI. */
  interactive: boolean;
  /** The audit worker script, when running from the bundle. */
  workerUrl?: URL;
}

export const EXIT = { ok: 0, belowThreshold: 1, usage: 2 } as const;

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage:
  clarity audit <files|dirs|globs...> [options]   audit and report
  clarity check <files|dirs|globs...> [options]   audit; exit 1 when an asset is under a persona's bar
  clarity personas [--config file]                list the personas
${PIPELINE_USAGE}

Options:
  --persona <id>      audit against this persona (repeatable; default: all)
  --format <f>        text | json | markdown | html (default: text, or from --out's extension)
  --out <file>        write the report to a file and print a summary
  --config <file>     config file (default: ./clarity.config.json when present)
  --min-score <n>     check: the bar for every persona (default: config, else ${DEFAULT_MIN_SCORE})
  --max-bytes <n>     skip larger files (default: ${DEFAULT_MAX_BYTES})
  --jobs <n>          worker threads (default: one per core)
  -h, --help          this help;  -v, --version  the version

Exit codes: 0 clean, 1 an asset is under a threshold or could not be audited (check),
2 usage or configuration error.`;

/** The `clarity` command line. Returns the exit code instead of exiting, so tests can drive it. */
export async function main(argv: string[], io: Io, stop: Promise<void> = new Promise(() => undefined)): Promise<number> {
  const [first, second, ...others] = argv;
  try {
    if (first === 'dev') return await runDev(argv.slice(1), io, stop);
    if (first === 'upload') return await runUpload(argv.slice(1), io);
    if (first === 'personas' && second === 'push') return await runPersonasPush(others, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return usage(io, (error as Error).message);
    throw error;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        persona: { type: 'string', multiple: true },
        format: { type: 'string' },
        out: { type: 'string' },
        config: { type: 'string' },
        'min-score': { type: 'string' },
        'max-bytes': { type: 'string' },
        jobs: { type: 'string' },
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
  if (!['audit', 'check', 'personas'].includes(command)) return usage(io, `unknown command "${command}"`);

  const loaded = loadConfig(io.cwd, values.config);
  if (!loaded.ok) return usage(io, loaded.error.message);
  if (command === 'personas') {
    for (const p of loaded.value.personas) io.stdout(`${p.id}\t${p.name}\t(grade ${p.targetGrade}, ${p.maxSentenceLength} words/sentence)\n`);
    return EXIT.ok;
  }

  const personas = pickPersonas(loaded.value, values.persona);
  if (typeof personas === 'string') return usage(io, personas);
  const format = (values.format ?? formatFromOut(values.out) ?? 'text') as Format;
  if (!FORMATS.includes(format)) return usage(io, `unknown format "${format}" (use ${FORMATS.join(', ')})`);
  const minScore = number(values['min-score'], 0, 100);
  const maxBytes = number(values['max-bytes'], 1, Number.MAX_SAFE_INTEGER);
  const jobs = number(values.jobs, 1, 64);
  if (minScore === null) return usage(io, '--min-score must be a number from 0 to 100');
  if (maxBytes === null) return usage(io, '--max-bytes must be a positive number');
  if (jobs === null) return usage(io, '--jobs must be a number from 1 to 64');
  if (operands.length === 0) return usage(io, `${command} needs at least one file, directory or glob`);

  const files = await collectFiles(operands, io.cwd, loaded.value.config.ignore);
  if (!files.ok) return usage(io, files.error.message);

  const { terms } = loaded.value.config;
  const { audits, workerError } = await auditFiles(files.value, {
    personas,
    maxBytes: maxBytes ?? loaded.value.config.maxBytes ?? DEFAULT_MAX_BYTES,
    ...(terms.preferred.length || terms.forbidden.length ? { terms } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    ...(io.workerUrl ? { workerUrl: io.workerUrl } : {}),
    ...(io.interactive ? { onProgress: progress(io) } : {}),
  });
  if (workerError) io.stderr(`clarity: a worker thread failed (${workerError}); the rest of the files were audited in-process.\n`);
  const report = relativePaths(
    buildReport(personas, audits.flatMap((a) => a.units), audits.flatMap((a) => a.skipped)),
    io.cwd,
  );

  const rendered = render(report, format);
  if (values.out) {
    const out = resolve(io.cwd, values.out);
    writeFileSync(out, rendered);
    io.stdout(renderText(report));
    io.stdout(`Report written to ${out}\n`);
  } else {
    io.stdout(rendered);
  }

  if (command === 'check') {
    const failures = thresholdFailures(report, loaded.value.config.thresholds, minScore);
    const unchecked = uncheckedFiles(report);
    for (const f of failures) io.stderr(`FAIL ${unitLabel(f.unit)}: ${f.personaName} scores ${f.score}, under the bar of ${f.threshold}\n`);
    for (const s of unchecked) io.stderr(`FAIL ${s.path}: could not be audited: ${s.reason}\n`);
    if (failures.length || unchecked.length) {
      io.stderr(`clarity check: ${failures.length} score(s) under the bar, ${unchecked.length} file(s) not audited.\n`);
      return EXIT.belowThreshold;
    }
    io.stderr("clarity check: every asset meets every persona's bar.\n");
    return EXIT.ok;
  }
  return EXIT.ok;
}

function render(report: AuditReport, format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'text':
      return renderText(report);
  }
}

function pickPersonas(loaded: LoadedConfig, ids: string[] | undefined): Persona[] | string {
  const wanted = ids ?? loaded.config.defaultPersonas;
  if (!wanted) return loaded.personas;
  const known = new Map(loaded.personas.map((p) => [p.id, p]));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length) return `unknown persona ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${[...known.keys()].join(', ')})`;
  return wanted.map((id) => known.get(id) as Persona);
}

function formatFromOut(out: string | undefined): Format | undefined {
  const ext = out ? extname(out).slice(1).toLowerCase() : '';
  return ({ json: 'json', md: 'markdown', html: 'html', htm: 'html', txt: 'text' } as Record<string, Format>)[ext];
}

/** undefined when absent, null when present but invalid. */
function number(value: string | undefined, min: number, max: number): number | undefined | null {
  if (value === undefined) return undefined;
  const n = Number(value);
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

function usage(io: Io, message: string): number {
  io.stderr(`clarity: ${message}\n\n${USAGE}\n`);
  return EXIT.usage;
}
