import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Processor } from 'unified';
import type { Link, Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast';
import type { BlockKind, Directive, ProseBlock } from '../types.ts';
import { ProseBuilder } from './prose-builder.ts';
import { readDirectives } from './directives.ts';
import { parseHtml } from './html.ts';
import type { ParsedProse } from './parsed-prose.ts';
import { markdownNestingAt, MAX_NESTING, parseWithinStack, TooDeeplyNested } from './nesting.ts';
// Replaces micromark's quadratic EditMap.consume before any Markdown is parsed.
import './edit-map.ts';
import { walkFrames, type Frame } from './walk.ts';

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

/**
 * Markdown → prose blocks. Front matter, code, images and bare URLs are not prose; HTML blocks are read as HTML.
 * Throws TooDeeplyNested for lists and quotes nested past MAX_NESTING (or an HTML block past its limit).
 */
export function parseMarkdown(source: string): ParsedProse {
  const deep = markdownNestingAt(source, MAX_NESTING);
  if (deep >= 0) throw new TooDeeplyNested(MAX_NESTING, deep, 'lists and quotes');
  const templated = templateStandins(source);
  const literal = literalDelimiters(templated);
  const restore = literal === undefined ? (v: string): string => v : (v: string): string => v.replace(DELIMITER_STANDINS, (c) => (c === STAR ? '*' : '_'));
  const tree: Root = parseWithinStack(() => (source.includes('|') ? withTables : withoutTables).parse(literal ?? templated), MAX_NESTING, 'Markdown constructs');
  const blocks: ProseBlock[] = [];
  const directives: Directive[] = [];
  const builder = new ProseBuilder(templated);

  const start = (n: Nodes): number => n.position?.start.offset ?? 0;
  const end = (n: Nodes): number => n.position?.end.offset ?? 0;

  function phrasing(children: PhrasingContent[]): void {
    walkFrames<PhrasingContent, Frame<PhrasingContent>>({ nodes: children, next: 0 }, (n, _, descend) => {
      switch (n.type) {
        case 'text':
          if (ONLY_TEMPLATE.test(n.value)) builder.gap(start(n));
          else builder.append(restore(n.value), start(n), end(n));
          break;
        case 'emphasis':
        case 'strong':
        case 'delete':
        case 'linkReference':
          descend({ nodes: n.children, next: 0 });
          break;
        case 'link':
          if (isBareUrl(n.url, n.children)) builder.gap(start(n));
          else descend({ nodes: n.children, next: 0 });
          break;
        case 'html':
          directives.push(...readDirectives(restore(n.value), start(n)));
          builder.gap(start(n));
          break;
        default:
          // inlineCode, break, image, footnoteReference: not prose, but they separate words.
          builder.gap(start(n));
      }
    });
  }

  function block(children: RootContent[]): void {
    walkFrames<RootContent, Frame<RootContent> & { kind: BlockKind }>({ nodes: children, next: 0, kind: 'paragraph' }, (n, top, descend) => {
      switch (n.type) {
        case 'paragraph':
        case 'heading':
        case 'tableCell':
          phrasing(n.children);
          builder.flush(n.type === 'heading' ? 'heading' : n.type === 'tableCell' ? 'table-cell' : top.kind, blocks);
          break;
        case 'blockquote':
          descend({ nodes: n.children, next: 0, kind: 'quote' });
          break;
        case 'list':
          if (!isLinkList(n.children, top.nodes[top.next - 2])) descend({ nodes: n.children, next: 0, kind: top.kind });
          break;
        case 'listItem':
          if (!isInPageLink(n.children)) descend({ nodes: n.children, next: 0, kind: 'list-item' });
          break;
        case 'html':
          directives.push(...readDirectives(restore(n.value), start(n)));
          htmlBlock(restore(n.value), start(n));
          break;
        default:
          if ('children' in n && !isCode(n)) descend({ nodes: (n as Parents).children as RootContent[], next: 0, kind: top.kind });
      }
    });
  }

  /**
   * An HTML block inside Markdown (`<p>…</p>`, `<div class="note">…</div>`) is prose too: parsed as HTML, its blocks
   * pointing into the Markdown source. Only where the node's value is its source text, so offsets hold (inside a
   * list or quote, remark strips the line prefixes).
   */
  function htmlBlock(value: string, at: number): void {
    if (templated.slice(at, at + value.length) !== value) return;
    let parsed: ParsedProse;
    try {
      parsed = parseHtml(value, { fragment: true });
    } catch (error) {
      throw error instanceof TooDeeplyNested ? error.shifted(at) : error;
    }
    for (const b of parsed.blocks) {
      for (let i = 0; i < b.map.length; i++) b.map[i] = (b.map[i] ?? 0) + at;
      blocks.push(b);
    }
  }

  block(tree.children);
  const title = frontMatterTitle(tree);
  return { blocks, directives, ...(title ? { title } : {}) };
}

/**
 * A YAML front matter's top-level `title:` (a site generator's page title) when it is a one-line plain or quoted
 * string. Only that line is read: a YAML library would take the audit Lambda over its 2 MB bundle budget, and a
 * block, list or unclosed quote is no title to use.
 */
function frontMatterTitle(tree: Root): string | undefined {
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0].value : undefined;
  const raw = yaml === undefined ? undefined : TITLE_LINE.exec(yaml)?.[1];
  if (raw === undefined) return undefined;
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  // Unquoted, a YAML indicator first (a block, a list, a map, an unclosed quote) means no one-line string.
  const title = quoted ? (quoted[2] as string) : YAML_INDICATOR.test(raw) ? '' : raw;
  return title.trim() || undefined;
}

const YAML_INDICATOR = /^["'[{|>&*!%@`]/;

const TITLE_LINE = /^title:[ \t]*(.+?)[ \t]*$/m;

const TEMPLATE = '\uE002';
const ONLY_TEMPLATE = /^\s*\uE002[\uE002\s]*$/;
const TEMPLATE_TAGS = /\{\{[^{}\n]*\}\}|\{%[^{}\n]*%\}|\{:[^{}\n]*\}/g;

/**
 * The source with each site-generator tag — Liquid's `{{ site.baseurl }}` and `{% include … %}`, kramdown's
 * attribute lists `{:target="_blank"}` — swapped for a private-use stand-in of the same length: template code, not
 * prose, and with its spaces gone a link whose address starts with one (`[help]({{ site.baseurl }}/help/)`)
 * parses as the link it is. Positions do not move; the stand-ins are no word characters.
 */
export function templateStandins(source: string): string {
  if (!source.includes('{{') && !source.includes('{%') && !source.includes('{:')) return source;
  return source.replace(TEMPLATE_TAGS, (tag) => TEMPLATE.repeat(tag.length));
}

/** Over this many `*` and `_` in one paragraph, micromark's emphasis matching turns quadratic (10 KB of `*`: 5 s; 20 KB: over a minute). */
export const MAX_DELIMITERS = 100;
const STAR = '\uE000';
const UNDERSCORE = '\uE001';
const DELIMITER_STANDINS = /[\uE000\uE001]/g;

/**
 * The source with the `*` and `_` of each paragraph holding more than MAX_DELIMITERS of them swapped for
 * private-use stand-ins of the same length, so remark reads them as literal text, not emphasis; undefined when
 * no paragraph does (or the source holds the stand-ins already). Positions do not move, and the walk swaps the
 * characters back. A line's container markers (`* item`, `> *`) and thematic breaks (`***`) keep theirs.
 */
export function literalDelimiters(source: string): string | undefined {
  if ((!source.includes('*') && !source.includes('_')) || source.includes(STAR) || source.includes(UNDERSCORE)) return undefined;
  const parts: string[] = [];
  let kept = 0;
  const blankLine = /\n[ \t]*\n/g;
  // Paragraphs, roughly: runs of lines between blank lines.
  for (let from = 0; from < source.length; ) {
    blankLine.lastIndex = from;
    const m = blankLine.exec(source);
    const to = m ? m.index + 1 : source.length;
    if (delimitersOver(source, from, to, MAX_DELIMITERS)) {
      parts.push(source.slice(kept, from), literalParagraph(source.slice(from, to)));
      kept = to;
    }
    from = m ? m.index + m[0].length : source.length;
  }
  if (parts.length === 0) return undefined;
  parts.push(source.slice(kept));
  return parts.join('');
}

function delimitersOver(source: string, from: number, to: number, limit: number): boolean {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if ((c === 42 || c === 95) && ++count > limit) return true;
  }
  return false;
}

function literalParagraph(text: string): string {
  return text.replace(/[^\n]*\n?/g, (line) => {
    if (/^[ \t>*_]*\r?\n?$/.test(line)) return line; // a thematic break, or only markers
    const prefix = /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*/.exec(line)?.[0].length ?? 0;
    return line.slice(0, prefix) + line.slice(prefix).replace(/[*_]/g, (c) => (c === '*' ? STAR : UNDERSCORE));
  });
}

function isBareUrl(url: string, children: PhrasingContent[]): boolean {
  const only = children.length === 1 ? children[0] : undefined;
  return only?.type === 'text' && (only.value === url || `mailto:${only.value}` === url);
}

/** The link a list item holds and nothing else, if it does. */
function onlyLink(children: RootContent[]): Link | undefined {
  const only = children.length === 1 && children[0]?.type === 'paragraph' ? children[0].children.filter((c) => c.type !== 'text' || c.value.trim() !== '') : [];
  return only.length === 1 && only[0]?.type === 'link' ? only[0] : undefined;
}

/**
 * A list item that is one link to a place on the same page ("- [Term and termination](#9)"): a table of contents,
 * navigation that repeats the headings below, where the text is read and judged.
 */
function isInPageLink(children: RootContent[]): boolean {
  return onlyLink(children)?.url.startsWith('#') ?? false;
}

/**
 * A list of items that are each one link and nothing else: navigation ("Related articles"), not prose. Two or more
 * such items, or one right under a heading ("## Related articles" then a single link).
 */
function isLinkList(items: RootContent[], previous: RootContent | undefined): boolean {
  return (items.length >= 2 || previous?.type === 'heading') && items.every((item) => item.type === 'listItem' && onlyLink(item.children) !== undefined);
}

function isCode(n: Nodes): boolean {
  return n.type === 'code' || n.type === 'inlineCode';
}
