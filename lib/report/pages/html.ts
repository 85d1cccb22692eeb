import { escapeHtml } from '../escape.ts';

/** Markup a page writes itself: the `html` tag puts it in as it is, where any other text is escaped. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** What a page's template may hold: text (escaped), numbers, markup, lists of these, and nothing (left out). */
export type Part = string | number | Html | false | null | undefined | readonly Part[];

/**
 * The pages' templates: everything put in is escaped unless it is markup made by this tag (or `trusted`), so a
 * title, path or finding can only ever be text, and forgetting to escape is not possible.
 */
export function html(strings: TemplateStringsArray, ...parts: readonly Part[]): Html {
  let out = strings[0] ?? '';
  parts.forEach((p, i) => {
    out += markupOf(p) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** The page's own CSS, script or JSON data island, written in as it is: never user text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

function markupOf(p: Part): string {
  if (p instanceof Html) return p.markup;
  if (Array.isArray(p)) return (p as readonly Part[]).map(markupOf).join('');
  if (p === false || p === null || p === undefined) return '';
  return escapeHtml(String(p));
}

/** Pieces of markup with a separator between them (a newline, or ", " between names). */
export function joinHtml(parts: readonly Part[], separator: string): Html {
  return new Html(parts.map(markupOf).join(escapeHtml(separator)));
}
