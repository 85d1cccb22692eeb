import type { Asset, AssetFormat, Channel, Skipped, Unit } from '../types.ts';
import { decodeText, startsWith } from './decode.ts';
import { formatFromExtension, sniffFormat, SUPPORTED_EXTENSIONS, extensionOf } from './detect.ts';
import { parseMarkdown } from './markdown.ts';
import { parseHtml } from './html.ts';
import { parseText } from './text.ts';
import { readDocx } from './docx.ts';
import { readJsonMacros, type RawMacro } from './macros-json.ts';
import { readCsvMacros } from './macros-csv.ts';
import type { ParsedProse } from './parsed-prose.ts';
import { TooDeeplyNested } from './nesting.ts';
import { LineIndex } from '../positions.ts';

export interface ReadOptions {
  /** Larger files are skipped with a reason instead of being audited. */
  maxBytes: number;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface ReadResult {
  units: Unit[];
  skipped: Skipped[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Asset bytes → audit units (one per file, or one per macro), or a reason it was skipped. */
export async function readAsset(asset: Asset, options: ReadOptions = { maxBytes: DEFAULT_MAX_BYTES }): Promise<ReadResult> {
  let source = '';
  try {
    return await read(asset, options, (s) => (source = s));
  } catch (error) {
    if (!(error instanceof TooDeeplyNested)) throw error;
    return { units: [], skipped: [{ path: asset.path, code: 'too-deeply-nested', reason: nestingReason(error, source) }] };
  }
}

/** "nesting deeper than N levels at line L", and what to do about it. */
function nestingReason(error: TooDeeplyNested, source: string, of = ''): string {
  const where = error.offset >= 0 && source !== '' ? ` at line ${new LineIndex(source).at(error.offset).line}${of}` : '';
  return `${error.what} nested deeper than ${error.limit} levels${where}; no prose nests that deep, so flatten it (or split the file) to audit it`;
}

async function read(asset: Asset, options: ReadOptions, decoded: (source: string) => void): Promise<ReadResult> {
  const skip = (code: string, reason: string): ReadResult => ({ units: [], skipped: [{ path: asset.path, code, reason }] });
  const { path, bytes } = asset;
  if (bytes.length > options.maxBytes) return { units: [], skipped: [tooLarge(path, bytes.length, options.maxBytes)] };
  const byExtension = formatFromExtension(path);
  if (byExtension === 'unknown') {
    return skip('unsupported-format', `.${extensionOf(path)} files are not audited; supported: ${SUPPORTED_EXTENSIONS.map((e) => '.' + e).join(' ')}`);
  }
  let source: string;
  let format: AssetFormat;
  let docx: ParsedProse | undefined;
  if (byExtension === 'docx') {
    if (!startsWith(bytes, ZIP)) return skip('malformed-docx', 'the file is named .docx but is not a Word document (no ZIP container)');
    const text = await readDocx(bytes);
    if (!text.ok) return skip(text.error.code, text.error.message);
    ({ source, ...docx } = text.value);
    format = 'docx';
  } else {
    const text = decodeText(bytes);
    if (!text.ok) return skip(text.error.code, text.error.message);
    source = text.value;
    format = byExtension ?? sniffFormat(source);
  }
  if (source.trim() === '') return skip('empty', 'the file is empty (no text to audit)');
  decoded(source);

  const channel = asset.channel ?? channelOf(path, format);
  const declared = asset.stage !== undefined ? { metadataStage: asset.stage } : {};
  const whole = (parsed: ParsedProse): ReadResult => {
    const unit: Unit = { path, id: '', format, channel, source, blocks: parsed.blocks, directives: parsed.directives, title: titleOf(path, parsed), ...declared };
    if (unit.blocks.length === 0) return skip('no-prose', 'the file holds no prose to audit (only code, markup or front matter)');
    return { units: [unit], skipped: [] };
  };

  switch (format) {
    case 'markdown':
      return whole(parseMarkdown(source));
    case 'html':
      return whole(parseHtml(source));
    case 'text':
      return whole(parseText(source));
    case 'docx':
      return whole(docx ?? parseText(source));
    case 'macros-json':
    case 'macros-csv': {
      const macros = format === 'macros-json' ? readJsonMacros(source) : readCsvMacros(source);
      if (!macros.ok) return skip(macros.error.code, macros.error.message);
      return macroUnits(path, format, asset.channel ?? 'support-macro', macros.value, declared);
    }
  }
}

function macroUnits(path: string, format: AssetFormat, channel: Channel, macros: RawMacro[], declared: Pick<Unit, 'metadataStage'>): ReadResult {
  const result: ReadResult = { units: [], skipped: [] };
  for (const m of macros) {
    const id = `macro:${m.index + 1}`;
    let parsed: ParsedProse;
    try {
      parsed = m.html ? parseHtml(m.body, { fragment: true }) : parseText(m.body);
    } catch (error) {
      if (!(error instanceof TooDeeplyNested)) throw error;
      result.skipped.push({ path: `${path}#${id}`, code: 'too-deeply-nested', reason: `macro "${m.title}": ${nestingReason(error, m.body, ' of its body')}` });
      continue;
    }
    if (parsed.blocks.length === 0) {
      result.skipped.push({ path: `${path}#${id}`, code: 'empty', reason: `macro "${m.title}" has no reply text` });
      continue;
    }
    result.units.push({ path, id, title: m.title, format, channel, source: m.body, origin: m.origin, ...(m.map ? { bodyMap: m.map } : {}), blocks: parsed.blocks, directives: parsed.directives, ...declared });
  }
  return result;
}

/** The title the source declares (front matter), else its first heading, else its file name. */
function titleOf(path: string, parsed: ParsedProse): string {
  const heading = parsed.blocks.find((b) => b.kind === 'heading');
  return (parsed.title ?? heading?.text.trim() ?? path.slice(path.lastIndexOf('/') + 1)).slice(0, 120);
}

function channelOf(path: string, format: AssetFormat): Channel {
  const p = path.toLowerCase();
  // "script" as a word of its own: "description" names no sales script.
  if (/sales|\bscripts?\b|pitch/.test(p)) return 'sales-script';
  if (/macro|canned|repl(y|ies)/.test(p)) return 'support-macro';
  if (/help|faq|support|kb\//.test(p)) return 'help-article';
  if (format === 'html') return 'web-page';
  return 'document';
}

export function tooLarge(path: string, size: number, maxBytes: number): Skipped {
  return { path, code: 'too-large', reason: `${sizeText(size)} is over the ${sizeText(maxBytes)} limit; split the file or raise the limit (--max-bytes)` };
}

/** A size for a message: "5.0 MiB is over the 5.0 MiB limit" says nothing, so the bytes are told too. */
export function sizeText(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB (${n.toLocaleString('en')} bytes)`;
}
