import type { Finding, ProseBlock, UnitReport } from '../../engine/types.ts';
import { parseMarkdown } from '../../engine/parse/markdown.ts';
import { parseHtml } from '../../engine/parse/html.ts';
import { parseText } from '../../engine/parse/text.ts';
import { looksLikeHtml } from '../../engine/parse/macros-json.ts';
import { plainBlock } from '../../engine/parse/prose-builder.ts';

export interface Prose {
  blocks: ProseBlock[];
  /** The source is markup (Markdown, HTML), so it reads differently from its prose; plain text reads as it is. */
  marked: boolean;
}

/**
 * A unit's prose as its reader sees it, read from the report's source with the engine's own parsers: the very
 * text the findings were made on (front matter, markup and code left out), each block mapped back into the source.
 */
export function proseOf(unit: UnitReport, source: string): Prose {
  switch (unit.format) {
    case 'markdown':
      return { blocks: parseMarkdown(source).blocks, marked: true };
    case 'html':
      return { blocks: parseHtml(source).blocks, marked: true };
    case 'text':
      return { blocks: parseText(source).blocks, marked: false };
    case 'docx':
      // A Word file's source is its paragraphs, one a line.
      return { blocks: lines(source), marked: false };
    case 'macros-json':
    case 'macros-csv':
      return looksLikeHtml(source) ? { blocks: parseHtml(source, { fragment: true }).blocks, marked: true } : { blocks: parseText(source).blocks, marked: false };
  }
}

function lines(source: string): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  let start = 0;
  for (const line of source.split('\n')) {
    if (line.trim()) blocks.push(plainBlock('paragraph', source, start, start + line.length));
    start += line.length + 1;
  }
  return blocks;
}

/** A finding's place inside one block's text. */
export interface Placed {
  finding: Finding;
  /** Offsets into the block's text. */
  offset: number;
  length: number;
}

/**
 * Each finding placed in the block its start falls in, cut to that block (findings never span blocks, as the
 * rules read one block at a time). Findings no block holds are left out.
 */
export function placeFindings(blocks: readonly ProseBlock[], findings: readonly Finding[]): Placed[][] {
  const placed: Placed[][] = blocks.map(() => []);
  const order = blocks.map((b, i) => ({ i, start: b.map[0] ?? 0, end: b.map[b.text.length] ?? 0 })).sort((a, b) => a.start - b.start);
  for (const f of findings) {
    const at = lastAtOrBefore(order, f.offset);
    const b = at === undefined ? undefined : blocks[at.i];
    if (!at || !b || f.offset >= at.end) continue;
    const offset = firstAtOrAfter(b.map, f.offset, b.text.length);
    const end = Math.max(offset + 1, firstAtOrAfter(b.map, f.offset + f.length, b.text.length));
    placed[at.i]?.push({ finding: f, offset, length: Math.min(end, b.text.length) - offset });
  }
  return placed;
}

/** The block starting last at or before `offset` (blocks sorted by start). */
function lastAtOrBefore<T extends { start: number }>(sorted: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.start ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo - 1];
}

/** First index of the text whose source offset is at or after `offset` (maps only grow). */
function firstAtOrAfter(map: Int32Array, offset: number, max: number): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((map[mid] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
