import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { nearest } from '../engine/persona/field-issues.ts';
import { fail, ok, type Result } from '../engine/types.ts';
import { parseGlossary } from './validate.ts';
import type { Glossary } from './types.ts';

/** Extensions read as YAML; anything else is read as JSON. */
const YAML = new Set(['.yaml', '.yml']);

/** Reads a glossary file (JSON, or YAML by extension); errors start with `shownAs` ("glossary team.yaml") and name the field. */
export function readGlossaryFile(path: string, shownAs: string): Result<Glossary> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail('glossary-not-found', `${shownAs} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`}`);
  }
  return parseGlossaryText(text, isYamlPath(path), shownAs, basename(path, extname(path)));
}

/** Whether a glossary file is read as YAML (by its extension), else JSON. */
export const isYamlPath = (path: string): boolean => YAML.has(extname(path).toLowerCase());

/** A glossary file's text, parsed and validated. */
export function parseGlossaryText(text: string, yaml: boolean, shownAs: string, fallbackName: string): Result<Glossary> {
  const data = parseText(text, yaml);
  if (!data.ok) return fail('invalid-glossary', `${shownAs} is not valid ${data.error.code}: ${data.error.message}`);
  return parseGlossary(data.value, shownAs, fallbackName);
}

function parseText(text: string, yaml: boolean): Result<unknown> {
  try {
    return ok(yaml ? parseYaml(text) : JSON.parse(text));
  } catch (error) {
    // yaml's message goes on with the lines around the error; its first line says where.
    return fail(yaml ? 'YAML' : 'JSON', (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/:$/, '') ?? '');
  }
}

/** A glossary's `known` personas must be personas the config knows. */
export function checkPersonas(glossary: Glossary, where: string, personaIds: readonly string[]): Result<Glossary> {
  for (const [i, t] of glossary.terms.entries()) {
    for (const [j, id] of (t.known ?? []).entries()) {
      if (personaIds.includes(id)) continue;
      const near = nearest(id, personaIds);
      return fail('invalid-glossary', `${where}: terms.${i}.known.${j}: unknown persona "${id}" (${near ? `did you mean "${near}"?` : `known: ${personaIds.join(', ')}`})`);
    }
  }
  return ok(glossary);
}
