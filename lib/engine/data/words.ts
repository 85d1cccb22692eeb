import { brotliDecompressSync } from 'node:zlib';
import packedFrequency from './word-frequency.generated.ts';
import packedSyllables from './syllable-counts.generated.ts';

/** Unpacks one of bin/build-data.ts's Brotli-compressed, base64-encoded word lists. */
export function unpack(packed: string): string {
  return brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8');
}

export interface WordTable {
  /** Each SUBTLEX-US word's position, most frequent first (rank = index + 1). */
  index: Map<string, number>;
  /** Syllables of the word at each position. */
  syllables: Uint8Array;
}

let table: WordTable | undefined;

/** The word list with its syllable counts, unpacked on first use and shared by the frequency and syllable lookups. */
export function wordTable(): WordTable {
  if (!table) {
    const words = unpack(packedFrequency).split('\n');
    const counts = unpack(packedSyllables);
    const syllables = new Uint8Array(words.length);
    for (let i = 0; i < words.length; i++) syllables[i] = counts.charCodeAt(i) - 48;
    table = { index: new Map(words.map((w, i) => [w, i])), syllables };
  }
  return table;
}
