// Scratch projects for the write-safety tests (those that spawn bin/fieldcode.js
// use dist/, built by `npm test`). Device nodes, FIFOs, links and
// modes are made only inside a fresh temp folder; the real /dev is never touched.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyToTemp, ROOT } from '../helpers/cli.js';

export const SMALL = join(ROOT, 'test', 'fixtures', 'small-project');
export const IS_ROOT = process.getuid?.() === 0;

export function smallProject(): string {
  return copyToTemp(SMALL);
}

/** `mknod` a character device like /dev/null (1,3) or /dev/full (1,7) at `path`; root only. */
export function charDevice(path: string, major: number, minor: number): void {
  execFileSync('mknod', [path, 'c', String(major), String(minor)]);
}

export function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** Names in `dir` that fieldcode left behind: temp files and locks. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => /fieldcode-/.test(name));
}

export function declare(project: string, reports: string): void {
  writeFileSync(
    join(project, 'fieldcode.yaml'),
    `name: Small project\ncodebook: codebook.yaml\nnotes: ["notes/*.md"]\ncoder: kim\nvariables:\n  group: { values: [north, south], required: true }\n  phase: { values: [I, II, III], ordered: true, required: true }\n  method: { values: [participant-observation, focus-group, interview] }\nreports:\n${reports}`,
  );
}

export const TAG_PROJECT = join(ROOT, 'test', 'fixtures', 'tag', 'project');

export function mode(path: string): number {
  return statSync(path).mode & 0o777;
}
