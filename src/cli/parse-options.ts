// The flags and variables that steer the parse stage (cache and worker
// threads), declared once for every command that loads a project.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseSize } from '../core/limits.js';
import { ParseCache } from '../pipeline/cache/store.js';
import type { ParseStageOptions } from '../pipeline/parse-stage.js';
import { UsageError, type IO } from './io.js';

export const CACHE_DIR_VARIABLE = 'FIELDCODE_CACHE_DIR';
export const CACHE_MAX_SIZE_VARIABLE = 'FIELDCODE_CACHE_MAX_SIZE';
/** Characters of cold text from which workers start; the tests lower it to use workers on a small corpus. */
export const WORKER_THRESHOLD_VARIABLE = 'FIELDCODE_WORKER_THRESHOLD';
export const DEFAULT_CACHE_DIR = '.fieldcode/cache';

export interface ParseFlags {
  /** False with `--no-cache`. */
  cache?: boolean;
  cacheDir?: string;
  jobs?: number;
  quiet?: boolean;
}

export function parseOptions(command: Command): Command {
  return command
    .option('--no-cache', 'parse every note afresh, without reading or writing the parse cache')
    .option('--cache-dir <dir>', `keep the parse cache in this folder (default: ${DEFAULT_CACHE_DIR} in the project, or $${CACHE_DIR_VARIABLE})`)
    .option('--jobs <n>', 'threads to parse changed notes on (default: the number of CPUs; 1: no worker threads)', (value: string) => {
      const jobs = Number(value);
      if (!/^\d+$/.test(value) || jobs < 1) throw new UsageError(`Unexpected \`--jobs ${value}\`, expected a whole number of 1 or more`);
      return jobs;
    });
}

/** Where the cache of a project rooted at `root` lives, and whether the user named it. */
export function cacheLocation(io: Pick<IO, 'cwd' | 'env'>, root: string, cacheDir: string | undefined): { dir: string; explicit: boolean } {
  const named = cacheDir ?? (io.env[CACHE_DIR_VARIABLE] || undefined);
  return named ? { dir: resolve(io.cwd, named), explicit: true } : { dir: resolve(root, DEFAULT_CACHE_DIR), explicit: false };
}

/** The parse stage settings for a project rooted at `root`. */
export function parseStageFor(io: Pick<IO, 'cwd' | 'env' | 'stderr'>, root: string, flags: ParseFlags): ParseStageOptions {
  const threshold = io.env[WORKER_THRESHOLD_VARIABLE];
  const stage: ParseStageOptions = {
    ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
    ...(threshold && /^\d+$/.test(threshold) ? { workerThreshold: Number(threshold) } : {}),
  };
  if (flags.cache === false) return stage;
  const { dir, explicit } = cacheLocation(io, root, flags.cacheDir);
  const warn = flags.quiet ? undefined : (message: string) => io.stderr.write(`fieldcode: warning: ${message}\n`);
  return { ...stage, cache: new ParseCache({ dir, explicit, maxBytes: cacheMaxBytes(io.env), warn }) };
}

function cacheMaxBytes(env: IO['env']): number | undefined {
  const value = env[CACHE_MAX_SIZE_VARIABLE];
  if (!value) return undefined;
  const bytes = parseSize(value);
  if (bytes === undefined) throw new UsageError(`Unexpected ${CACHE_MAX_SIZE_VARIABLE}=${value}, expected a size such as 500M or 2G`);
  return bytes;
}
