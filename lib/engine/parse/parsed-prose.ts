import type { Directive, ProseBlock } from '../types.ts';

/** What every format parser returns for one piece of source text. */
export interface ParsedProse {
  blocks: ProseBlock[];
  directives: Directive[];
  /** The title the source declares for itself, where it does: a Markdown front matter's `title:`. */
  title?: string;
}
