import type { Directive } from '../types.ts';

const DIRECTIVE = /<!--\s*clarity-(disable|enable)\b([^>]*?)-->/g;

/** Reads `<!-- clarity-disable [rule, ...] -->` and `<!-- clarity-enable [...] -->` comments from raw HTML/Markdown. */
export function readDirectives(raw: string, offset: number): Directive[] {
  const found: Directive[] = [];
  for (const m of raw.matchAll(DIRECTIVE)) {
    const rules = (m[2] ?? '')
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    found.push({ offset: offset + (m.index ?? 0), kind: m[1] === 'disable' ? 'disable' : 'enable', rules });
  }
  return found;
}
