import type { Io } from '../io.ts';
import { UsageError } from '../errors.ts';
import type { Command, Input } from './command.ts';

/** `clarity lsp --stdio`: the language server for editors. */
export const lsp: Command = {
  name: 'lsp',
  options: ['stdio', 'config'],
  takesOperands: false,
  usage: { call: ['clarity lsp --stdio [--config file]'], about: ['the language server for editors (see "Editor")'] },
  run: runLsp,
};

/**
 * The language server (lib/lsp/server.ts) on stdin and stdout. It runs until the client sends `exit` or closes
 * stdin; the connection then ends the process (0 after a `shutdown`, else 1).
 */
async function runLsp({ values }: Input, io: Io): Promise<number> {
  if (!values.flag('stdio')) throw new UsageError('clarity lsp talks to the editor over stdin and stdout: run it as clarity lsp --stdio');
  // Loaded on demand: only the editor's server needs the protocol library.
  const { serveStdio } = await import('../../lsp/stdio.ts');
  const config = values.string('config');
  serveStdio({ cwd: io.cwd, ...(config ? { config } : {}) });
  return await new Promise<number>(() => undefined);
}
