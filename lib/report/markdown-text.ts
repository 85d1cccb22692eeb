/**
 * Characters that mean something to GitHub's Markdown or to the HTML it allows: tags and entities, emphasis,
 * code spans, links and images, strikethrough, math, table cells, and the backslash that would escape our escapes.
 */
const SPECIAL = /[&<>\\`*_[\]|~$]/g;
const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * User text (a persona name, a title, a path, a finding's text or reason) printed literally in Markdown, in a
 * table cell and inside HTML such as `<summary>` alike: on one line, every special character as a character
 * reference. References are never Markdown syntax, do not split GFM table cells, and HTML decodes
 * them, so the one form is safe in all three places.
 */
export function mdText(s: string): string {
  return s
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(SPECIAL, (c) => NAMED[c] ?? `&#${c.charCodeAt(0)};`);
}
