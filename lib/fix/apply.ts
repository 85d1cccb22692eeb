/** A replacement in a text: `length` characters from `offset` become `content`. */
export interface Edit {
  offset: number;
  length: number;
  content: string;
}

/**
 * Applies non-overlapping edits to a text, in one linear pass from the start (jsonc-parser's applyEdits copies the
 * whole text once per edit, which is quadratic on a long file with many fixes). Edits may come in any order;
 * overlapping edits are a bug in the caller, so they throw rather than garble the text.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.offset < at || e.offset + e.length > text.length) throw new Error(`overlapping or out-of-range edit at ${e.offset}`);
    parts.push(text.slice(at, e.offset), e.content);
    at = e.offset + e.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
