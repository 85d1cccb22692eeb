import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Processor } from 'unified';
import type { Nodes, Parents, PhrasingContent, RootContent } from 'mdast';
import type { BlockKind, Directive, ProseBlock } from '../types.ts';
import { ProseBuilder } from './prose-builder.ts';
import { readDirectives } from './directives.ts';
import { parseHtml } from './html.ts';
import type { ParsedProse } from './parsed-prose.ts';

/**
 * GFM tables only. The rest of GFM (autolink literals above all) halves
 * remark-parse's speed (measured on the real corpus: 0.93 → 1.89 MiB/s) and
 * adds nothing clarity reads: bare URLs are skipped by the tokenizer anyway.
 */
function remarkGfmTables(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

// Built once: parse() is all we need, no transforms run. The table extension tries every paragraph line
// as a table head (a fifth of remark's allocations on the real corpus), so text without a '|' skips it.
const withTables = unified().use(remarkParse).use(remarkGfmTables).use(remarkFrontmatter, ['yaml', 'toml']);
const withoutTables = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);

/** Markdown → prose blocks. Front matter, code, images and bare URLs are not prose; HTML blocks are read as HTML. */
export function parseMarkdown(source: string): ParsedProse {
  const tree = (source.includes('|') ? withTables : withoutTables).parse(source);
  const blocks: ProseBlock[] = [];
  const directives: Directive[] = [];
  const builder = new ProseBuilder(source);

  const start = (n: Nodes): number => n.position?.start.offset ?? 0;
  const end = (n: Nodes): number => n.position?.end.offset ?? 0;

  function phrasing(nodes: PhrasingContent[]): void {
    for (const n of nodes) {
      switch (n.type) {
        case 'text':
          builder.append(n.value, start(n), end(n));
          break;
        case 'emphasis':
        case 'strong':
        case 'delete':
        case 'linkReference':
          phrasing(n.children);
          break;
        case 'link':
          if (isBareUrl(n.url, n.children)) builder.gap(start(n));
          else phrasing(n.children);
          break;
        case 'html':
          directives.push(...readDirectives(n.value, start(n)));
          builder.gap(start(n));
          break;
        default:
          // inlineCode, break, image, footnoteReference: not prose, but they separate words.
          builder.gap(start(n));
      }
    }
  }

  function block(nodes: RootContent[], kind: BlockKind): void {
    for (const n of nodes) {
      switch (n.type) {
        case 'paragraph':
        case 'heading':
        case 'tableCell':
          phrasing(n.children);
          builder.flush(n.type === 'heading' ? 'heading' : n.type === 'tableCell' ? 'table-cell' : kind, blocks);
          break;
        case 'blockquote':
          block(n.children, 'quote');
          break;
        case 'listItem':
          block(n.children, 'list-item');
          break;
        case 'html':
          directives.push(...readDirectives(n.value, start(n)));
          htmlBlock(n.value, start(n));
          break;
        default:
          if ('children' in n && !isCode(n)) block((n as Parents).children as RootContent[], kind);
      }
    }
  }

  /**
   * An HTML block inside Markdown (`<p>…</p>`, `<div class="note">…</div>`) is prose too: parsed as HTML, its blocks
   * pointing into the Markdown source. Only where the node's value is its source text, so offsets hold (inside a
   * list or quote, remark strips the line prefixes).
   */
  function htmlBlock(value: string, at: number): void {
    if (source.slice(at, at + value.length) !== value) return;
    for (const b of parseHtml(value, { fragment: true }).blocks) {
      for (let i = 0; i < b.map.length; i++) b.map[i] = (b.map[i] ?? 0) + at;
      blocks.push(b);
    }
  }

  block(tree.children, 'paragraph');
  return { blocks, directives };
}

function isBareUrl(url: string, children: PhrasingContent[]): boolean {
  const only = children.length === 1 ? children[0] : undefined;
  return only?.type === 'text' && (only.value === url || `mailto:${only.value}` === url);
}

function isCode(n: Nodes): boolean {
  return n.type === 'code' || n.type === 'inlineCode';
}
