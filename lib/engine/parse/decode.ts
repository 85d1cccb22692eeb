import { fail, ok, type Result } from '../types.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const SNIFF = 8192;

const BINARY_MAGIC: [string, number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip archive', [0x1f, 0x8b]],
];

export function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Bytes → text, refusing what is not text: binary files, invalid UTF-8 (with
 * the offset of the first bad byte so it can be found and fixed). UTF-16 with
 * a byte-order mark is accepted, as Windows tools write it.
 */
export function decodeText(bytes: Uint8Array): Result<string> {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return ok(new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes));
  }
  for (const [name, magic] of BINARY_MAGIC) {
    if (startsWith(bytes, magic)) return fail('binary', `this is a ${name}, not text; clarity reads Markdown, HTML, plain text, .docx and macro exports (JSON/CSV)`);
  }
  const head = bytes.subarray(0, SNIFF);
  if (head.includes(0)) return fail('binary', 'the file holds NUL bytes, so it is binary, not text');
  try {
    return ok(utf8.decode(bytes));
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail('invalid-utf8', `the file is not valid UTF-8 (first bad byte at offset ${at}); save it as UTF-8 and upload it again`);
  }
}

/** Offset of the first byte that breaks UTF-8, for the error message. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
