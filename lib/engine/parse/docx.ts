import mammoth from 'mammoth';
import { fail, ok, type ProseBlock, type Result } from '../types.ts';
import { parseHtml } from './html.ts';
import { plainBlock } from './prose-builder.ts';
import type { ParsedProse } from './parsed-prose.ts';

export interface DocxText extends ParsedProse {
  /** One paragraph per line: a finding's line is the paragraph number. */
  source: string;
}

/**
 * .docx → text through mammoth's HTML. Word files have no text positions a
 * reader could use, so the unit's source is the document's paragraphs, one
 * per line, each keeping its kind (heading, list item, table cell).
 */
export async function readDocx(bytes: Uint8Array): Promise<Result<DocxText>> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail('malformed-docx', `the Word document cannot be opened (${message}); re-save it from Word as .docx`);
  }
  const lines = parseHtml(html, { fragment: true }).blocks.map((b) => ({ kind: b.kind, text: b.text.replace(/\s+/g, ' ').trim() }));
  const blocks: ProseBlock[] = [];
  let offset = 0;
  for (const line of lines) {
    blocks.push(plainBlock(line.kind, line.text, 0, line.text.length));
    const block = blocks[blocks.length - 1] as ProseBlock;
    for (let i = 0; i < block.map.length; i++) block.map[i] = (block.map[i] ?? 0) + offset;
    offset += line.text.length + 1;
  }
  return ok({ source: lines.map((l) => l.text).join('\n'), blocks, directives: [] });
}
