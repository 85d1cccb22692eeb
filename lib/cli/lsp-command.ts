import { parseArgs } from 'node:util';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server.ts';
import type { Io } from './io.ts';
import { UsageError } from './pipeline-commands.ts';

/**
 * `clarity lsp --stdio`: the language server (lib/lsp/server.ts) on stdin and stdout. It runs until the client
 * sends `exit` or closes stdin; the connection then ends the process (0 after a `shutdown`, else 1).
 */
export async function runLsp(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { stdio: { type: 'boolean' }, config: { type: 'string' } } });
  if (!values.stdio) throw new UsageError('clarity lsp talks to the editor over stdin and stdout: run it as clarity lsp --stdio');
  const connection = createConnection(process.stdin, process.stdout);
  // stdout carries the protocol: anything printed to it would break the stream, so the console goes to the client's log.
  console.log = console.info = console.debug = (...parts: unknown[]) => connection.console.log(parts.join(' '));
  console.warn = console.error = (...parts: unknown[]) => connection.console.error(parts.join(' '));
  startServer(connection, { cwd: io.cwd, ...(values.config ? { config: values.config } : {}) });
  return await new Promise<number>(() => undefined);
}
