import type { BlockKind, ProseBlock } from '../types.ts';

/** How far ahead the aligner looks for a decoded character in its raw source (covers `&#x2019;`-sized entities). */
const ALIGN_WINDOW = 12;

/**
 * Builds one ProseBlock from pieces of decoded text (a Markdown text node, an
 * HTML text node), keeping for every character the offset of its raw source.
 * Parsers hand over `value` (decoded) plus the raw span it came from; where
 * escapes, entities or stripped indentation make them differ, characters are
 * aligned greedily so each still points inside its own span.
 */
export class ProseBuilder {
  private text = '';
  private offsets: number[] = [];
  private end = 0;

  constructor(private readonly source: string) {}

  get empty(): boolean {
    return this.text.trim() === '';
  }

  append(value: string, start: number, end: number): void {
    if (value === '') return;
    this.text += value;
    if (this.source.slice(start, end) === value) {
      for (let i = 0; i < value.length; i++) this.offsets.push(start + i);
    } else {
      let p = start;
      for (const ch of value) {
        const found = this.source.indexOf(ch, p);
        const at = found >= 0 && found < Math.min(end, p + ALIGN_WINDOW) ? found : Math.min(p, Math.max(start, end - 1));
        for (let k = 0; k < ch.length; k++) this.offsets.push(at + k);
        if (at >= p) p = at + ch.length;
      }
    }
    this.end = end;
  }

  /** A word break where markup was removed (inline code, a line break): keeps words from running together. */
  gap(at: number): void {
    if (this.text === '' || this.text.endsWith(' ')) return;
    this.text += ' ';
    this.offsets.push(Math.max(at - 1, 0));
  }

  /** Finishes the current block (if it holds any prose) and starts a new one. */
  flush(kind: BlockKind, into: ProseBlock[]): void {
    if (!this.empty) {
      const map = new Int32Array(this.offsets.length + 1);
      map.set(this.offsets);
      map[this.offsets.length] = this.end;
      into.push({ kind, text: this.text, map });
    }
    this.text = '';
    this.offsets = [];
  }
}

/** Identity-mapped block for text whose source is the text itself. */
export function plainBlock(kind: BlockKind, source: string, start: number, end: number): ProseBlock {
  const map = new Int32Array(end - start + 1);
  for (let i = 0; i <= end - start; i++) map[i] = start + i;
  return { kind, text: source.slice(start, end), map };
}
