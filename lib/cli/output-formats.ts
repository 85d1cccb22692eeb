import { extname } from 'node:path';
import type { AuditReport } from '../engine/types.ts';
import { renderText } from '../report/render-text.ts';
import { renderMarkdown } from '../report/render-markdown.ts';
import { renderHtml } from '../report/render-html.ts';
import { renderCi } from '../ci/formats.ts';
import type { Locator } from '../ci/locate.ts';
import type { SuggestedEdits } from '../ci/suggestions.ts';
import type { Verdict } from '../ci/verdict.ts';
import { jsonChunks } from './json-stream.ts';

/** What a format's renderer may need from the run. */
export interface RenderContext {
  report: AuditReport;
  command: string;
  verdict: Verdict;
  locator: Locator;
  bars: Record<string, number>;
  edits?: SuggestedEdits;
}

interface OutputFormat {
  /** `--out` extensions that pick the format when `--format` is not given. */
  extensions: readonly string[];
  /** The report as chunks to write one after the other. */
  render: (ctx: RenderContext) => Iterable<string>;
  /** The audit must keep each unit's text (the HTML report highlights findings in it). */
  includeSource?: boolean;
  /** Columns count UTF-8 bytes of the files' own text, and suggestions travel as edits (reviewdog's rdjson). */
  fileText?: boolean;
}

const ci = (format: 'sarif' | 'github' | 'junit' | 'rdjson') => (c: RenderContext) => [renderCi(format, c.report, c.verdict, c.locator, c.edits)];

/**
 * Every report format, once: `--format`, `--report <format>:<file>`, `--out`'s extensions, the usage text and the
 * GitHub Action's `format` input (a test keeps action.yml in step) all read this table. The order is the usage's.
 */
export const OUTPUT_FORMATS = {
  text: { extensions: ['txt'], render: (c) => [renderText(c.report)] },
  // Streamed: a very large report is written as it is serialised.
  json: { extensions: ['json'], render: (c) => jsonLines(c.report) },
  // For check, the pull-request comment: failing assets first, score against bar, top rewrites.
  markdown: { extensions: ['md'], render: (c) => [c.command === 'check' ? renderCi('pr-comment', c.report, c.verdict, c.locator) : renderMarkdown(c.report)] },
  html: { extensions: ['html', 'htm'], render: (c) => [renderHtml(c.report, { bars: c.bars })], includeSource: true },
  sarif: { extensions: ['sarif'], render: ci('sarif') },
  github: { extensions: [], render: ci('github') },
  junit: { extensions: ['xml'], render: ci('junit') },
  rdjson: { extensions: ['rdjson'], render: ci('rdjson'), fileText: true },
} satisfies Record<string, OutputFormat>;

export type Format = keyof typeof OUTPUT_FORMATS;
export const FORMATS = Object.keys(OUTPUT_FORMATS) as Format[];

export const isFormat = (f: string): f is Format => Object.hasOwn(OUTPUT_FORMATS, f);

/** The format an `--out` file's extension names, if any. */
export function formatFromOut(out: string | undefined): Format | undefined {
  const ext = out ? extname(out).slice(1).toLowerCase() : '';
  return FORMATS.find((f) => (OUTPUT_FORMATS[f].extensions as readonly string[]).includes(ext));
}

/** Whether any of these formats asks for a flag of the table. */
export const anyNeeds = (formats: readonly Format[], need: 'includeSource' | 'fileText'): boolean => formats.some((f) => (OUTPUT_FORMATS[f] as OutputFormat)[need] === true);

function* jsonLines(report: AuditReport): Generator<string> {
  yield* jsonChunks(report);
  yield '\n';
}
