import type { ParsedProse } from '../lib/engine/parse/parsed-prose.ts';
import type { Unit, AssetFormat } from '../lib/engine/types.ts';

/** A unit built straight from parsed prose, for engine tests that skip file reading. */
export function unitOf(source: string, parsed: ParsedProse, format: AssetFormat = 'text'): Unit {
  return { path: 'test.txt', id: '', title: 'test', format, channel: 'document', source, ...parsed };
}

/** The source text each block's characters map back to, for position checks. */
export function mappedText(source: string, parsed: ParsedProse): string[] {
  return parsed.blocks.map((b) => Array.from(b.map.subarray(0, b.text.length), (o) => source[o]).join(''));
}
