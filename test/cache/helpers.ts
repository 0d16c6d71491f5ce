// Shared steps of the cache tests: run a command on a project through the
// real bin, and list or damage the entries of a cache folder.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runBin, type RunResult } from '../helpers/cli.js';

/** The outputs compared cold against warm: a report, the quotes, and the diagnostics as JSON. */
export const COMMANDS = [
  ['report', '--format', 'json'],
  ['quotes', '--format', 'json'],
  ['check', '--format', 'json'],
];

export function runIn(dir: string, argv: string[], env: Record<string, string> = {}): RunResult {
  return runBin(argv, { cwd: dir, env });
}

/** Every output of COMMANDS, with its exit code and stderr, as one string to compare byte for byte. */
export function outputs(dir: string, extra: string[] = [], env: Record<string, string> = {}): string {
  return COMMANDS.map((argv) => {
    const result = runIn(dir, [...argv, ...extra], env);
    return `${argv[0]} exit ${result.code}\n${result.stdout}\n--- stderr\n${result.stderr}`;
  }).join('\n===\n');
}

export function entries(cacheDir: string): string[] {
  return readdirSync(cacheDir)
    .filter((name) => name.endsWith('.entry'))
    .sort()
    .map((name) => join(cacheDir, name));
}
