import type { ProseBlock } from '../types.ts';
import { plainBlock } from './prose-builder.ts';
import type { ParsedProse } from './parsed-prose.ts';

const BULLET = /^[ \t]*(?:[-*•]|\d+[.)])[ \t]+/;

/**
 * Plain text → prose blocks: paragraphs are separated by blank lines, and a
 * line that starts with a bullet or number starts a list item of its own.
 */
export function parseText(source: string): ParsedProse {
  const blocks: ProseBlock[] = [];
  let start = -1;
  let kind: ProseBlock['kind'] = 'paragraph';
  let lineStart = 0;

  const close = (end: number): void => {
    if (start >= 0) {
      let e = end;
      while (e > start && /\s/.test(source[e - 1] ?? '')) e--;
      if (e > start) blocks.push(plainBlock(kind, source, start, e));
    }
    start = -1;
  };

  while (lineStart <= source.length) {
    const nl = source.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? source.length : nl;
    const line = source.slice(lineStart, lineEnd);
    const bullet = BULLET.exec(line);
    if (line.trim() === '') {
      close(lineStart);
    } else if (bullet) {
      close(lineStart);
      start = lineStart + bullet[0].length;
      kind = 'list-item';
    } else if (start < 0) {
      start = lineStart + (line.length - line.trimStart().length);
      kind = 'paragraph';
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  close(source.length);
  return { blocks, directives: [] };
}
