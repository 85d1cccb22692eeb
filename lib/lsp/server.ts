import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { writeFileAtomic } from '../cli/output.ts';
import { VERSION } from '../version.ts';
import { ADD_KNOWN_TERM, codeActions, FIX_ALL_KIND, fixAllEdit, type AddKnownTermArgs, type FixAllData } from './actions.ts';
import { Projects, type Project } from './config.ts';
import { Debouncer } from './debounce.ts';
import { placeFindings, type Placed } from './diagnostics.ts';
import { editTo } from './edits.ts';
import { hoverAt } from './hover.ts';
import { addKnownTerms } from './known-terms.ts';
import { documentPath, lintDocument, type DocumentLint } from './lint.ts';
import { SCORES_NOTIFICATION, scoresOf, type ScoresParams } from './scores.ts';

/** How long typing must pause before a document is audited again. */
export const LINT_DELAY_MS = 200;

export interface ServerOptions {
  /** The folder to read clarity.config.json from when the client names no workspace folder. */
  cwd: string;
  /** `--config`: this config file (relative to each folder) instead of clarity.config.json. */
  config?: string;
}

/** The last lint of an open document, with what its code actions and hover need. */
interface Linted {
  lint: DocumentLint;
  placed: Placed[];
  scores: ScoresParams;
  project: Project;
}

/**
 * clarity's language server on a connection: diagnostics for each open document on open and after each pause in
 * typing, code actions, hover, the persona scores as a `clarity/scores` notification, and the project's config
 * (reloaded when it changes on disk or the client's settings change).
 */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const linted = new Map<string, Linted>();
  const debounce = new Debouncer<string>(LINT_DELAY_MS);
  const justOpened = new Set<string>();
  const report = (message: string): void => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
  let roots = [options.cwd];
  let projects: Projects | undefined;
  let resolvesEdits = false;
  let watchesFiles = false;
  let hearsSettings = false;
  let hasFolders = false;

  connection.onInitialize((params): InitializeResult => {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const local = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    if (local.length > 0) roots = local;
    const caps = params.capabilities;
    resolvesEdits = caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') ?? false;
    watchesFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration ?? false;
    hearsSettings = caps.workspace?.didChangeConfiguration?.dynamicRegistration ?? false;
    hasFolders = caps.workspace?.workspaceFolders ?? false;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        executeCommandProvider: { commands: [ADD_KNOWN_TERM] },
        ...(hasFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'clarity', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    projects = new Projects(roots, options.config, report);
    if (watchesFiles) {
      // The config, and the JSON or YAML glossary files it may name (the handler keeps only the files a project reads).
      const patterns = ['**/clarity.config.json', ...(options.config ? [`**/${basename(options.config)}`] : []), '**/*.{json,yaml,yml}'];
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: patterns.map((globPattern) => ({ globPattern })) }).catch(unregistered);
    }
    // Asked for, so a client sends it on any change of its settings; the config is read again then.
    if (hearsSettings) connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(unregistered);
    if (hasFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        projects?.setRoots(folders.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri)));
        relintAll();
      });
    }
    relintAll();
  });

  // A client that offered dynamic registration and then refused it still gets diagnostics, only no reloads.
  const unregistered = (error: unknown): void => connection.console.warn(`clarity: the client refused a registration (${error instanceof Error ? error.message : String(error)}); the config is read again only when the server restarts`);

  const reload = (): void => {
    projects?.reload();
    relintAll();
  };
  connection.onDidChangeWatchedFiles((params) => {
    const paths = params.changes.filter((c) => c.uri.startsWith('file:')).map((c) => fileURLToPath(c.uri));
    if (paths.some((p) => projects?.readsFile(p))) reload();
  });
  connection.onDidChangeConfiguration(reload);

  function relintAll(): void {
    for (const doc of documents.all()) debounce.run(doc.uri, () => void lint(doc.uri), 0);
  }

  async function lint(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc || !projects) return;
    const path = documentPath(uri, doc.languageId);
    const project = projects.forPath(path);
    if (!project || project.ignored(path)) {
      linted.delete(uri);
      await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
      return;
    }
    let result: DocumentLint;
    try {
      result = await lintDocument(doc, project.engine, project.maxBytes);
    } catch (error) {
      connection.console.error(`clarity could not audit ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    // Edited while it was audited: the lint of the newer text is already due.
    if (documents.get(uri)?.version !== doc.version) return;
    const placed = placeFindings(result, result.doc);
    const scores = scoresOf(result, project.engineOptions.personas);
    linted.set(uri, { lint: result, placed, scores, project });
    // The scores first: a client that shows them beside the diagnostics has both when the diagnostics arrive.
    await connection.sendNotification(SCORES_NOTIFICATION, scores);
    await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: placed.map((p) => p.diagnostic) });
  }

  /** The last lint of a document, when it is of the text the editor has now. */
  const current = (uri: string, version?: number): (Linted & { doc: TextDocument }) | undefined => {
    const doc = documents.get(uri);
    const entry = linted.get(uri);
    return doc && entry && entry.lint.version === doc.version && (version === undefined || version === doc.version) ? { ...entry, doc: entry.lint.doc } : undefined;
  };

  documents.onDidOpen((e) => justOpened.add(e.document.uri));
  // Fires on open too (after onDidOpen): a document just opened is audited at once, an edited one after a pause.
  documents.onDidChangeContent((e) => debounce.run(e.document.uri, () => void lint(e.document.uri), justOpened.delete(e.document.uri) ? 0 : undefined));
  documents.onDidClose((e) => {
    debounce.cancel(e.document.uri);
    justOpened.delete(e.document.uri);
    linted.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    const entry = current(params.textDocument.uri);
    if (!entry) return [];
    const { only, diagnostics } = params.context;
    const actions = codeActions({ ...entry, diagnostics, personas: entry.project.engineOptions.personas, ...(only ? { only } : {}) });
    return resolvesEdits ? actions : Promise.all(actions.map(resolve));
  });
  connection.onCodeActionResolve(resolve);

  /** A "fix all" action with its edit; other actions come whole. */
  async function resolve(action: CodeAction): Promise<CodeAction> {
    const data = action.data as Partial<FixAllData> | undefined;
    const entry = data?.fixAll && data.uri ? current(data.uri, data.version) : undefined;
    if (!entry) return action;
    const edit = await fixAllEdit(entry.lint, entry.doc, entry.project.engine);
    return edit ? { ...action, edit: { changes: { [entry.doc.uri]: [edit] } } } : action;
  }

  connection.onHover((params) => {
    const entry = current(params.textDocument.uri);
    return entry ? hoverAt(entry.placed, entry.scores, entry.project.engineOptions.personas, params.position) : null;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== ADD_KNOWN_TERM) return;
    const args = params.arguments?.[0] as AddKnownTermArgs | undefined;
    const project = args && (linted.get(args.uri)?.project ?? projects?.forPath(documentPath(args.uri, '')));
    if (!args || !project) return;
    await addKnownTerm(project, args);
  });

  /**
   * Writes the terms into the project's config: through the editor when the config is open there (the file is
   * reloaded when it is saved), else straight to the file, atomically, and every document is audited again.
   */
  async function addKnownTerm(project: Project, args: AddKnownTermArgs): Promise<void> {
    const path = project.configPath;
    const configUri = pathToFileURL(path).href;
    const open = documents.get(configUri);
    const before = open?.getText() ?? (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
    const next = addKnownTerms(before, project.loaded, args.personas, args.terms, path);
    if (!next.ok) return report(`clarity: ${next.error.message}`);
    if (open) {
      const change = editTo(open, before ?? '', next.value);
      if (change) await connection.workspace.applyEdit({ label: 'Add a known term', edit: { changes: { [configUri]: [change] } } });
      return;
    }
    try {
      writeFileAtomic(path, [next.value]);
    } catch (error) {
      return report(`clarity: ${error instanceof Error ? error.message : String(error)}`);
    }
    reload();
  }

  documents.listen(connection);
  connection.listen();
}
