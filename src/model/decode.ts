// Bytes → text: the one decoder, with two policies.
//
// Both read a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) and valid
// UTF-8. They differ in what they make of anything else:
//
// - `certain` (transcripts): decode only when the encoding is beyond doubt.
//   Bytes that are not UTF-8 are read as Windows-1252/Latin-1 only when at
//   least half of the runs of non-ASCII bytes are a single byte (an accented
//   letter between ASCII ones), no run is longer than 3 bytes (`Één` has 2),
//   and no byte is one that Windows-1252 leaves undefined. Multi-byte legacy
//   encodings such as GB2312, Shift_JIS or Big5 write every character as two
//   high bytes and whole words as long runs of them, so they fail that test.
//   Anything else, and UTF-16 without a BOM, is an error that names what the
//   bytes look like, because a guessed decoding silently corrupts every quote
//   taken from it.
// - `lenient` (REFI-QDA archives, whose entries other tools write): UTF-16
//   without a BOM is read when every other byte is NUL and the others never
//   are; bytes that are not UTF-8 are read as Windows-1252 and marked `lossy`,
//   so the caller can warn; a BOM-marked text with bad sequences keeps them
//   as U+FFFD.
//
// Line ends are left as they are: offsets into REFI-QDA sources count them.

export type DecodePolicy = 'certain' | 'lenient';

export type DecodeResult =
  | {
      ok: true;
      text: string;
      encoding: string;
      /** Set when the bytes were not UTF-8 and were read as Windows-1252 anyway (lenient only). */
      lossy?: true;
      /** Set when UTF-16 was read without a BOM (lenient only). */
      bomless?: true;
    }
  | { ok: false; encoding: string; message: string; line: number };

const BOMS: Array<{ bytes: number[]; label: string; name: string }> = [
  // UTF-32 LE must be tested before UTF-16 LE: its BOM starts with FF FE.
  { bytes: [0xff, 0xfe, 0x00, 0x00], label: 'utf-32le', name: 'UTF-32 LE' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], label: 'utf-32be', name: 'UTF-32 BE' },
  { bytes: [0xef, 0xbb, 0xbf], label: 'utf-8', name: 'UTF-8' },
  { bytes: [0xff, 0xfe], label: 'utf-16le', name: 'UTF-16 LE' },
  { bytes: [0xfe, 0xff], label: 'utf-16be', name: 'UTF-16 BE' },
];

export type Decoded = Extract<DecodeResult, { ok: true }>;

/** Lenient decoding always yields a text. */
export function decodeBytes(bytes: Uint8Array, policy: 'lenient'): Decoded;
export function decodeBytes(bytes: Uint8Array, policy?: DecodePolicy): DecodeResult;
export function decodeBytes(bytes: Uint8Array, policy: DecodePolicy = 'certain'): DecodeResult {
  const lenient = policy === 'lenient';
  for (const bom of BOMS) {
    if (!startsWith(bytes, bom.bytes)) continue;
    // Lenient keeps bad UTF-16 sequences as U+FFFD, but not bad UTF-8: that is read as Windows-1252 below.
    const text = decodeAs(bom.label, bytes.subarray(bom.bytes.length), !lenient || bom.label === 'utf-8');
    if (text !== null) return { ok: true, text, encoding: bom.name };
    if (bom.label === 'utf-32le') continue; // FF FE 00 00 is also UTF-16 LE starting with U+0000
    if (lenient) break;
    return { ok: false, encoding: bom.name, line: 1, message: `the file starts with a ${bom.name} byte-order mark but its bytes are not valid ${bom.name}` };
  }
  const nul = nulBytes(bytes);
  // Before UTF-8: ASCII text in UTF-16 is valid UTF-8 with a NUL in every other byte.
  const order = lenient ? bomlessUtf16(bytes, nul) : undefined;
  if (order) return { ok: true, text: new TextDecoder(`utf-16${order}`).decode(bytes), encoding: order === 'le' ? 'UTF-16 LE' : 'UTF-16 BE', bomless: true };
  const utf8 = decodeAs('utf-8', bytes, true);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'UTF-8' };
  if (lenient) return { ok: true, text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252', lossy: true };
  if (nul.even + nul.odd > bytes.length / 4) {
    const name = nul.even > (nul.even + nul.odd) / 2 ? 'UTF-16 BE' : 'UTF-16 LE';
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
  return { ok: true, text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
}

/** The text, or null when `fatal` and the bytes are not valid in the encoding. */
function decodeAs(label: string, body: Uint8Array, fatal: boolean): string | null {
  if (label.startsWith('utf-32')) return decodeUtf32(body, label === 'utf-32le');
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
}

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

/** NUL bytes at even and at odd offsets: UTF-16 of Latin-script text has them on one side. */
function nulBytes(bytes: Uint8Array): { even: number; odd: number } {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) (i % 2 === 0 ? even++ : odd++);
  return { even, odd };
}

/** UTF-16 without a BOM beyond doubt: even length, NUL in most odd (LE) or even (BE) bytes and in none of the others. */
function bomlessUtf16(bytes: Uint8Array, nul: { even: number; odd: number }): 'le' | 'be' | undefined {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined;
  const pairs = bytes.length / 2;
  if (nul.odd > pairs * 0.5 && nul.even === 0) return 'le';
  if (nul.even > pairs * 0.5 && nul.odd === 0) return 'be';
  return undefined;
}

function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
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
