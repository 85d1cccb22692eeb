/**
 * The language server's latency as a writer feels it: from a `didChange` to the diagnostics of that version, on a
 * 50 KB Markdown document, over stdio with a real LSP client. The figure includes the server's pause for typing
 * (LINT_DELAY_MS), since that is part of the wait. `npx tsx bench/lsp.ts` measures the server from source;
 * `npm run bench` measures the bundled one (dist/clarity.js) and prints the figure with the rest.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LINT_DELAY_MS } from '../lib/lsp/server.ts';
import { round } from './accuracy.ts';
import { corpusRoot, loadCorpora } from './corpus.ts';
import { LspClient } from './lsp-client.ts';

export const LSP_DOCUMENT_BYTES = 50 * 1024;
export const LSP_RUNS = 20;

export interface LspFigures {
  documentBytes: number;
  runs: number;
  /** didChange → diagnostics, in milliseconds. */
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
  /** The pause for typing each figure includes. */
  debounceMs: number;
  /** didOpen → the first diagnostics (no pause; the server's first audit, cold). */
  openMs: number;
  diagnostics: number;
}

/** A Markdown document of at least `bytes` UTF-8 bytes: the corpus's Markdown files one after another, cut at a paragraph. */
export function markdownDocument(files: readonly string[], bytes = LSP_DOCUMENT_BYTES): string {
  let text = '';
  for (const f of files.filter((x) => ['.md', '.markdown'].includes(extname(x)))) {
    for (const paragraph of readFileSync(f, 'utf8').split(/\n{2,}/)) {
      text += `${paragraph.trim()}\n\n`;
      if (Buffer.byteLength(text) >= bytes) return text;
    }
  }
  throw new Error(`the corpus holds under ${bytes} bytes of Markdown`);
}

/**
 * Opens the document in a fresh server and edits it `runs` times (a word typed in the middle, then taken out
 * again), timing each edit until the diagnostics of its version arrive.
 */
export async function measureLsp(serverArgs: readonly string[], text: string, runs = LSP_RUNS): Promise<LspFigures> {
  const root = mkdtempSync(join(tmpdir(), 'clarity-bench-lsp-'));
  const client = await LspClient.start(serverArgs, root);
  try {
    const path = join(root, 'document.md');
    const uri = pathToFileURL(path).href;
    const opened = performance.now();
    const first = await client.open(path, 'markdown', text);
    const openMs = performance.now() - opened;
    const middle = text.indexOf(' ', text.length >> 1);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const edited = i % 2 === 0 ? `${text.slice(0, middle)} utilize${text.slice(middle)}` : text;
      const version = client.doc(uri).version + 1;
      const published = client.next(uri, (p) => p.version === version);
      const start = performance.now();
      await client.change(uri, edited);
      await published;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (q: number): number => round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN, 1);
    return { documentBytes: Buffer.byteLength(text), runs, medianMs: at(0.5), p90Ms: at(0.9), minMs: at(0), maxMs: at(1), debounceMs: LINT_DELAY_MS, openMs: round(openMs, 1), diagnostics: first.length };
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

export function describeLsp(f: LspFigures): string {
  return `language server: didChange → diagnostics on a ${round(f.documentBytes / 1024, 1)} KB Markdown document (${f.diagnostics} diagnostics), median of ${f.runs}: ${f.medianMs} ms (p90 ${f.p90Ms}, min ${f.minMs}, max ${f.maxMs}; includes the ${f.debounceMs} ms pause for typing); first lint on open ${f.openMs} ms`;
}

// Run on its own (`npx tsx bench/lsp.ts`) only: bundled into dist/bench.js, this module shares the entry's URL.
if (process.argv[1]?.endsWith('lsp.ts') && fileURLToPath(import.meta.url) === process.argv[1]) {
  const real = loadCorpora(corpusRoot()).find((c) => c.name === 'real');
  if (!real) throw new Error(`no real corpus at ${corpusRoot()}`);
  // tsx by its own path: the server runs in a temporary folder, with no node_modules to find it from.
  const server = ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('../bin/clarity.ts', import.meta.url)), 'lsp', '--stdio'];
  console.log(describeLsp(await measureLsp(server, markdownDocument(real.files))));
}
