import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import { parseConfig, type LoadedConfig } from '../config/load.ts';
import { lemmas } from '../engine/grammar/lemma.ts';
import { fail, ok, type Finding, type Result } from '../engine/types.ts';

/** The rules a persona's `knownTerms` silence: a term the reader knows is no jargon, acronym or rare word to them. */
export const KNOWN_TERM_RULES: ReadonlySet<string> = new Set(['jargon', 'acronym', 'uncommon-word']);

/**
 * The forms of a finding's term to list as known: an acronym as written; any other term in lower case, with the
 * lemmas of its last word, since a jargon term is matched by its listed form ("deductibles" is known as "deductible").
 */
export function knownTermForms(f: Finding): string[] {
  if (f.ruleId === 'acronym') return [f.text];
  const lower = f.text.toLowerCase().replace(/\s+/g, ' ');
  const at = lower.lastIndexOf(' ') + 1;
  return [...new Set([lower, ...lemmas(lower.slice(at)).map((l) => lower.slice(0, at) + l)])];
}

const FORMAT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

/**
 * The config's text with `terms` added to the `knownTerms` of each of the personas (skipping those it already
 * lists). A built-in persona is overridden by id with its own known terms plus the new ones (an override replaces
 * the list; see "A persona whose id matches a built-in persona overrides only the fields it gives"). The rest of
 * the file keeps its formatting, and the result must load as a valid config.
 */
export function addKnownTerms(text: string | undefined, loaded: LoadedConfig, personaIds: readonly string[], terms: readonly string[], path: string): Result<string> {
  let out = text?.trim() ? text : '{}\n';
  let raw: unknown;
  try {
    raw = JSON.parse(out);
  } catch (error) {
    return fail('invalid-config', `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix it before adding terms`);
  }
  const entries = (raw as { personas?: unknown }).personas;
  let ids = Array.isArray(entries) ? entries.map((e) => (e as { id?: unknown } | null)?.id) : undefined;
  let added = 0;
  for (const id of personaIds) {
    const persona = loaded.personas.find((p) => p.id === id);
    if (!persona) continue;
    const known = new Set(persona.knownTerms.map((k) => k.toLowerCase()));
    const missing = terms.filter((t) => !known.has(t.toLowerCase()));
    if (missing.length === 0) continue;
    const knownTerms = [...persona.knownTerms, ...missing];
    const index = ids?.indexOf(id) ?? -1;
    if (index >= 0) out = edit(out, ['personas', index, 'knownTerms'], knownTerms);
    else if (ids) out = edit(out, ['personas', ids.push(id) - 1], { id, knownTerms }, true);
    else {
      out = edit(out, ['personas'], [{ id, knownTerms }]);
      ids = [id];
    }
    added++;
  }
  if (added === 0) return fail('already-known', `every persona the finding applies to already lists ${terms.map((t) => `“${t}”`).join(' or ')}`);
  const check = parseConfig(JSON.parse(out), path);
  return check.ok ? ok(out) : fail('invalid-config', `adding the term would leave ${check.error.message}`);
}

/** A change at one path; jsonc-parser formats the lines it touches, and a new top-level field goes first, so no other line moves. */
function edit(text: string, path: (string | number)[], value: unknown, isArrayInsertion = false): string {
  return applyEdits(text, modify(text, path, value, { formattingOptions: FORMAT, isArrayInsertion, getInsertionIndex: () => 0 }));
}
