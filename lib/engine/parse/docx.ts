import mammoth from 'mammoth';
import { fail, ok, type Result } from '../types.ts';
import { parseHtml } from './html.ts';

/**
 * .docx → plain text, one paragraph per line, through mammoth's HTML. Word
 * files have no text positions a reader could use, so the unit's source is
 * this text: a finding's line is the paragraph number.
 */
export async function readDocx(bytes: Uint8Array): Promise<Result<string>> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail('malformed-docx', `the Word document cannot be opened (${message}); re-save it from Word as .docx`);
  }
  const { blocks } = parseHtml(html, { fragment: true });
  return ok(blocks.map((b) => b.text.replace(/\s+/g, ' ').trim()).join('\n'));
}
