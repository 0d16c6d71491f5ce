// Step 2 of a .qdpx export: the users: every coder, the configured coder, the
// authors of memos and the exporting user.
import type { Coding } from '../../types.js';
import { coderOf, type ExportScope } from './scope.js';

export interface ExportUsers {
  /** The exporting user (the project's creatingUser): the option, else the configured coder, else the first coder. */
  projectUser: string;
  /** Every user name, sorted. */
  names: string[];
  guid(name: string): string;
}

export function planUsers(scope: ExportScope, codings: Coding[]): ExportUsers {
  const { corpus, options, guids } = scope;
  const projectUser = options.user ?? corpus.config.coder ?? [...new Set(codings.map(coderOf))].sort()[0] ?? 'fieldcode';
  const memoAuthors = (corpus.memos ?? []).map((memo) => memo.author?.trim()).filter((a): a is string => !!a);
  const names = [...new Set([projectUser, ...(corpus.config.coder ? [corpus.config.coder] : []), ...codings.map(coderOf), ...memoAuthors])].sort();
  return { projectUser, names, guid: (name) => guids.get('user', name) };
}
