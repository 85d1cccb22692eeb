import { createConnection } from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from './server.ts';

/**
 * The language server on this process's stdin and stdout. A module of its own so `clarity lsp` loads the protocol
 * library only when it runs, through a static import: a dynamic import of the CommonJS library from the bundle
 * would see only its default export.
 */
export function serveStdio(options: ServerOptions): void {
  const connection = createConnection(process.stdin, process.stdout);
  // stdout carries the protocol: anything printed to it would break the stream, so the console goes to the client's log.
  console.log = console.info = console.debug = (...parts: unknown[]) => connection.console.log(parts.join(' '));
  console.warn = console.error = (...parts: unknown[]) => connection.console.error(parts.join(' '));
  startServer(connection, options);
}
