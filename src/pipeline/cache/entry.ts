// One cache entry on disk: a fixed header that lets a reader reject anything
// that is not exactly what was written for this key, then the v8-serialized
// parse result in its packed form (pack.ts). v8.serialize keeps typed arrays
// and any plain shape, so a change to Segment's fields needs a CACHE_FORMAT
// bump, not a new encoder.
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { ReadNoteResult } from '../../core/note.js';
import { CACHE_FORMAT } from './key.js';
import { isParseResult } from './shape.js';
import { pack, unpack } from './pack.js';

const MAGIC = Buffer.from('FLDCODE\0', 'latin1');
const HEADER = MAGIC.length + 4 + 32 + 32 + 4;

/** What is stored for a note: its parse result without the text, which the note file itself supplies. */
export type CachedParse = { note: Omit<ReadNoteResult['note'], 'text'>; diagnostics: ReadNoteResult['diagnostics'] };

export function serializeParse(result: ReadNoteResult): Buffer {
  return serialize(pack(result));
}

/** The parse result back, with the note's text put back in; undefined for a value that is not one. */
export function deserializeParse(payload: Uint8Array, text: string, shown: string): ReadNoteResult | undefined {
  let value: unknown;
  try {
    value = deserialize(payload);
  } catch {
    return undefined;
  }
  const unpacked = unpack(value);
  if (!isParseResult(unpacked) || unpacked.note.path !== shown) return undefined;
  return { note: { ...unpacked.note, text }, diagnostics: unpacked.diagnostics };
}

/** Header (magic, format, key, payload checksum, payload length) and payload. */
export function encodeEntry(key: Buffer, payload: Uint8Array): Buffer {
  const header = Buffer.alloc(HEADER);
  let at = MAGIC.copy(header, 0);
  at = header.writeUInt32LE(CACHE_FORMAT, at);
  at += key.copy(header, at);
  at += createHash('sha256').update(payload).digest().copy(header, at);
  header.writeUInt32LE(payload.length, at);
  return Buffer.concat([header, payload]);
}

/** The payload of an entry written for `key`, or undefined when it is truncated, corrupt, foreign or of another format. */
export function decodeEntry(key: Buffer, bytes: Buffer): Buffer | undefined {
  if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  let at = MAGIC.length;
  if (bytes.readUInt32LE(at) !== CACHE_FORMAT) return undefined;
  at += 4;
  if (!bytes.subarray(at, at + 32).equals(key)) return undefined;
  at += 32;
  const checksum = bytes.subarray(at, at + 32);
  at += 32;
  const length = bytes.readUInt32LE(at);
  const payload = bytes.subarray(HEADER);
  if (payload.length !== length) return undefined;
  if (!createHash('sha256').update(payload).digest().equals(checksum)) return undefined;
  return payload;
}
