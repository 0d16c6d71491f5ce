// Bytes → text, only when the encoding is certain.
//
// Certain means: a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), or
// bytes that are valid UTF-8, or bytes that are not UTF-8 but read as
// Windows-1252/Latin-1 beyond reasonable doubt: at least half of the runs of
// non-ASCII bytes are a single byte (an accented letter between ASCII ones),
// no run is longer than 3 bytes (`Één` has 2), and no byte is one that
// Windows-1252 leaves undefined. Multi-byte legacy encodings such as GB2312,
// Shift_JIS or Big5 write every character as two high bytes and whole words
// as long runs of them, so they fail that test. Anything else is an error that names what the bytes look like,
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

/** CRLF and lone CR become LF; NUL becomes U+FFFD, as WebVTT prescribes, so it never reaches a note. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\u0000/g, '\ufffd');
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
    if (text === null && bom.label === 'utf-32le') continue; // FF FE 00 00 is also UTF-16 LE starting with U+0000
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
  const legacy = legacyRuns(bytes);
  if (legacy.undefined1252 !== null || legacy.single < 0.5 * legacy.runs || legacy.longest > 3) {
    return {
      ok: false,
      encoding: 'unknown legacy encoding (GB2312/GBK, Shift_JIS, Big5, or Windows-1252)',
      line: lineAt(bytes, legacy.undefined1252 ?? legacy.firstLong ?? legacy.firstMulti ?? 0),
      message: 'the file is not UTF-8, and its runs of non-ASCII bytes fit a multi-byte encoding such as GB2312/GBK, Shift_JIS or Big5 as well as Windows-1252, so it cannot be decoded with certainty; re-save it as UTF-8',
    };
  }
  const text = new TextDecoder('windows-1252').decode(bytes);
  return { ok: true, text: normaliseNewlines(text), encoding: 'Windows-1252' };
}

function countNul(bytes: Uint8Array, parity?: number): number {
  let n = 0;
  for (let i = parity ?? 0; i < bytes.length; i += parity === undefined ? 1 : 2) if (bytes[i] === 0) n++;
  return n;
}

/** Runs of bytes >= 0x80 in non-UTF-8 text, to tell Windows-1252 from multi-byte encodings. */
function legacyRuns(bytes: Uint8Array): { runs: number; single: number; longest: number; firstMulti: number | null; firstLong: number | null; undefined1252: number | null } {
  let runs = 0;
  let longest = 0;
  let single = 0;
  let firstMulti: number | null = null;
  let firstLong: number | null = null;
  let undefined1252: number | null = null;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] < 0x80) continue;
    let j = i;
    while (j < bytes.length && bytes[j] >= 0x80) {
      if (undefined1252 === null && [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(bytes[j])) undefined1252 = j;
      j++;
    }
    runs++;
    longest = Math.max(longest, j - i);
    if (j - i > 3) firstLong ??= i;
    if (j - i === 1) single++;
    else firstMulti ??= i;
    i = j - 1;
  }
  return { runs, single, longest, firstMulti, firstLong, undefined1252 };
}
