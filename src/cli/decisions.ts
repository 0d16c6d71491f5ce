// Reads and writes the decisions files beside the notes (src/core/decisions.ts):
// which suggestions a researcher rejected. `suggest`, `tag` and
// `tag --accept-suggestions` all leave a rejected suggestion out.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Coding, Diagnostic, Note, Segment } from '../types.js';
import { addRejection, decisionsPathFor, parseDecisions, rejectionFor, segmentKey, type ParsedDecisions } from '../core/decisions.js';
import { currentIds } from '../codebook/lineage.js';
import { readUtf8 } from '../pipeline/read-file.js';
import type { LoadedProject } from './project.js';
import { WriteRefused, writeFileAtomic } from './write-file.js';

interface DecisionsFile {
  /** Project-relative path, for messages. */
  path: string;
  absolute: string;
  parsed?: ParsedDecisions;
}

export interface Decisions {
  /** `segmentId\0code` of every rejected suggestion. */
  rejected: Set<string>;
  diagnostics: Diagnostic[];
  /** By note path. */
  files: Map<string, DecisionsFile>;
}

export const rejectedKey = (segmentId: string, code: string): string => `${segmentId}\u0000${code}`;

/** The decisions of every note of the project that has a decisions file. */
export function loadDecisions(loaded: LoadedProject): Decisions {
  const decisions: Decisions = { rejected: new Set(), diagnostics: [], files: new Map() };
  const { codebook } = loaded.corpus;
  for (const note of loaded.corpus.notes) {
    const entry = loaded.files.get(note.path);
    if (!entry) continue;
    const file: DecisionsFile = { path: decisionsPathFor(note.path), absolute: decisionsPathFor(entry.absolute) };
    decisions.files.set(note.path, file);
    if (!existsSync(file.absolute)) continue;
    const read = readUtf8(file.absolute);
    if ('error' in read) {
      decisions.diagnostics.push({ file: file.path, line: 1, column: 1, severity: 'error', message: read.error, ruleId: 'decisions-yaml' });
      continue;
    }
    file.parsed = parseDecisions(file.path, read.text);
    decisions.diagnostics.push(...file.parsed.diagnostics);
    const document = file.parsed.document;
    if (!document) continue;
    const byKey = new Map(note.segments.map((segment) => [segmentKey(segment), segment.id]));
    for (const rejection of document.rejected) {
      const segmentId = byKey.get(rejection.segment);
      // A passage that changed is a new passage: its old rejection no longer applies.
      if (!segmentId) continue;
      // A code renamed or merged since the decision still holds under its current id.
      for (const code of currentIds(codebook, rejection.code) ?? [rejection.code]) decisions.rejected.add(rejectedKey(segmentId, code));
    }
  }
  return decisions;
}

/** Marks each suggestion a researcher rejected; returns them all. */
export function markRejected(suggestions: Coding[], decisions: Decisions): Coding[] {
  for (const suggestion of suggestions) if (decisions.rejected.has(rejectedKey(suggestion.segments[0], suggestion.code))) suggestion.rejected = true;
  return suggestions;
}

/**
 * Records that `code` was rejected for `segment`, atomically, keeping the rest
 * of the file as it is. Returns the decisions file's path, or a diagnostic
 * when it cannot be written.
 */
export function recordRejection(loaded: LoadedProject, decisions: Decisions, note: Note, segment: Segment, code: string, coder: string, date: string): { path: string } | { problem: Diagnostic } {
  const file = decisions.files.get(note.path);
  if (!file) return { problem: { file: note.path, line: segment.range.start.line, column: 1, severity: 'error', message: 'Cannot record a decision for a note outside the project', ruleId: 'write-failed' } };
  if (existsSync(file.absolute) && !file.parsed?.document) {
    return { problem: { file: file.path, line: 1, column: 1, severity: 'error', message: `Cannot add a rejection to ${file.path}: fix the problems reported for it first`, ruleId: 'decisions-shape' } };
  }
  const text = addRejection(file.parsed, basename(note.path), rejectionFor(segment, code, coder, date));
  try {
    writeFileAtomic(file.absolute, text, { within: loaded.root });
  } catch (error) {
    const reason = error instanceof WriteRefused ? error.message : (error as Error).message;
    return { problem: { file: file.path, line: 1, column: 1, severity: 'error', message: `Cannot write ${file.path}: ${reason}`, ruleId: 'write-failed' } };
  }
  file.parsed = parseDecisions(file.path, text);
  decisions.rejected.add(rejectedKey(segment.id, code));
  return { path: file.path };
}

/** Today as `YYYY-MM-DD` (UTC), the date a decision is recorded under. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
