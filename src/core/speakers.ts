// Who a speaker is. A speaker is a participant of a note: the `Anna` of one
// interview and the `Anna` of another are two people, unless the notes give
// both the same project-wide `id` (`participants: {Anna: {id: p07}}`). The
// key is a hash, so that it carries no name into a pseudonymised corpus, and
// it is fixed when the note is read, so that --pseudonymize cannot change a
// count.
import { createHash } from 'node:crypto';
import type { Participant } from '../types.js';
import { canonicalName } from './names.js';

export function speakerId(notePath: string, label: string, participants: Participant[]): string {
  const key = canonicalName(label);
  const entry = participants.find((p) => canonicalName(p.label) === key);
  const id = entry?.id;
  const identity = typeof id === 'string' || typeof id === 'number' ? `id\0${canonicalName(String(id))}` : `note\0${notePath}\0${key}`;
  return createHash('sha1').update(identity).digest('hex').slice(0, 16);
}
