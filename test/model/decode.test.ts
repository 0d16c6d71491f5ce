// The one byte decoder (src/model/decode.ts) under its two policies: `certain`
// for transcripts, which refuses what it cannot be sure of, and `lenient` for
// REFI-QDA archive entries, which reads what other tools write and says so.
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/model/decode.js';
import { decode } from '../../src/transcripts/decode.js';

const bytes = (...parts: Array<number[] | string>): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const utf16le = (text: string): number[] => [...Buffer.from(text, 'utf16le')];
const utf16be = (text: string): number[] => [...Buffer.from(text, 'utf16le').swap16()];
const utf32 = (text: string, little: boolean): number[] =>
  Array.from(text).flatMap((ch) => {
    const cp = ch.codePointAt(0)!;
    const be = [(cp >>> 24) & 0xff, (cp >>> 16) & 0xff, (cp >>> 8) & 0xff, cp & 0xff];
    return little ? be.reverse() : be;
  });

describe.each(['certain', 'lenient'] as const)('both policies (%s)', (policy) => {
  it('read every byte-order mark and drop it; keep line ends', () => {
    const text = 'Zoë 😀\r\nnext';
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf], [...Buffer.from(text)]), policy)).toMatchObject({ ok: true, text, encoding: 'UTF-8' });
    expect(decodeBytes(bytes([0xff, 0xfe], utf16le(text)), policy)).toMatchObject({ ok: true, text, encoding: 'UTF-16 LE' });
    expect(decodeBytes(bytes([0xfe, 0xff], utf16be(text)), policy)).toMatchObject({ ok: true, text, encoding: 'UTF-16 BE' });
    expect(decodeBytes(bytes([0xff, 0xfe, 0, 0], utf32(text, true)), policy)).toMatchObject({ ok: true, text, encoding: 'UTF-32 LE' });
    expect(decodeBytes(bytes([0, 0, 0xfe, 0xff], utf32(text, false)), policy)).toMatchObject({ ok: true, text, encoding: 'UTF-32 BE' });
  });

  it('read UTF-8 without a BOM as it is', () => {
    const result = decodeBytes(new Uint8Array(Buffer.from('a\rb\r\nc ½')), policy);
    expect(result).toEqual({ ok: true, text: 'a\rb\r\nc ½', encoding: 'UTF-8' });
  });

  it('take FF FE 00 00 that is no UTF-32 for UTF-16 LE starting with U+0000', () => {
    // Six bytes after the mark are no UTF-32 (a multiple of four), so they are UTF-16 LE after U+0000.
    const result = decodeBytes(bytes([0xff, 0xfe, 0, 0], utf16le('AB'), [0x41, 0x00]), policy);
    expect(result).toMatchObject({ ok: true, text: '\u0000ABA', encoding: 'UTF-16 LE' });
  });
});

describe('certain (transcripts)', () => {
  it('reads Windows-1252 when every non-ASCII run is a single accented letter', () => {
    expect(decodeBytes(bytes('caf', [0xe9], ' na', [0xef], 've'))).toEqual({ ok: true, text: 'café naïve', encoding: 'Windows-1252' });
  });

  it('refuses what only looks like an encoding, with the line of the evidence', () => {
    const gbk = decodeBytes(bytes('line one\nline two ', [0xc4, 0xe3, 0xba, 0xc3, 0xca, 0xc0, 0xbd, 0xe7]));
    expect(gbk).toMatchObject({ ok: false, line: 2 });
    expect(gbk.ok ? '' : gbk.encoding).toMatch(/^unknown legacy encoding/);
    expect(decodeBytes(bytes('x ', [0x81], ' y'))).toMatchObject({ ok: false, line: 1 });
    expect(decodeBytes(bytes(utf16le('Héllo')))).toMatchObject({ ok: false, encoding: 'UTF-16 LE', message: 'the file looks like UTF-16 LE without a byte-order mark; re-save it as UTF-8 (or UTF-16 with a BOM)' });
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf, 0xff]))).toMatchObject({ ok: false, encoding: 'UTF-8', message: 'the file starts with a UTF-8 byte-order mark but its bytes are not valid UTF-8' });
    expect(decodeBytes(bytes([0xfe, 0xff, 0xd8, 0x00]))).toMatchObject({ ok: false, encoding: 'UTF-16 BE' });
  });

  it('transcripts then turn CRLF and lone CR into LF and NUL into U+FFFD', () => {
    expect(decode(bytes('a\r\nb\rc\u0000'))).toEqual({ ok: true, text: 'a\nb\nc\ufffd', encoding: 'UTF-8' });
    expect(decode(bytes([0x81]))).toMatchObject({ ok: false });
  });
});

describe('lenient (REFI-QDA entries)', () => {
  it('reads UTF-16 without a BOM when every other byte is NUL, and says so', () => {
    expect(decodeBytes(bytes(utf16le('Hello\r\n')), 'lenient')).toEqual({ ok: true, text: 'Hello\r\n', encoding: 'UTF-16 LE', bomless: true });
    expect(decodeBytes(bytes(utf16be('Hello')), 'lenient')).toEqual({ ok: true, text: 'Hello', encoding: 'UTF-16 BE', bomless: true });
    // NUL on both sides is no UTF-16 evidence: UTF-8 with NULs.
    expect(decodeBytes(bytes([0x41, 0, 0, 0x42]), 'lenient')).toEqual({ ok: true, text: 'A\u0000\u0000B', encoding: 'UTF-8' });
  });

  it('reads bytes that are not UTF-8 as Windows-1252 and marks them lossy, a bad UTF-8 BOM included', () => {
    expect(decodeBytes(bytes('x ', [0x81, 0xc4, 0xe3]), 'lenient')).toEqual({ ok: true, text: 'x \u0081Äã', encoding: 'Windows-1252', lossy: true });
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf, 0xe9]), 'lenient')).toEqual({ ok: true, text: 'ï»¿é', encoding: 'Windows-1252', lossy: true });
  });

  it('keeps a bad sequence after a UTF-16 BOM as U+FFFD', () => {
    expect(decodeBytes(bytes([0xfe, 0xff, 0xd8, 0x00, 0x00, 0x41]), 'lenient')).toEqual({ ok: true, text: '\ufffdA', encoding: 'UTF-16 BE' });
  });

  it('reads a UTF-8 BOM as UTF-8 even when NULs follow in every other byte', () => {
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf], utf16le('AB')), 'lenient')).toEqual({ ok: true, text: 'A\u0000B\u0000', encoding: 'UTF-8' });
  });
});
