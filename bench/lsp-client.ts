import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ClientCapabilities, type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ScoresParams } from '../lib/lsp/scores.ts';

/**
 * A minimal editor for clarity's language server, as the LSP test and the benchmark drive it: starts the server
 * in its own process, opens and edits documents over stdio, and collects what the server publishes.
 */
export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly scores: ScoresParams[] = [];
  /** The registrations the server asked for (client/registerCapability), each granted. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  private readonly docs = new Map<string, TextDocument>();
  private waiters: { test: (p: PublishDiagnosticsParams) => boolean; done: (p: PublishDiagnosticsParams) => void }[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly rpc: ProtocolConnection,
  ) {
    rpc.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      const ready = this.waiters.filter((w) => w.test(p));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.done(p);
    });
    rpc.onNotification('clarity/scores', (p: ScoresParams) => void this.scores.push(p));
    rpc.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    rpc.listen();
  }

  /** Runs `node <args>` (the server: `… clarity lsp --stdio`) in `root`, and initializes it with `root` as the workspace. */
  static async start(args: readonly string[], root: string, capabilities: ClientCapabilities = {}): Promise<LspClient> {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new LspClient(child, createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)));
    const uri = pathToFileURL(root).href;
    const died = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`the server exited (code ${code}) before it answered initialize`))));
    died.catch(() => undefined); // once initialized, exiting is the server's business (stop() waits for it)
    await Promise.race([client.rpc.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'workspace' }], capabilities }), died]);
    await client.rpc.sendNotification('initialized', {});
    return client;
  }

  /** The next diagnostics published for `uri` that pass `test` (by default, the next ones at all). */
  next(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<Diagnostic[]> {
    return new Promise((done) => this.waiters.push({ test: (p) => p.uri === uri && test(p), done: (p) => done(p.diagnostics) }));
  }

  /** Opens a document; resolves with its first diagnostics. */
  async open(path: string, languageId: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(path).href;
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    const published = this.next(uri, (p) => p.version === 1);
    await this.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return await published;
  }

  /** Replaces the document's text, unsaved, as typing does; resolves with the version sent. */
  async change(uri: string, text: string): Promise<number> {
    const old = this.doc(uri);
    const doc = TextDocument.update(old, [{ text }], old.version + 1);
    this.docs.set(uri, doc);
    await this.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
    return doc.version;
  }

  doc(uri: string): TextDocument {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  /** shutdown, then exit: resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((done) => this.child.on('exit', done));
    await this.rpc.sendRequest('shutdown');
    await this.rpc.sendNotification('exit');
    return await exited;
  }
}
