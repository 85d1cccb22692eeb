import { brotliDecompressSync } from 'node:zlib';
import packedFrequency from './word-frequency.generated.ts';
import packedExceptions from './syllable-exceptions.generated.ts';

/** Unpacks one of bin/build-data.ts's Brotli-compressed, base64-encoded word lists into its lines. */
function unpack(packed: string): string[] {
  return brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8').split('\n');
}

/** SUBTLEX-US words, most frequent first (rank = index + 1). */
export function wordsByFrequency(): string[] {
  return unpack(packedFrequency);
}

/** "word:count" lines: CMU syllable counts where the `syllable` rules are wrong. */
export function syllableExceptions(): string[] {
  return unpack(packedExceptions);
}
