import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BUILTIN_PERSONAS } from '../engine/persona/builtin.ts';
import { parsePersona } from '../engine/persona/schema.ts';
import { describeIssues } from '../engine/persona/field-issues.ts';
import { fail, ok, type Persona, type Result } from '../engine/types.ts';
import { configSchema, type ClarityConfig } from './schema.ts';
import { checkPersonas, readGlossaryFile } from '../glossary/load.ts';
import { parseGlossary } from '../glossary/validate.ts';
import { UNNAMED } from '../glossary/merge.ts';
import type { Glossary } from '../glossary/types.ts';

export const CONFIG_FILE = 'clarity.config.json';

export interface LoadedConfig {
  config: ClarityConfig;
  /** Built-in personas with the config's additions and overrides applied. */
  personas: Persona[];
  /** The config's glossaries, validated, in layering order; `file` is where a glossary file is (absolute). */
  glossaries: { glossary: Glossary; file?: string }[];
  path?: string;
}

/** Reads and validates the config file (explicit path, or `clarity.config.json` in `cwd` when present). */
export function loadConfig(cwd: string, explicit?: string): Result<LoadedConfig> {
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicit) return fail('config-not-found', `config file ${explicit} does not exist`);
    return resolveConfig(configSchema.parse({}), undefined);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return fail('invalid-config', `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseConfig(data, path);
}

export function parseConfig(data: unknown, path: string): Result<LoadedConfig> {
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues, configSchema, '(root)').join('; ');
    return fail('invalid-config', `${path}: ${problems}`);
  }
  return resolveConfig(parsed.data, path);
}

function resolveConfig(config: ClarityConfig, path: string | undefined): Result<LoadedConfig> {
  const personas = new Map<string, Persona>(BUILTIN_PERSONAS.map((p) => [p.id, p]));
  for (const raw of config.personas) {
    const base = typeof raw.id === 'string' ? personas.get(raw.id) : undefined;
    const persona = parsePersona(base ? { ...base, ...raw } : raw, path ?? CONFIG_FILE);
    if (!persona.ok) return persona;
    personas.set(persona.value.id, persona.value);
  }
  const glossaries = loadGlossaries(config, path, [...personas.keys()]);
  if (!glossaries.ok) return glossaries;
  return ok({ config, personas: [...personas.values()], glossaries: glossaries.value, ...(path ? { path } : {}) });
}

/** Each glossary of the config, read (a file's path is relative to the config's folder) and validated. */
function loadGlossaries(config: ClarityConfig, path: string | undefined, personaIds: string[]): Result<LoadedConfig['glossaries']> {
  const shown = path ?? CONFIG_FILE;
  const loaded: LoadedConfig['glossaries'] = [];
  for (const [i, entry] of config.glossaries.entries()) {
    const file = typeof entry === 'string' ? resolve(path ? dirname(path) : '.', entry) : undefined;
    const where = typeof entry === 'string' ? `glossary ${entry} (glossaries.${i} of ${shown})` : `${shown}: glossaries.${i}`;
    const read = file !== undefined ? readGlossaryFile(file, where) : parseGlossary(entry, where, UNNAMED);
    const glossary = read.ok ? checkPersonas(read.value, where, personaIds) : read;
    if (!glossary.ok) return glossary;
    loaded.push({ glossary: glossary.value, ...(file !== undefined ? { file } : {}) });
  }
  return ok(loaded);
}
