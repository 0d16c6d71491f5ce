// Deterministic GUIDs for REFI-QDA exchange (RFC 9562 §5.5, UUID version 5).
// The same project always yields the same GUIDs, so two exports are byte-identical.
import { createHash } from 'node:crypto';

/** Namespace for every fieldcode GUID: uuidv5(URL namespace, "https://fieldcode.dev/refi-qda"). */
export const FIELDCODE_NAMESPACE = uuidV5('https://fieldcode.dev/refi-qda', '6ba7b811-9dad-11d1-80b4-00c04fd430c8');

const GUID_RE = /^\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/;

/** A version-5 UUID of `name` in `namespace`, uppercase without braces. */
export function uuidV5(name: string, namespace: string = FIELDCODE_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/[{}-]/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`Invalid namespace UUID: ${namespace}`);
  const hash = createHash('sha1').update(ns).update(Buffer.from(name, 'utf8')).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether `value` is a GUID in the REFI-QDA `GUIDType` sense (either case, optional braces). */
export function isGuid(value: string): boolean {
  const match = GUID_RE.exec(value);
  if (!match) return false;
  return value.startsWith('{') === value.endsWith('}');
}

/** Normalises a GUID for matching: braces stripped, uppercase. Returns the trimmed input when it is no GUID. */
export function normalizeGuid(value: string): string {
  const trimmed = value.trim();
  const match = GUID_RE.exec(trimmed);
  if (!match) return trimmed.toUpperCase();
  return match.slice(1, 6).join('-').toUpperCase();
}

/** Hands out deterministic GUIDs for named objects, and remembers them so references resolve. */
export class GuidFactory {
  private readonly seen = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(private readonly namespace: string = FIELDCODE_NAMESPACE) {}

  /** The GUID for `kind:name`; the same key always gives the same GUID. */
  get(kind: string, name: string): string {
    const key = `${kind}:${name}`;
    const known = this.seen.get(key);
    if (known) return known;
    let guid = uuidV5(key, this.namespace);
    // A SHA-1 collision is not expected; rehash deterministically rather than emit a duplicate.
    for (let n = 2; this.used.has(guid); n++) guid = uuidV5(`${key}#${n}`, this.namespace);
    this.seen.set(key, guid);
    this.used.add(guid);
    return guid;
  }
}
