import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../engine/audit.ts';
import type { BlockKind, Persona } from '../engine/types.ts';
import { fixAsset } from '../fix/fix-file.ts';
import { findingOf, type Placed } from './diagnostics.ts';
import { blockAt, disableRuleEdits } from './disable.ts';
import { editTo, suggestionEdit, unitTextEdits } from './edits.ts';
import type { Edit } from '../fix/apply.ts';
import { KNOWN_TERM_RULES, knownTermForms } from './known-terms.ts';
import type { DocumentLint } from './lint.ts';

/** The command the "add this term" action runs: the server writes the config (see server.ts). */
export const ADD_KNOWN_TERM = 'clarity.addKnownTerm';

/** "Fix all" as a source action, for `editor.codeActionsOnSave` and the Source Action menu. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.clarity`;

export interface AddKnownTermArgs {
  uri: string;
  terms: string[];
  personas: string[];
}

/** What a "fix all" action carries until the client asks for its edit (codeAction/resolve). */
export interface FixAllData {
  fixAll: true;
  uri: string;
  version: number;
}

export interface ActionRequest {
  lint: DocumentLint;
  placed: readonly Placed[];
  doc: TextDocument;
  /** The diagnostics the client sent in the request's context. */
  diagnostics: readonly Diagnostic[];
  /** The kinds the client asked for (context.only), if it narrowed them. */
  only?: readonly string[];
  personas: readonly Persona[];
}

const BLOCK_NAME: Record<BlockKind, string> = { paragraph: 'paragraph', heading: 'heading', 'list-item': 'list item', 'table-cell': 'table cell', quote: 'quote' };

/**
 * The code actions for the diagnostics in a request: apply the suggestion (preferred when it is safe), turn the
 * rule off for the block, add the term to the personas' known terms, and fix every safe suggestion in the file.
 * "Fix all" comes without its edit (`data` says which document), since planning it audits the file up to four
 * times: the edit is made on codeAction/resolve, or by `resolveFixAll` for clients that cannot resolve.
 */
export function codeActions(request: ActionRequest): CodeAction[] {
  const { lint, placed, doc, only } = request;
  const wanted = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  const edit = (p: Placed, edits: Edit[] | undefined): WorkspaceEdit | undefined => {
    const changes = edits && unitTextEdits(lint, doc, p, edits);
    return changes ? { changes: { [doc.uri]: changes } } : undefined;
  };
  const hits = request.diagnostics.map((d) => [d, findingOf(placed, d)] as const).filter((h): h is [Diagnostic, Placed] => h[1] !== undefined);
  if (wanted(CodeActionKind.QuickFix)) {
    for (const [diagnostic, p] of hits) {
      const f = p.finding;
      const planned = f.suggestion === undefined ? undefined : suggestionEdit(p);
      const suggestion = edit(p, planned && [planned]);
      if (suggestion) {
        const title = f.suggestion === '' ? `Cut “${f.text}”` : `Replace “${f.text}” with “${f.suggestion}”`;
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: f.suggestionSafe === true, edit: suggestion });
      }
      const disable = edit(p, disableRuleEdits(p.unit, f));
      if (disable) {
        actions.push({ title: `Turn ${f.ruleId} off for this ${BLOCK_NAME[blockAt(p.unit, f.offset)?.kind ?? 'paragraph']}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: disable });
      }
      if (KNOWN_TERM_RULES.has(f.ruleId)) {
        const terms = knownTermForms(f);
        const names = request.personas.filter((x) => f.personas.includes(x.id)).map((x) => x.name);
        const args: AddKnownTermArgs = { uri: doc.uri, terms, personas: f.personas };
        actions.push({
          title: `Add “${terms[0]}” to the known terms of ${names.join(', ')} (clarity.config.json)`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: 'Add to known terms', command: ADD_KNOWN_TERM, arguments: [args] },
        });
      }
    }
  }
  const safe = placed.some((p) => p.finding.suggestionSafe === true);
  const data: FixAllData = { fixAll: true, uri: doc.uri, version: lint.version };
  if (safe && hits.length > 0 && wanted(CodeActionKind.QuickFix)) actions.push({ title: 'Fix all safe suggestions in this file (as clarity fix)', kind: CodeActionKind.QuickFix, data });
  if (safe && only && wanted(FIX_ALL_KIND)) actions.push({ title: 'clarity: fix all safe suggestions', kind: FIX_ALL_KIND, data });
  return actions;
}

/** The edit of a "fix all": what `clarity fix` writes for the document's text (every pass), as one edit. */
export async function fixAllEdit(lint: DocumentLint, doc: TextDocument, engine: Engine): Promise<TextEdit | undefined> {
  const fixed = await fixAsset(lint.path, Buffer.from(lint.text, 'utf8'), { engine });
  return fixed.ok ? editTo(doc, lint.text, fixed.value.after) : undefined;
}
