import { createHash } from 'node:crypto';
import type { Glossary } from './types.ts';

/**
 * A glossary's content hash: the same terms give the same hash whatever the order of their fields (a YAML file and
 * its JSON copy, a re-saved file), so pushing unchanged content changes nothing and re-audits nothing.
 */
export function glossaryHash(glossary: Glossary): string {
  return createHash('sha256').update(canonical(glossary)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted and undefined fields left out (array order is meaning: later terms win). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
