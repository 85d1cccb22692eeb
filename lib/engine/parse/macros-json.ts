import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { fail, ok, type Result } from '../types.ts';
import { LineIndex } from '../positions.ts';
import { jsonNestingAt, MAX_NESTING } from './nesting.ts';
import { jsonBodyMap, type BodyMap, type ExportText } from './body-map.ts';

/** One canned reply pulled out of an export, with where its body sits in the file. */
export interface RawMacro {
  index: number;
  title: string;
  body: string;
  html: boolean;
  /** Where the body starts in the file (inside the JSON string literal, or the CSV record's line). */
  origin: { line: number; column: number };
  /** Each offset of the body as an offset in the file; none for a macro without a reply. */
  map?: BodyMap;
}

const TITLE_KEYS = ['title', 'raw_title', 'name', 'subject'];
const BODY_KEYS = ['body', 'content', 'text', 'message', 'html_body', 'comment'];

/**
 * Reads a JSON macro export: a bare array of macros, or an object with a
 * `macros` array (help-desk exports), where each macro has a title and either
 * a body field or `actions[]` whose `comment_value`/`comment_value_html` hold the reply.
 */
export function readJsonMacros(source: string): Result<RawMacro[]> {
  // jsonc-parser reads nesting by recursion: 100,000 '[' overflowed the stack.
  const deep = jsonNestingAt(source, MAX_NESTING);
  if (deep >= 0) {
    const at = new LineIndex(source).at(deep);
    return fail('too-deeply-nested', `arrays and objects nested deeper than ${MAX_NESTING} levels at line ${at.line}, column ${at.column}; a macro export nests a few levels, so this is not one`);
  }
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first || !root) {
    const at = new LineIndex(source).at(first?.offset ?? 0);
    return fail('malformed-json', `invalid JSON at line ${at.line}, column ${at.column}: ${first ? printParseErrorCode(first.error) : 'no value'}`);
  }
  const list = root.type === 'array' ? root : findNodeAtLocation(root, ['macros']);
  if (!list || list.type !== 'array') {
    return fail('no-macros', 'expected a JSON array of macros or an object with a "macros" array');
  }
  const lines = new LineIndex(source);
  const file: ExportText = { text: source };
  const macros: RawMacro[] = [];
  (list.children ?? []).forEach((node, index) => {
    if (node.type !== 'object') return;
    const title = TITLE_KEYS.map((k) => stringAt(node, [k])).find((v) => v !== undefined)?.value ?? `Macro ${index + 1}`;
    const body = BODY_KEYS.map((k) => stringAt(node, [k])).find((v) => v !== undefined) ?? actionBody(node);
    // +1 steps inside the string literal's opening quote.
    const origin = lines.at((body?.node.offset ?? node.offset) + 1);
    if (!body) macros.push({ index, title, body: '', html: false, origin });
    else macros.push({ index, title, body: body.value, html: body.html, origin, map: jsonBodyMap(file, body.node.offset, body.node.length, body.value) });
  });
  if (macros.length === 0) return fail('no-macros', 'the macro list is empty or holds no objects');
  return ok(macros);
}

interface Found { value: string; node: Node; html: boolean }

function stringAt(node: Node, path: (string | number)[]): Found | undefined {
  const found = findNodeAtLocation(node, path);
  if (found?.type !== 'string' || typeof found.value !== 'string') return undefined;
  return { value: found.value, node: found, html: looksLikeHtml(found.value) };
}

function actionBody(node: Node): Found | undefined {
  const actions = findNodeAtLocation(node, ['actions']);
  for (const action of actions?.children ?? []) {
    const field = findNodeAtLocation(action, ['field'])?.value;
    if (typeof field !== 'string' || !field.startsWith('comment_value')) continue;
    const value = findNodeAtLocation(action, ['value']);
    // Help-desk exports store either the text or a [channel, text] pair.
    const text = value?.type === 'array' ? value.children?.at(-1) : value;
    if (text?.type === 'string' && typeof text.value === 'string') {
      return { value: text.value, node: text, html: field.endsWith('_html') || looksLikeHtml(text.value) };
    }
  }
  return undefined;
}

const HTML_TAG = /<\/?(?:p|br|div|span|a|strong|em|b|i|ul|ol|li|h[1-6])\b/i;

/**
 * Whether a macro body is HTML: a common tag such as `<p`, `</div` or `<br`, closed by a `>` somewhere after it
 * (what `/<\/?(p|br|…)\b[^>]*>/i` asks). Not that pattern: with no `>` after them, it ran `[^>]*` to the end of the
 * text from every tag (120 KB of `<p `: 4.5 s). Any `>` after the tag closes it, so the tag is looked for only
 * before the last `>`.
 */
export function looksLikeHtml(text: string): boolean {
  const last = text.lastIndexOf('>');
  return last > 0 && HTML_TAG.test(text.slice(0, last + 1));
}
