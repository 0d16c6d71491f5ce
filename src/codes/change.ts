// What one `fieldcode codes` operation plans for one file.

export type FileRole = 'codebook' | 'note' | 'standoff codings' | 'project file' | 'practice key' | 'review list' | 'report' | 'memo' | 'matrix summaries' | 'decisions';

export interface FileChange {
  /** Project-relative POSIX path. */
  path: string;
  role: FileRole;
  /** The file as read; null for a file the change creates. */
  before: string | null;
  after: string;
  /** Codings (or list entries) recoded in this file; for the codebook, the codes changed. */
  recoded: number;
}

/** A change that cannot be made as asked; the message says why and what to do. Nothing was written. */
export interface Refused {
  refused: string;
}

export function refuse(message: string): Refused {
  return { refused: message };
}

export function isRefused(value: object): value is Refused {
  return 'refused' in value;
}
