import { STAGES, type Stage, type StageSource } from '../types.ts';
import { nearest } from '../persona/field-issues.ts';

/** A stage a person wrote down somewhere, checked: the stage, or why the value was not one. */
export type Declared = { ok: true; stage: Stage; source: StageSource; cue: string } | { ok: false; cue: string };

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

/** Checks a declared value; `where` says where it was written, for the cue (`front matter stage: ${value}`). */
export function checkDeclared(raw: string, source: StageSource, where: (value: string) => string): Declared {
  const value = raw.trim().toLowerCase();
  if (isStage(value)) return { ok: true, stage: value, source, cue: where(value) };
  const near = nearest(value, STAGES);
  return { ok: false, cue: `${where(raw.trim())} names no stage (use one of ${STAGES.join(', ')}${near ? `; did you mean "${near}"?` : ''}), so it was ignored` };
}

// A folder named stages/<stage>/ anywhere in an S3 key or a file's path (a key has it at the start, a local path
// wherever the content team keeps that folder).
const STAGE_FOLDER = /(?:^|\/)stages\/([^/]+)\//;

export function stageFromPath(path: string): Declared | undefined {
  const folder = STAGE_FOLDER.exec(path.replace(/\\/g, '/'))?.[1];
  return folder === undefined ? undefined : checkDeclared(folder, 'key-prefix', (v) => `the folder stages/${v}/`);
}

// Front matter as remark-frontmatter recognises it: a YAML (---) or TOML (+++) block opening the file. Only one
// top-level scalar is read, so a line pattern does; a YAML parser would add its weight to the audit Lambda's bundle.
const FRONT_MATTER = /^\uFEFF?(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/;
const STAGE_LINE = /^stage[ \t]*[:=][ \t]*(["']?)([^"'#\r\n]*?)\1[ \t]*(?:#.*)?$/m;

/** The `stage:` (YAML) or `stage =` (TOML) of a Markdown file's front matter. */
export function stageFromFrontMatter(source: string): Declared | undefined {
  const block = FRONT_MATTER.exec(source)?.[2];
  const value = block === undefined ? undefined : STAGE_LINE.exec(block)?.[2];
  return value === undefined || value === '' ? undefined : checkDeclared(value, 'front-matter', (v) => `front matter stage: ${v}`);
}
