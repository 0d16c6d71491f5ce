// Bytes → text, only when the encoding is certain.
//
// Certain means: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), or
// bytes that are valid UTF-8, or bytes that are not UTF-8 but whose non-ASCII
// bytes all stand alone between ASCII bytes (Windows-1252/Latin-1: every
// multi-byte legacy encoding such as GB2312, Shift_JIS or Big5 writes its
// characters as runs of two or more high bytes, and stray UTF-8 would have
// been valid). Anything else is an error that names what the bytes look like,
// because a guessed decoding silently corrupts every quote taken from it.
// Line endings: CRLF and lone CR become LF, so line numbers count the way an
// editor counts them.

export type DecodeResult =
  | { ok: true; text: string; encoding: string }
  | { ok: false; encoding: string; message: string; line: number };

const BOMS: Array<{ bytes: number[]; label: string; name: string }> = [
  // UTF-32 LE must be tested before UTF-16 LE: its BOM starts with FF FE.
  { bytes: [0xff, 0xfe, 0x00, 0x00], label: 'utf-32le', name: 'UTF-32 LE' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], label: 'utf-32be', name: 'UTF-32 BE' },
  { bytes: [0xef, 0xbb, 0xbf], label: 'utf-8', name: 'UTF-8' },
  { bytes: [0xff, 0xfe], label: 'utf-16le', name: 'UTF-16 LE' },
  { bytes: [0xfe, 0xff], label: 'utf-16be', name: 'UTF-16 BE' },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** TextDecoder has no UTF-32; the code units are simple enough to read directly. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string | null {
  if (bytes.length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    parts.push(String.fromCodePoint(cp));
  }
  return parts.join('');
}

function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function decode(bytes: Uint8Array): DecodeResult {
  for (const bom of BOMS) {
    if (!startsWith(bytes, bom.bytes)) continue;
    const body = bytes.subarray(bom.bytes.length);
    let text: string | null;
    if (bom.label.startsWith('utf-32')) {
      text = decodeUtf32(body, bom.label === 'utf-32le');
    } else {
      try {
        text = new TextDecoder(bom.label, { fatal: true, ignoreBOM: true }).decode(body);
      } catch {
        text = null;
      }
    }
    if (text === null) {
      return { ok: false, encoding: bom.name, line: 1, message: `the file starts with a ${bom.name} byte-order mark but its bytes are not valid ${bom.name}` };
    }
    return { ok: true, text: normaliseNewlines(text), encoding: bom.name };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: normaliseNewlines(text), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: see below
  }
  const nulCount = countNul(bytes);
  if (nulCount > bytes.length / 4) {
    const evenNul = countNul(bytes, 0);
    const name = evenNul > nulCount / 2 ? 'UTF-16 BE' : 'UTF-16 LE';
    return { ok: false, encoding: name, line: 1, message: `the file looks like ${name} without a byte-order mark; re-save it as UTF-8 (or UTF-16 with a BOM)` };
  }
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0x80 && i + 1 < bytes.length && bytes[i + 1] >= 0x80) {
      return {
        ok: false,
        encoding: 'unknown multi-byte (GB2312/GBK, Shift_JIS, Big5 or similar)',
        line: lineAt(bytes, i),
        message: 'the file is not UTF-8 and runs of non-ASCII bytes suggest a multi-byte legacy encoding such as GB2312/GBK, Shift_JIS or Big5, which cannot be told apart with certainty; re-save it as UTF-8',
      };
    }
  }
  const text = new TextDecoder('windows-1252').decode(bytes);
  return { ok: true, text: normaliseNewlines(text), encoding: 'Windows-1252' };
}

function countNul(bytes: Uint8Array, parity?: number): number {
  let n = 0;
  for (let i = parity ?? 0; i < bytes.length; i += parity === undefined ? 1 : 2) if (bytes[i] === 0) n++;
  return n;
}
