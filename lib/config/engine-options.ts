import { dirname } from 'node:path';
import type { EngineOptions } from '../engine/audit.ts';
import { DEFAULT_MAX_BYTES } from '../engine/parse/asset.ts';
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

/**
 * The largest file to read: `--max-bytes` when given, else the config's maxBytes, else the default. One place for
 * the CLI, the language server and `clarity dev`; readAsset checks the size it is given.
 */
export function maxBytesOf(loaded: LoadedConfig, flag?: number): number {
  return flag ?? loaded.config.maxBytes ?? DEFAULT_MAX_BYTES;
}
