/**
 * Peer tools, measured in the same run and the same way as clarity's one-core audit: in-process through each
 * tool's library API, one file at a time, each file read from disk inside the timed loop, after a warm-up on
 * the first 20 files. The peers are dev dependencies kept out of the bundle (bin/build.ts `external`), so a peer
 * that is missing is reported as unavailable instead of breaking the build.
 */
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Corpus } from './corpus.ts';
import { round } from './accuracy.ts';

const MiB = 1024 * 1024;
const WARM_UP_FILES = 20;

export type PeerId = 'alex' | 'writeGood' | 'retext';

/** Checks one file's text; returns where each alert came from (for the alert mix). */
type Check = (path: string, text: string) => Promise<string[]> | string[];

export interface PeerCorpusFigures {
  seconds: number;
  mibPerSecond: number;
  filesPerSecond: number;
  alerts: number;
  /** Alerts per source (rule family). */
  bySource: Record<string, number>;
  /** Files the tool threw on (their alerts are not counted), and the first error's message. */
  errors: number;
  firstError?: string;
}

export type PeerFigures =
  | { id: PeerId; label: string; available: true; corpora: Record<string, PeerCorpusFigures> }
  | { id: PeerId; label: string; available: false; reason: string };

interface Peer {
  id: PeerId;
  label: string;
  load: () => Promise<Check>;
}

interface Message {
  source?: string | null | undefined;
  ruleId?: string | null | undefined;
}

function sources(messages: readonly Message[]): string[] {
  return messages.map((m) => m.source ?? m.ruleId ?? 'unknown');
}

/** The peers, in the order they are printed. */
export const PEERS: readonly Peer[] = [
  {
    id: 'retext',
    label: `unified ${version('unified')} + retext-english ${version('retext-english')}, readability ${version('retext-readability')}, simplify ${version('retext-simplify')}, passive ${version('retext-passive')}`,
    async load() {
      const [{ default: retextEnglish }, { default: retextReadability }, { default: retextSimplify }, { default: retextPassive }] = await Promise.all([
        import('retext-english'),
        import('retext-readability'),
        import('retext-simplify'),
        import('retext-passive'),
      ]);
      const processor = unified().use(retextEnglish).use(retextReadability).use(retextSimplify).use(retextPassive);
      // `process` would also need a compiler (retext-stringify) to serialise the tree back to text, which no check
      // uses: parse and run the plugins, as `process` does before it stringifies.
      return async (_path, text) => {
        const file = new VFile(text);
        await processor.run(processor.parse(file), file);
        return sources(file.messages);
      };
    },
  },
  {
    id: 'alex',
    label: `alex ${version('alex')} (markdown; html for .html)`,
    async load() {
      const alex = await import('alex');
      return (path, text) => {
        const ext = extname(path).toLowerCase();
        const file = ext === '.html' || ext === '.htm' ? alex.html(text) : alex.markdown(text);
        return sources(file.messages);
      };
    },
  },
  {
    id: 'writeGood',
    label: `write-good ${version('write-good')}`,
    async load() {
      // write-good is CommonJS without types: `as string` keeps the specifier for esbuild and gives TypeScript `any`.
      const mod = (await import('write-good' as string)) as { default: (text: string) => Array<{ reason: string }> };
      const writeGood = mod.default;
      if (typeof writeGood !== 'function') throw new Error('write-good did not export a function');
      return (_path, text) => writeGood(text).map((s) => writeGoodKind(s.reason));
    },
  },
];

/** write-good's reason is `"<text>" <explanation>`; the explanation names the check. */
export function writeGoodKind(reason: string): string {
  return reason.replace(/^".*" /s, '');
}

/** Runs every peer on every corpus. A peer that cannot be loaded is reported with the reason, and the rest go on. */
export async function measurePeers(corpora: readonly Corpus[], peers: readonly Peer[] = PEERS): Promise<PeerFigures[]> {
  const out: PeerFigures[] = [];
  for (const peer of peers) {
    let check: Check;
    try {
      check = await peer.load();
    } catch (err) {
      out.push({ id: peer.id, label: peer.label, available: false, reason: describe(err) });
      continue;
    }
    const figures: Record<string, PeerCorpusFigures> = {};
    for (const c of corpora) figures[c.name] = await measureOne(check, c);
    out.push({ id: peer.id, label: peer.label, available: true, corpora: figures });
  }
  return out;
}

async function measureOne(check: Check, c: Corpus): Promise<PeerCorpusFigures> {
  for (const f of c.files.slice(0, WARM_UP_FILES)) {
    try {
      await check(f, readFileSync(f, 'utf8'));
    } catch {
      // counted in the timed pass
    }
  }
  const bySource: Record<string, number> = {};
  let alerts = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  for (const f of c.files) {
    try {
      const found = await check(f, readFileSync(f, 'utf8'));
      alerts += found.length;
      for (const s of found) bySource[s] = (bySource[s] ?? 0) + 1;
    } catch (err) {
      errors += 1;
      firstError ??= `${f}: ${describe(err)}`;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds: round(seconds, 2),
    mibPerSecond: round(c.bytes / MiB / seconds, 2),
    filesPerSecond: round(c.files.length / seconds, 1),
    alerts,
    bySource,
    errors,
    ...(firstError ? { firstError } : {}),
  };
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const first = String(e.message ?? err).split('\n')[0];
  return e.code === 'ERR_MODULE_NOT_FOUND' ? `not installed (${first}); run npm install` : (first ?? 'unknown error');
}

/** The installed version of a package, read from node_modules (for labels only). */
function version(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}
