import { applyEdits, modify } from 'jsonc-parser';
import { isMap, isSeq, parseDocument } from 'yaml';
import { fail, ok, type Result } from '../engine/types.ts';
import type { GlossaryTerm } from './types.ts';

/**
 * A glossary file's text with `term` appended to its terms, the rest of the file as it was (comments, order,
 * formatting): YAML through yaml's document model, JSON through jsonc-parser's edits. An empty or missing file
 * becomes a new version 1 glossary. The result still has to be validated (a term listed twice, say).
 */
export function appendTerm(text: string | undefined, yaml: boolean, term: GlossaryTerm): Result<string> {
  const fresh = !text?.trim();
  if (yaml) {
    const doc = parseDocument(fresh ? 'version: 1\nterms: []\n' : (text as string));
    if (doc.errors.length > 0) return fail('invalid-glossary', `it is not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
    if (!isMap(doc.contents)) return fail('invalid-glossary', 'it is not a glossary (a mapping with version and terms)');
    const terms = doc.get('terms');
    if (terms === undefined) doc.set('terms', doc.createNode([term]));
    else if (isSeq(terms)) {
      // A new glossary's `terms: []` is written in flow style; the first real term turns it into a block list.
      if (terms.items.length === 0) terms.flow = false;
      terms.add(doc.createNode(term));
    } else return fail('invalid-glossary', '"terms" is not a list');
    return ok(doc.toString());
  }
  const base = fresh ? '{\n  "version": 1,\n  "terms": []\n}\n' : (text as string);
  let data: unknown;
  try {
    data = JSON.parse(base);
  } catch (error) {
    return fail('invalid-glossary', `it is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const terms = (data as { terms?: unknown } | null)?.terms;
  if (terms !== undefined && !Array.isArray(terms)) return fail('invalid-glossary', '"terms" is not a list');
  const edits = modify(base, terms === undefined ? ['terms'] : ['terms', -1], terms === undefined ? [term] : term, {
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' },
    isArrayInsertion: terms !== undefined,
  });
  return ok(applyEdits(base, edits));
}
