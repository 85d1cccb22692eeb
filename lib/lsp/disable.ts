import type { Edit } from '../fix/apply.ts';
import { applyEdits } from '../fix/apply.ts';
import { isDisabled } from '../engine/findings.ts';
import { parseHtml } from '../engine/parse/html.ts';
import { parseMarkdown } from '../engine/parse/markdown.ts';
import { looksLikeHtml } from '../engine/parse/macros-json.ts';
import type { Finding, ProseBlock, Unit } from '../engine/types.ts';
import type { ParsedProse } from '../engine/parse/parsed-prose.ts';

/**
 * The edits of a unit's source that turn one rule off for the block (paragraph, heading, list item, cell) holding a
 * finding: `<!-- clarity-disable <rule> -->` before it and `<!-- clarity-enable <rule> -->` after it, the inline
 * comments the parser reads (README, "inline comments"). Only Markdown and HTML (a page, or a macro's HTML reply)
 * read them. The edited source is parsed again: the action is offered only when the prose is unchanged and the
 * rule is off at the finding, so a comment can never turn a paragraph into something else (Markdown would make an
 * HTML block of a line that starts with one).
 */
export function disableRuleEdits(unit: Unit, finding: Finding): Edit[] | undefined {
  const parse = parserFor(unit);
  const block = blockAt(unit, finding.offset);
  if (!parse || !block) return undefined;
  const disable = `<!-- clarity-disable ${finding.ruleId} -->`;
  const enable = `<!-- clarity-enable ${finding.ruleId} -->`;
  const edits = unit.format === 'markdown' && block.kind !== 'table-cell' ? aroundLines(unit.source, block, disable, enable) : inline(block, disable, enable);
  const after = applyEdits(unit.source, edits);
  const moved = edits.filter((e) => e.offset <= finding.offset).reduce((n, e) => n + e.content.length, 0);
  const reparsed = parse(after);
  // The same blocks with the same words; a comment may leave a space at a block's edge (a table cell's "text <!-- -->|").
  const words = (text: string | undefined): string | undefined => text?.replace(/\s+/g, ' ').trim();
  const sameProse = reparsed.blocks.length === unit.blocks.length && reparsed.blocks.every((b, i) => words(b.text) === words(unit.blocks[i]?.text) && b.kind === unit.blocks[i]?.kind);
  return sameProse && isDisabled(reparsed.directives, finding.offset + moved, finding.ruleId) ? edits : undefined;
}

/** The prose block whose source span holds an offset. */
export function blockAt(unit: Unit, offset: number): ProseBlock | undefined {
  return unit.blocks.find((b) => (b.map[0] ?? Infinity) <= offset && offset < (b.map[b.text.length] ?? -Infinity));
}

function parserFor(unit: Unit): ((source: string) => ParsedProse) | undefined {
  if (unit.format === 'markdown') return parseMarkdown;
  if (unit.format === 'html') return (s) => parseHtml(s);
  // A macro's reply: HTML ones are parsed as fragments and read the comments; plain-text ones do not.
  if (unit.id !== '' && looksLikeHtml(unit.source)) return (s) => parseHtml(s, { fragment: true });
  return undefined;
}

/** HTML and table cells: the comments hug the block's text, inside its element or cell. */
function inline(block: ProseBlock, disable: string, enable: string): Edit[] {
  const start = block.map[0] ?? 0;
  const end = (block.map[block.text.length - 1] ?? start) + 1;
  return [
    { offset: start, length: 0, content: disable },
    { offset: end, length: 0, content: enable },
  ];
}

/**
 * Markdown: each comment on a line of its own, before the block's first line and after its last, indented to the
 * block's content (inside a list item, after a quote's `>`), so it belongs to the same container. A comment at the
 * start of a paragraph's own line would make that line an HTML block instead.
 */
function aroundLines(source: string, block: ProseBlock, disable: string, enable: string): Edit[] {
  const start = block.map[0] ?? 0;
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = endOfLine(source, block.map[block.text.length - 1] ?? start);
  // A setext heading's underline belongs to the heading: the comment goes after it.
  if (block.kind === 'heading' && lineEnd < source.length) {
    const next = endOfLine(source, source.indexOf('\n', lineEnd) + 1);
    if (/^\r?\n {0,3}(=+|-+)[ \t]*$/.test(source.slice(lineEnd, next))) lineEnd = next;
  }
  const indent = containerIndent(source.slice(lineStart, start));
  const eol = source[lineEnd] === '\r' ? '\r\n' : '\n';
  return [
    { offset: lineStart, length: 0, content: `${indent}${disable}${eol}` },
    { offset: lineEnd, length: 0, content: `${eol}${indent}${enable}` },
  ];
}

/** The offset where the line holding `at` ends: its line break (a CRLF's `\r`), or the end of the text. */
function endOfLine(source: string, at: number): number {
  const lf = source.indexOf('\n', at);
  if (lf === -1) return source.length;
  return source[lf - 1] === '\r' ? lf - 1 : lf;
}

/** A line's container prefix as it continues: quote markers kept, a list marker as spaces, the rest (a heading's `#`) dropped. */
function containerIndent(prefix: string): string {
  const m = /^((?:[ \t]*>)*[ \t]*)((?:[-+*]|\d{1,9}[.)])[ \t]+)?/.exec(prefix);
  return `${m?.[1] ?? ''}${' '.repeat(m?.[2]?.length ?? 0)}`;
}
