import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { loadConfig, parseConfig, CONFIG_FILE, type LoadedConfig } from '../config/load.ts';
import { pickPersonas } from '../config/personas.ts';
import { engineOptionsOf, maxBytesOf } from '../config/engine-options.ts';
import { createEngine, type Engine, type EngineOptions } from '../engine/audit.ts';
import { fail, ok, type Result } from '../engine/types.ts';

/** A folder's clarity setup: its config (or the defaults), the engine built from it, and what it ignores. */
export interface Project {
  root: string;
  /** Where the config is, or would be written: clarity.config.json in the root unless --config named another. */
  configPath: string;
  loaded: LoadedConfig;
  engine: Engine;
  engineOptions: EngineOptions;
  maxBytes: number;
  ignored: (path: string) => boolean;
}

/** Builds a folder's project from its config, as the CLI reads it (default personas, house terms, rule switches). */
export function loadProject(root: string, explicit?: string): Result<Project> {
  const loaded = loadConfig(root, explicit);
  return loaded.ok ? projectOf(root, loaded.value, configPathOf(root, explicit)) : loaded;
}

/** The folder's project with the built-in personas and default rules: what a config that does not load falls back to. */
export function defaultProject(root: string, explicit?: string): Project {
  const path = configPathOf(root, explicit);
  const defaults = parseConfig({}, path);
  const project = defaults.ok ? projectOf(root, defaults.value, path) : undefined;
  if (!project?.ok) throw new Error('the built-in personas do not load');
  return project.value;
}

function configPathOf(root: string, explicit: string | undefined): string {
  return resolve(root, explicit ?? CONFIG_FILE);
}

function projectOf(root: string, loaded: LoadedConfig, configPath: string): Result<Project> {
  const personas = pickPersonas(loaded, undefined);
  if (typeof personas === 'string') return fail('invalid-config', `${configPath}: defaultPersonas: ${personas}`);
  const { ignore } = loaded.config;
  const engineOptions = engineOptionsOf(loaded, personas);
  const matches = picomatch(ignore, { dot: true });
  return ok({
    root,
    configPath,
    loaded,
    engine: createEngine(engineOptions),
    engineOptions,
    maxBytes: maxBytesOf(loaded),
    ignored: (path) => ignore.length > 0 && matches(relative(root, path)),
  });
}

/**
 * The projects of the editor's workspace folders, each loaded once and again on `reload`. A config that fails to
 * load keeps the folder's last good project (or the defaults), and the problem goes to `report`, so a typo in
 * clarity.config.json never stops the diagnostics.
 */
export class Projects {
  private projects = new Map<string, Project>();

  constructor(
    private roots: string[],
    private readonly explicit: string | undefined,
    private readonly report: (message: string) => void,
  ) {
    this.reload();
  }

  setRoots(roots: string[]): void {
    this.roots = roots;
    this.reload();
  }

  /** Re-reads every folder's config. */
  reload(): void {
    const next = new Map<string, Project>();
    for (const root of this.roots) {
      const project = loadProject(root, this.explicit);
      if (project.ok) {
        next.set(root, project.value);
        continue;
      }
      this.report(`clarity: ${project.error.message}. Diagnostics use the last config that loaded until it is fixed.`);
      next.set(root, this.projects.get(root) ?? defaultProject(root, this.explicit));
    }
    this.projects = next;
  }

  /** Whether a change to this file changes a project: its config, or a glossary file the config names. */
  readsFile(path: string): boolean {
    return [...this.projects.values()].some((p) => p.configPath === path || p.loaded.glossaries.some((g) => g.file === path));
  }

  /** The project of the deepest folder holding `path`, else of the first folder. */
  forPath(path: string): Project | undefined {
    let best: Project | undefined;
    for (const [root, project] of this.projects) {
      if ((path === root || path.startsWith(root + sep)) && (!best || root.length > best.root.length)) best = project;
    }
    return best ?? this.projects.values().next().value;
  }
}
