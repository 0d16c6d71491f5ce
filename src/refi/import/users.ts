// Step 2 of a .qdpx import: users, by guid, and who coded what.
import { normalizeGuid } from '../guid.js';
import { kid, kids, type XmlElement } from '../xml-read.js';

export interface Users {
  /** Normalized guid → display name (name, else id, else the guid). */
  names: Map<string, string>;
  /** The coder a coding is credited to: the first candidate guid that is given, else the project's creator, else `imported`. */
  coderFor(...candidates: Array<string | undefined>): string;
  /** The project's creating user, when it names one. */
  projectUser: string | undefined;
}

export function readUsers(root: XmlElement): Users {
  const names = new Map<string, string>();
  for (const user of kids(kid(root, 'Users'), 'User')) {
    if (!user.attrs.guid) continue;
    const name = (user.attrs.name ?? '').trim() || (user.attrs.id ?? '').trim() || normalizeGuid(user.attrs.guid);
    names.set(normalizeGuid(user.attrs.guid), name);
  }
  // An unknown user guid still tells coders apart, so it stands for its user.
  const userName = (guid: string | undefined): string | undefined => (guid ? (names.get(normalizeGuid(guid)) ?? normalizeGuid(guid)) : undefined);
  const projectUser = userName(root.attrs.creatingUserGUID);
  const coderFor = (...candidates: Array<string | undefined>): string => {
    for (const c of candidates) {
      const name = userName(c);
      if (name) return name;
    }
    return projectUser ?? 'imported';
  };
  return { names, coderFor, projectUser };
}
