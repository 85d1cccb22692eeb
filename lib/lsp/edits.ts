import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { writeBack } from '../fix/containers.ts';
import type { Edit } from '../fix/apply.ts';
import { planFixes } from '../fix/plan.ts';
import type { DocumentLint, Located } from './lint.ts';

/**
 * The one edit that turns the document's text into `after`: the span between their common start and end. One edit,
 * not one per change, since a macro export's changes are re-encoded strings (JSON escapes, CSV quotes) that only
 * the whole text says where they go.
 */
export function editTo(doc: TextDocument, before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a surrogate pair: a position between its halves is no place in the text.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { range: { start: doc.positionAt(start), end: doc.positionAt(before.length - end) }, newText: after.slice(start, after.length - end) };
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Edits of one unit's source as edits of the document: a whole file's offsets are the document's own, so each
 * edit stays as it is; a macro's reply is written back into its JSON string or CSV field (as clarity fix writes it,
 * see writeBack) and becomes one edit. Undefined when it cannot be written back.
 */
export function unitTextEdits(lint: DocumentLint, doc: TextDocument, located: Located, edits: readonly Edit[]): TextEdit[] | undefined {
  const { unit } = located;
  if (unit.id === '') return edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.content }));
  const written = writeBack(lint.text, unit.format, [{ unit, edits }]);
  const change = written.ok ? editTo(doc, lint.text, written.value) : undefined;
  return change ? [change] : undefined;
}

/**
 * One finding's suggestion as an edit of the unit, planned by clarity fix's planner (the "a"/"an" before a swapped
 * word made to fit, a cut taking its space, markup escaped). A suggestion for review is planned the same way when a
 * person asks for it; undefined when the finding no longer quotes the text.
 */
export function suggestionEdit(located: Located): Edit | undefined {
  return planFixes(located.unit, [{ ...located.finding, suggestionSafe: true }])[0]?.edit;
}
