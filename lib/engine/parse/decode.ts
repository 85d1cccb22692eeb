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

/** The bytes a UTF-8 byte-order mark is, which the decoder drops from the text. */
export const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Bytes → text, refusing what is not text: binary files, invalid UTF-8 (with
 * the offset of the first bad byte so it can be found and fixed). UTF-16 is
 * accepted, as Windows tools write it: with a byte-order mark, or without one
 * when every other byte of mostly-ASCII text is NUL.
 */
export function decodeText(bytes: Uint8Array): Result<string> {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return ok(new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes));
  }
  for (const [name, magic] of BINARY_MAGIC) {
    if (startsWith(bytes, magic)) return fail('binary', `this is a ${name}, not text; clarity reads Markdown, HTML, plain text, .docx and macro exports (JSON/CSV)`);
  }
  const head = bytes.subarray(0, SNIFF);
  if (head.includes(0)) {
    const order = utf16Order(head);
    return order ? decodeUtf16(bytes, order) : fail('binary', 'the file holds NUL bytes, so it is binary, not text');
  }
  try {
    return ok(utf8.decode(bytes));
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail('invalid-utf8', `the file is not valid UTF-8 (first bad byte at offset ${at}, line ${lineOfByte(bytes, at)}); save it as UTF-8 and upload it again`);
  }
}

/**
 * 'utf-16le' or 'utf-16be' when the bytes read as UTF-16 without a byte-order mark: text in a Latin script
 * written by Windows tools, where the high byte of nearly every character is NUL, on one side only.
 */
export function utf16Order(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const units = head.length >> 1;
  if (units < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul >= units * 0.6 && evenNul <= units * 0.05) return 'utf-16le';
  if (evenNul >= units * 0.6 && oddNul <= units * 0.05) return 'utf-16be';
  return undefined;
}

function decodeUtf16(bytes: Uint8Array, order: 'utf-16le' | 'utf-16be'): Result<string> {
  const name = order === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  const redo = `save it as UTF-8 and upload it again`;
  if (bytes.length % 2 !== 0) return fail('invalid-utf16', `the file looks like ${name} text without a byte-order mark, but has an odd number of bytes; ${redo}`);
  let text: string;
  try {
    text = new TextDecoder(order, { fatal: true }).decode(bytes);
  } catch {
    return fail('invalid-utf16', `the file looks like ${name} text without a byte-order mark, but is not valid ${name}; ${redo}`);
  }
  // Text has no control characters but tab, line breaks and form feed: bytes like 00 01 02 FF 00 07 pair up as
  // UTF-16 code units, but not as text.
  if (hasControlCharacter(text)) return fail('binary', `the file holds NUL bytes and control characters, so it is binary, not text; if it is ${name} text, ${redo}`);
  return ok(text);
}

/**
 * Offset of the first byte that starts an ill-formed UTF-8 sequence (Unicode table 3-7: no overlong forms, no
 * surrogates, nothing past U+10FFFF), for the error message; the length when there is none.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // The continuation bytes a lead byte needs, and the range its first one must be in.
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // E0 80..9F would be overlong
      if (b === 0xed) hi = 0x9f; // ED A0..BF would be a surrogate
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // F0 80..8F would be overlong
      if (b === 0xf4) hi = 0x8f; // F4 90.. would be past U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** The 1-based line a byte offset is on. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** C0 controls but tab, line feed, vertical tab, form feed and carriage return; and DEL. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7f || (c < 0x20 && (c < 0x09 || c > 0x0d))) return true;
  }
  return false;
}
