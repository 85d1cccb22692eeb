import { vi } from 'vitest';
import { main, type Io } from '../lib/cli/main.ts';

/** Runs the CLI in-process in `cwd`, as a non-interactive terminal, and collects what it prints. */
export async function runCli(args: string[], cwd: string, io: Partial<Io> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), interactive: false, ...io });
  return { code, stdout, stderr };
}

/** Records everything written to stdout and stderr (still passing it through) until `restore` is called. */
export function captureWrites(): { writes: string[]; restore: () => void } {
  const writes: string[] = [];
  const keep = (stream: NodeJS.WriteStream) => {
    const write = stream.write.bind(stream);
    return vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      writes.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write);
  };
  const spies = [keep(process.stdout), keep(process.stderr)];
  return { writes, restore: () => spies.forEach((s) => s.mockRestore()) };
}
