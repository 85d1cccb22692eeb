/**
 * User text (titles, paths, persona names, finding texts) made literal in each output language the reports are
 * written in: one escaper per language, which every renderer of that language uses.
 */

/**
 * HTML: safe as element text and inside a double-quoted attribute value (every attribute the pages write is one).
 * Self-contained (the portfolio's browser script is given its source), so it calls nothing else.
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Characters that mean something to GitHub's Markdown or to the HTML it allows: tags and entities, emphasis,
 * code spans, links and images, strikethrough, math, table cells, and the backslash that would escape our escapes.
 */
const MD_SPECIAL = /[&<>\\`*_[\]|~$]/g;
const MD_NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Markdown: printed literally in a table cell and inside HTML such as `<summary>` alike: on one line, every special
 * character as a character reference. References are never Markdown syntax, do not split GFM table cells, and HTML
 * decodes them, so the one form is safe in all three places.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(MD_SPECIAL, (c) => MD_NAMED[c] ?? `&#${c.charCodeAt(0)};`);
}

/** XML element text. Characters XML 1.0 cannot hold at all (most control characters, lone surrogates, U+FFFE/U+FFFF) are dropped. */
export function escapeXmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An XML attribute value, in either quotes; whitespace as references so attribute normalisation keeps it. */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
