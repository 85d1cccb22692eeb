/**
 * How deep a file nests, found by a cheap scan before it goes to a parser. remark, parse5 and jsonc-parser
 * walk nesting by recursion and some of their work grows with depth per line: 10,000 `- ` on one line ran 89 s
 * and then overflowed the stack. A file nested deeper than anyone writes prose is refused with the line to
 * look at instead. Each scan reads every character at most a few times, whatever the input.
 */

/** Lists and quotes inside each other, in Markdown; arrays and objects, in JSON. */
export const MAX_NESTING = 100;
/** Elements inside each other, in HTML (as the scan counts them: it leaves out elements such as `<li>` and `<td>` whose end tags are optional). */
export const MAX_HTML_NESTING = 256;

/** Thrown by a parser before it parses, when its input nests too deeply; `readAsset` turns it into a skipped file. */
export class TooDeeplyNested extends Error {
  constructor(
    /** The limit that was passed. */
    readonly limit: number,
    /** Where in the parsed text the nesting went past it, or -1 when a parser ran out of stack. */
    readonly offset: number,
    /** What nests, for the message: "lists and quotes". */
    readonly what: string,
  ) {
    super(`${what} nested deeper than ${limit} levels`);
    this.name = 'TooDeeplyNested';
  }

  /** The same, at an offset `by` further on (for text parsed as part of a larger source). */
  shifted(by: number): TooDeeplyNested {
    return new TooDeeplyNested(this.limit, this.offset < 0 ? -1 : this.offset + by, this.what);
  }
}

/**
 * Runs a recursive parser, turning a stack overflow into TooDeeplyNested: the scans' counts are estimates, and
 * nesting they do not see (emphasis inside emphasis) still ends in a skipped file, not a crash.
 */
export function parseWithinStack<T>(parse: () => T, limit: number, what: string): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError) throw new TooDeeplyNested(limit, -1, what);
    throw error;
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isBlank = (c: number): boolean => c === 32 || c === 9;

/**
 * The start of the first Markdown line whose block containers (quotes, list items) may nest deeper than `limit`,
 * or -1. An upper bound: a line's depth is at most its `>` and list markers plus half its indentation (each list
 * level needs two columns more than its parent; a tab counts four; the space after a marker is the marker's), and
 * only a line with a marker opens a level.
 */
export function markdownNestingAt(source: string, limit: number): number {
  for (let lineStart = 0; lineStart < source.length; ) {
    let i = lineStart;
    let markers = 0;
    let columns = 0;
    for (;;) {
      const c = source.charCodeAt(i);
      if (isBlank(c)) {
        columns += c === 9 ? 4 : 1;
        i++;
      } else if (c === 62 /* > */) {
        markers++;
        i = afterMarker(source, i + 1);
      } else if ((c === 45 || c === 42 || c === 43) /* - * + */ && (i + 1 >= source.length || isBlank(source.charCodeAt(i + 1)) || isEol(source.charCodeAt(i + 1)))) {
        markers++;
        i = afterMarker(source, i + 1);
      } else if (isDigit(c)) {
        let j = i;
        while (j < source.length && j - i < 9 && isDigit(source.charCodeAt(j))) j++;
        const d = source.charCodeAt(j);
        const after = source.charCodeAt(j + 1);
        if ((d === 46 || d === 41) /* . ) */ && (j + 1 >= source.length || isBlank(after) || isEol(after))) {
          markers++;
          i = afterMarker(source, j + 1);
        } else break;
      } else break;
    }
    if (markers > 0 && markers + (columns >> 1) > limit) return lineStart;
    const nl = source.indexOf('\n', i);
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return -1;
}

/** Past the one space that belongs to a marker (`> `, `- `): it is not indentation. */
function afterMarker(source: string, i: number): number {
  return source.charCodeAt(i) === 32 ? i + 1 : i;
}

function isEol(c: number): boolean {
  return c === 10 || c === 13;
}

/**
 * The offset of the first `[` or `{` nested deeper than `limit` in JSON, or -1. Strings are skipped the way
 * jsonc-parser reads them (a line break ends an unterminated one), so brackets inside them do not count.
 */
export function jsonNestingAt(source: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < source.length; i++) {
        const s = source.charCodeAt(i);
        if (s === 92 /* \ */) i++;
        else if (s === 34 || isEol(s)) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements a later tag closes without an end tag: counted, they would pile up in pages that never close them. */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rp', 'rtc', 'html', 'head', 'body']);
/** Elements whose content is text, not tags, up to their own end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** The HTML parser's "special" elements: an end tag of another kind is ignored rather than closing one of these. */
const SPECIAL = new Set([
  'address', 'applet', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button', 'caption', 'center', 'col', 'colgroup',
  'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'iframe', 'img', 'input', 'keygen', 'li', 'link', 'listing', 'main', 'marquee', 'menu', 'meta', 'nav',
  'noembed', 'noframes', 'noscript', 'object', 'ol', 'p', 'param', 'plaintext', 'pre', 'script', 'search', 'section', 'select', 'source', 'style', 'summary',
  'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'ul', 'wbr', 'xmp',
]);
/** Elements an end tag of a special element does not reach past ("in scope"). */
const SCOPE = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template']);

/**
 * The offset of the first HTML start tag that may nest deeper than `limit` elements, or -1. The scan keeps a
 * stack of open elements much as the HTML parser does: void and raw-text elements, comments and elements
 * with optional end tags are not counted; an end tag closes the nearest open element of its name unless the
 * parser would ignore it (a special element, or a scope boundary for special end tags, is in the way).
 */
export function htmlNestingAt(source: string, limit: number): number {
  const open: string[] = [];
  const byName = new Map<string, number[]>();
  const specials: number[] = [];
  const scopes: number[] = [];
  let foreign = 0;
  const pop = (): void => {
    const name = open.pop() as string;
    const at = open.length;
    byName.get(name)?.pop();
    if (specials.at(-1) === at) specials.pop();
    if (scopes.at(-1) === at) scopes.pop();
    if (name === 'svg' || name === 'math') foreign--;
  };
  const len = source.length;
  let i = source.indexOf('<');
  while (i !== -1 && i < len) {
    const c = source.charCodeAt(i + 1);
    if (source.startsWith('<!--', i)) {
      const e = source.indexOf('-->', i + 4);
      if (e === -1) break;
      i = source.indexOf('<', e + 3);
      continue;
    }
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      const e = source.indexOf('>', i + 2);
      if (e === -1) break;
      i = source.indexOf('<', e + 1);
      continue;
    }
    const closing = c === 47; /* / */
    const nameStart = i + (closing ? 2 : 1);
    if (!isAsciiLetter(source.charCodeAt(nameStart))) {
      i = source.indexOf('<', i + 1);
      continue;
    }
    let j = nameStart;
    while (j < len && !isTagNameEnd(source.charCodeAt(j))) j++;
    const name = source.slice(nameStart, j).toLowerCase();
    const end = tagEnd(source, j);
    if (end === -1) break;
    const tagStart = i;
    i = source.indexOf('<', end + 1);
    if (closing) {
      const at = byName.get(name)?.at(-1);
      if (at === undefined) continue;
      const blocker = (SPECIAL.has(name) ? scopes : specials).at(-1) ?? -1;
      if (blocker > at) continue;
      while (open.length > at) pop();
      continue;
    }
    if (foreign > 0 && source.charCodeAt(end - 1) === 47) continue; // <path/> in SVG closes itself
    if (VOID.has(name) || OPTIONAL_END.has(name)) continue;
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'ig');
      close.lastIndex = end + 1;
      const m = close.exec(source);
      if (!m) break;
      i = m.index;
      continue;
    }
    const at = open.length;
    open.push(name);
    let names = byName.get(name);
    if (!names) byName.set(name, (names = []));
    names.push(at);
    if (SPECIAL.has(name)) specials.push(at);
    if (SCOPE.has(name)) scopes.push(at);
    if (name === 'svg' || name === 'math') foreign++;
    if (open.length > limit) return tagStart;
  }
  return -1;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isTagNameEnd(c: number): boolean {
  return c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/** The `>` that ends a tag whose name ends at `from` (skipping quoted attribute values), or -1. */
function tagEnd(source: string, from: number): number {
  for (let k = from; k < source.length; k++) {
    const c = source.charCodeAt(k);
    if (c === 62) return k;
    if (c === 61 /* = */) {
      let v = k + 1;
      while (v < source.length && (isBlank(source.charCodeAt(v)) || isEol(source.charCodeAt(v)))) v++;
      const q = source.charCodeAt(v);
      if (q === 34 || q === 39) {
        const close = source.indexOf(q === 34 ? '"' : "'", v + 1);
        if (close === -1) return -1;
        k = close;
      } else k = v - 1;
    }
  }
  return -1;
}
