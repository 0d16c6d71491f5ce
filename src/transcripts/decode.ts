// Transcript bytes → text, only when the encoding is certain (the `certain`
// policy of src/model/decode.ts). Line endings: CRLF and lone CR become LF, so
// line numbers count the way an editor counts them.
import { decodeBytes, type DecodeResult } from '../model/decode.js';

export type { DecodeResult } from '../model/decode.js';

/** CRLF and lone CR become LF; NUL becomes U+FFFD, as WebVTT prescribes, so it never reaches a note. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\u0000/g, '\ufffd');
}

export function decode(bytes: Uint8Array): DecodeResult {
  const decoded = decodeBytes(bytes, 'certain');
  return decoded.ok ? { ok: true, text: normaliseNewlines(decoded.text), encoding: decoded.encoding } : decoded;
}
