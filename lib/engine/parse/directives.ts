import type { Directive } from '../types.ts';
import { isSpaceCode } from '../segment/chars.ts';

/**
 * Reads `<!-- clarity-disable [rule, ...] -->` and `<!-- clarity-enable [...] -->` comments from raw HTML/Markdown:
 * what `/<!--\s*clarity-(disable|enable)\b([^>]*?)-->/g` matches. A scan, not that pattern: with no `>` after them,
 * every such comment opening ran the pattern to the end of the text (quadratic). The first `>` after the keyword
 * decides (the rule list holds no `>`), and it is found once for all the openings before it.
 */
export function readDirectives(raw: string, offset: number): Directive[] {
  const found: Directive[] = [];
  let nextGt = -1;
  for (let at = raw.indexOf('<!--'), next: number; at !== -1; at = raw.indexOf('<!--', next)) {
    next = at + 1;
    let i = at + 4;
    while (i < raw.length && isSpaceCode(raw.charCodeAt(i))) i++;
    const kind = raw.startsWith('clarity-disable', i) ? 'disable' : raw.startsWith('clarity-enable', i) ? 'enable' : undefined;
    if (!kind) continue;
    const from = i + (kind === 'disable' ? 15 : 14);
    if (/\w/.test(raw[from] ?? '')) continue;
    if (nextGt < from) nextGt = raw.indexOf('>', from);
    if (nextGt === -1) break;
    if (nextGt - 2 < from || raw[nextGt - 1] !== '-' || raw[nextGt - 2] !== '-') continue;
    const rules = raw
      .slice(from, nextGt - 2)
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    found.push({ offset: offset + at, kind, rules });
    next = nextGt + 1;
  }
  return found;
}
