import picomatch from 'picomatch';
import type { Stage } from '../types.ts';

/** The config's `stages`: globs → stage, matched in the order written against paths relative to `root`. */
export interface StageGlobs {
  globs: Readonly<Record<string, Stage>>;
  /** The folder the globs are relative to (the config file's); paths outside it are matched as given. */
  root?: string;
}

export type StageGlobMatch = { glob: string; stage: Stage } | undefined;

/** Compiles the globs once: the first one that matches a path names its stage. */
export function stageGlobMatcher(options: StageGlobs | undefined): (path: string) => StageGlobMatch {
  const compiled = Object.entries(options?.globs ?? {}).map(([glob, stage]) => ({ glob, stage, test: picomatch(glob, { dot: true }) }));
  if (compiled.length === 0) return () => undefined;
  const root = options?.root?.replace(/\\/g, '/').replace(/\/?$/, '/');
  return (path) => {
    const posix = path.replace(/\\/g, '/');
    const relative = root && posix.startsWith(root) ? posix.slice(root.length) : posix;
    const hit = compiled.find((c) => c.test(relative));
    return hit && { glob: hit.glob, stage: hit.stage };
  };
}
