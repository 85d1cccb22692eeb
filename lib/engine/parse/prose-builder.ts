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

  /** True when the text so far ends a sentence with no space after it ("…the Site." with nothing following yet). */
  get endsSentenceTight(): boolean {
    // Only the last two characters can match: testing the whole text at every inline element would be quadratic.
    return /[.!?:]["'”’)]?$/.test(this.text.slice(-2));
  }

  append(value: string, start: number, end: number): void {
    if (value === '') return;
    this.text += value;
    if (this.source.slice(start, end) === value) {
      for (let i = 0; i < value.length; i++) this.offsets.push(start + i);
    } else {
      // Every offset stays inside the span, so a character's source is never past it: a surrogate pair aligned
      // at the span's last code unit would otherwise point one past it (past the source at the end of a file).
      const last = Math.max(start, end - 1);
      let p = start;
      for (const ch of value) {
        let at: number;
        let next: number;
        const reference = this.source[p] === '&' && ch !== '&' ? referenceEnd(this.source, p, end) : -1;
        if (this.source.startsWith(ch, p) && p + ch.length <= end) {
          at = p;
          next = p + ch.length;
        } else if (reference > p) {
          // A character reference (`&#x1F600;`, `&nbsp;`) decoded to this character: it maps to the reference.
          at = p;
          next = reference;
        } else {
          const found = this.source.indexOf(ch, p);
          at = found >= 0 && found < p + ALIGN_WINDOW && found + ch.length <= end ? found : Math.min(p, last);
          next = at >= p ? at + ch.length : p;
        }
        for (let k = 0; k < ch.length; k++) this.offsets.push(Math.min(at + k, last));
        p = next;
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

const REFERENCE = /&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,10};?|[A-Za-z][A-Za-z0-9]{0,40};?)/y;

/** The end of the HTML character reference at `at` (inside the span), or -1 when none starts there. */
function referenceEnd(source: string, at: number, end: number): number {
  REFERENCE.lastIndex = at;
  const m = REFERENCE.exec(source);
  return m && at + m[0].length <= end ? at + m[0].length : -1;
}

/** Identity-mapped block for text whose source is the text itself. */
export function plainBlock(kind: BlockKind, source: string, start: number, end: number): ProseBlock {
  const map = new Int32Array(end - start + 1);
  for (let i = 0; i <= end - start; i++) map[i] = start + i;
  return { kind, text: source.slice(start, end), map };
}
