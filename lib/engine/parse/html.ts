import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import type { Element, Nodes, Root, RootContent } from 'hast';
import type { BlockKind, Directive, ProseBlock } from '../types.ts';
import { ProseBuilder } from './prose-builder.ts';
import { readDirectives } from './directives.ts';
import type { ParsedProse } from './parsed-prose.ts';
import { htmlNestingAt, MAX_HTML_NESTING, parseWithinStack, TooDeeplyNested } from './nesting.ts';
import { walkFrames, type Frame } from './walk.ts';

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

/** HTML → prose blocks. `fragment` for snippets such as a macro body, whole documents otherwise. Throws TooDeeplyNested. */
export function parseHtml(source: string, options: { fragment?: boolean } = {}): ParsedProse {
  const deep = htmlNestingAt(source, MAX_HTML_NESTING);
  if (deep >= 0) throw new TooDeeplyNested(MAX_HTML_NESTING, deep, 'elements');
  const tree: Root = parseWithinStack(() => (options.fragment ? fragmentParser : documentParser).parse(source), MAX_HTML_NESTING, 'elements');
  const blocks: ProseBlock[] = [];
  const directives: Directive[] = [];
  const builder = new ProseBuilder(source);
  let kind: BlockKind = 'paragraph';

  // A block element's frame remembers the kind around it, restored (after a flush) when its children are done.
  type BlockFrame = Frame<RootContent> & { outer?: BlockKind };
  const leave = (frame: BlockFrame) => {
    if (frame.outer === undefined) return;
    builder.flush(kind, blocks);
    kind = frame.outer;
  };
  walkFrames<RootContent, BlockFrame>(
    { nodes: tree.children, next: 0 },
    (n, frame, descend) => {
      if (n.type === 'text') {
        builder.append(n.value, startOf(n), n.position?.end.offset ?? 0);
      } else if (n.type === 'comment') {
        directives.push(...readDirectives(`<!--${n.value}-->`, startOf(n)));
      } else if (n.type === 'element') {
        const el: Element = n;
        if (NOT_PROSE.has(el.tagName) || el.properties.hidden != null || el.properties.ariaHidden === 'true' || el.tagName === 'br' || el.tagName === 'img' || el.tagName === 'input' || isInPageLinkItem(el) || isLinkList(el, frame)) {
          builder.gap(startOf(el));
        } else if (!BLOCK.has(el.tagName)) {
          // An inline element right after a full stop with no space ("…the Site.</span><span>When…") is a block
          // the stylesheet sets apart (as component libraries' display:block spans are): no writer means "Site.When".
          if (builder.endsSentenceTight) builder.flush(kind, blocks);
          descend({ nodes: el.children, next: 0 });
        } else {
          const outer = kind;
          builder.flush(kind, blocks);
          kind = BLOCK_KIND[el.tagName] ?? (outer === 'quote' || outer === 'list-item' ? outer : 'paragraph');
          descend({ nodes: el.children, next: 0, outer });
        }
      }
    },
    leave,
  );
  builder.flush(kind, blocks);
  return { blocks, directives };
}

/** The href of the one link an element holds and nothing else ('' for a link without one), if it does. */
function onlyLinkHref(el: Element): string | undefined {
  const only = el.children.filter((c) => c.type !== 'comment' && (c.type !== 'text' || c.value.trim() !== ''));
  const a = only.length === 1 && only[0]?.type === 'element' && only[0].tagName === 'a' ? only[0] : undefined;
  return a && (typeof a.properties.href === 'string' ? a.properties.href : '');
}

/** `<li><a href="#terms">Terms</a></li>`: a table of contents, navigation that repeats the headings below (see markdown.ts). */
function isInPageLinkItem(el: Element): boolean {
  return el.tagName === 'li' && (onlyLinkHref(el)?.startsWith('#') ?? false);
}

/** A `<ul>`/`<ol>` of items that are each one link, two or more or one right under a heading: navigation (see markdown.ts). */
function isLinkList(el: Element, frame: Frame<RootContent>): boolean {
  if (el.tagName !== 'ul' && el.tagName !== 'ol') return false;
  const items = el.children.filter((c): c is Element => c.type === 'element');
  return (items.length >= 2 || HEADINGS.has(previousElement(frame)?.tagName ?? '')) && items.every((li) => li.tagName === 'li' && onlyLinkHref(li) !== undefined);
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** The element before the one just visited among its siblings, past whitespace and comments. */
function previousElement(frame: Frame<RootContent>): Element | undefined {
  for (let i = frame.next - 2; i >= 0; i--) {
    const n = frame.nodes[i];
    if (n?.type === 'element') return n;
    if (n?.type === 'text' && n.value.trim() !== '') return undefined;
  }
  return undefined;
}

function startOf(n: Nodes): number {
  return n.position?.start.offset ?? 0;
}
