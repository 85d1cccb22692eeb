import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import type { Element, Nodes, RootContent } from 'hast';
import type { BlockKind, Directive, ProseBlock } from '../types.ts';
import { ProseBuilder } from './prose-builder.ts';
import { readDirectives } from './directives.ts';
import type { ParsedProse } from './parsed-prose.ts';

const documentParser = unified().use(rehypeParse);
const fragmentParser = unified().use(rehypeParse, { fragment: true });

/** Elements whose text is not prose a customer reads: code, scripts, and navigation boilerplate. */
const NOT_PROSE = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'nav', 'footer', 'code', 'pre', 'kbd', 'samp',
  'svg', 'math', 'iframe', 'object', 'select', 'textarea', 'canvas', 'audio', 'video',
]);

const BLOCK_KIND: Record<string, BlockKind> = {
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  li: 'list-item', dt: 'list-item', dd: 'list-item',
  td: 'table-cell', th: 'table-cell',
  blockquote: 'quote',
};

const BLOCK = new Set([
  ...Object.keys(BLOCK_KIND),
  'p', 'div', 'section', 'article', 'main', 'header', 'aside', 'body', 'html', 'form', 'fieldset',
  'figure', 'figcaption', 'caption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'ul', 'ol', 'dl',
  'address', 'details', 'summary', 'hr', 'legend', 'center',
]);

/** HTML → prose blocks. `fragment` for snippets such as a macro body, whole documents otherwise. */
export function parseHtml(source: string, options: { fragment?: boolean } = {}): ParsedProse {
  const tree = (options.fragment ? fragmentParser : documentParser).parse(source);
  const blocks: ProseBlock[] = [];
  const directives: Directive[] = [];
  const builder = new ProseBuilder(source);
  let kind: BlockKind = 'paragraph';

  function walk(nodes: RootContent[]): void {
    for (const n of nodes) {
      if (n.type === 'text') {
        builder.append(n.value, startOf(n), n.position?.end.offset ?? 0);
      } else if (n.type === 'comment') {
        directives.push(...readDirectives(`<!--${n.value}-->`, startOf(n)));
      } else if (n.type === 'element') {
        element(n);
      }
    }
  }

  function element(el: Element): void {
    if (NOT_PROSE.has(el.tagName) || el.properties.hidden != null || el.properties.ariaHidden === 'true') {
      builder.gap(startOf(el));
      return;
    }
    if (el.tagName === 'br' || el.tagName === 'img' || el.tagName === 'input') {
      builder.gap(startOf(el));
      return;
    }
    if (!BLOCK.has(el.tagName)) {
      walk(el.children);
      return;
    }
    const outer = kind;
    builder.flush(kind, blocks);
    kind = BLOCK_KIND[el.tagName] ?? (outer === 'quote' || outer === 'list-item' ? outer : 'paragraph');
    walk(el.children);
    builder.flush(kind, blocks);
    kind = outer;
  }

  walk(tree.children);
  builder.flush(kind, blocks);
  return { blocks, directives };
}

function startOf(n: Nodes): number {
  return n.position?.start.offset ?? 0;
}
