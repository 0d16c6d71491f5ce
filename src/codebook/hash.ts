// The short content hash that names a codebook version in reports and in
// `codebook diff`: the file's text, so any change to it shows, except its
// line endings and BOM, which a Windows checkout (core.autocrlf) changes
// without anyone editing the codebook.
import { createHash } from 'node:crypto';

/** The text as LF-only without a BOM, so the same file hashes the same on every checkout. */
export function canonicalText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** First 12 hex digits of the SHA-256 of the codebook file's canonical text. */
export function contentHash(text: string): string {
  return createHash('sha256').update(canonicalText(text)).digest('hex').slice(0, 12);
}

/** How a report names the codebook it was made with: name, version, hash and (from git) commit. */
export function codebookVersionText(codebook: { name: string; path: string; version: string; hash?: string; commit?: string }): string {
  const parts = [codebook.version ? `version ${codebook.version}` : '', codebook.hash ? `sha256 ${codebook.hash}` : '', codebook.commit ? `commit ${codebook.commit.slice(0, 12)}` : ''].filter(Boolean);
  return `${codebook.name || codebook.path}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
