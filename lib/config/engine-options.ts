import { dirname } from 'node:path';
import type { EngineOptions } from '../engine/audit.ts';
import type { Persona } from '../engine/types.ts';
import type { LoadedConfig } from './load.ts';

/**
 * What a loaded config asks of the engine for these personas: its house terms, glossaries, stages and rule switches. One
 * place, so `clarity audit`, `clarity fix` and the language server audit a file alike.
 */
export function engineOptionsOf(loaded: LoadedConfig, personas: readonly Persona[]): EngineOptions {
  const { terms, rules, stages } = loaded.config;
  const glossaries = loaded.glossaries.map((g) => g.glossary);
  return {
    personas,
    ...(terms.preferred.length || terms.forbidden.length ? { terms } : {}),
    ...(glossaries.length ? { glossaries } : {}),
    ...(Object.keys(stages).length ? { stages: { globs: stages, ...(loaded.path ? { root: dirname(loaded.path) } : {}) } } : {}),
    rules,
  };
}
