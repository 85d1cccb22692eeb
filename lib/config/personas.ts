import type { Persona } from '../engine/types.ts';
import type { LoadedConfig } from './load.ts';

/**
 * The personas to audit against: those named (`--persona`), else the config's `defaultPersonas`, else all of them.
 * An unknown id is a message naming the known ones.
 */
export function pickPersonas(loaded: LoadedConfig, ids: string[] | undefined): Persona[] | string {
  const wanted = ids ?? loaded.config.defaultPersonas;
  if (!wanted) return loaded.personas;
  const known = new Map(loaded.personas.map((p) => [p.id, p]));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length) return `unknown persona ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${[...known.keys()].join(', ')})`;
  return wanted.map((id) => known.get(id) as Persona);
}
