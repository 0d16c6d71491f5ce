// The flags and variables that steer the parse stage (cache and worker
// threads), declared once for every command that loads a project.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseSize } from '../core/limits.js';
import { ParseCache } from '../pipeline/cache/store.js';
import type { ParseStageOptions } from '../pipeline/parse-stage.js';
import { usageProblem } from '../model/command-line.js';
import type { Diagnostic } from '../types.js';
import type { IO } from './io.js';

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
      return !/^\d+$/.test(value) || jobs < 1 ? new InvalidValue('--jobs', `Unexpected \`--jobs ${value}\`, expected a whole number of 1 or more`) : jobs;
    });
}

/**
 * What a flag's parser keeps for a value the command cannot use. Commander
 * calls the parser with no way to print a diagnostic, so the problem waits in
 * the option's value until `flagProblems` reports it, before the action runs.
 */
export class InvalidValue {
  constructor(
    readonly flag: string,
    readonly message: string,
  ) {}
}

/**
 * The fatal problems with the flags a command was given (values kept as
 * `InvalidValue`) and, for a command that reads the parse cache, with
 * $FIELDCODE_CACHE_MAX_SIZE. Each is placed on the command line.
 */
export function flagProblems(io: Pick<IO, 'argv' | 'env'>, options: Record<string, unknown>): Diagnostic[] {
  const found = Object.values(options)
    .filter((value): value is InvalidValue => value instanceof InvalidValue)
    .map((value) => usageProblem(io.argv, value.message, value.flag));
  const maxSize = io.env[CACHE_MAX_SIZE_VARIABLE];
  if ('cache' in options && maxSize && parseSize(maxSize) === undefined) {
    found.push(usageProblem(io.argv, `Unexpected ${CACHE_MAX_SIZE_VARIABLE}=${maxSize}, expected a size such as 500M or 2G`));
  }
  return found;
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

/** A value `parseSize` cannot read was reported by `flagProblems` before the command ran. */
function cacheMaxBytes(env: IO['env']): number | undefined {
  const value = env[CACHE_MAX_SIZE_VARIABLE];
  return value ? parseSize(value) : undefined;
}
