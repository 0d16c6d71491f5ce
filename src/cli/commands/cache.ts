// `fieldcode cache stats|clear`: what the parse cache of a project holds, and
// emptying it. The cache is only ever an optimisation: clearing it changes
// no report, only how long the next run takes.
import type { Command } from 'commander';
import { cacheStats, clearCache, DEFAULT_CACHE_MAX_BYTES } from '../../pipeline/cache/store.js';
import { EXIT_OK } from '../exit-codes.js';
import { ok, type Checked } from '../../model/checked.js';
import { stop, type CliContext } from '../context.js';
import { CACHE_MAX_SIZE_VARIABLE, cacheLocation } from '../parse-options.js';
import { displayPath, locateProject } from '../project.js';
import { parseSize } from '../../core/limits.js';

interface CacheOptions {
  config?: string;
  cacheDir?: string;
}

export function registerCache(program: Command, ctx: CliContext): void {
  const cache = program
    .command('cache')
    .summary('show or clear the parse cache (.fieldcode/cache)')
    .description('The parse cache keeps each note as parsed, keyed by a hash of its bytes, so unchanged notes are not parsed again. `stats` shows its entries, size and the last run\'s hits and misses; `clear` removes its entries. See docs/cache.md.');
  const where = (command: Command): Command =>
    command
      .argument('[dir]', 'project folder', '.')
      .option('--config <path>', 'use this project file instead of searching for fieldcode.yaml')
      .option('--cache-dir <dir>', 'the cache folder (default: .fieldcode/cache in the project, or $FIELDCODE_CACHE_DIR)');
  const folder = (dir: string, options: CacheOptions): Checked<string> => {
    const located = locateProject(ctx.io.cwd, { dir, config: options.config });
    return located.ok ? ok(cacheLocation(ctx.io, located.value.root, options.cacheDir).dir) : located;
  };
  where(cache.command('stats').description('show the entries, size and last run of the parse cache')).action((dir: string, options: CacheOptions) => {
    const found = folder(dir, options);
    if (!found.ok) return stop(ctx, found.diagnostics);
    const path = found.value;
    const stats = cacheStats(path);
    const limit = ctx.io.env[CACHE_MAX_SIZE_VARIABLE] ? parseSize(ctx.io.env[CACHE_MAX_SIZE_VARIABLE]!) : DEFAULT_CACHE_MAX_BYTES;
    const run = stats.lastRun;
    ctx.io.stdout.write(
      [
        `cache     ${displayPath(ctx.io.cwd, path)}`,
        `entries   ${stats.entries}`,
        `size      ${megabytes(stats.bytes)} of at most ${limit === undefined ? '?' : megabytes(limit)}`,
        `last run  ${run ? `${run.hits} hits, ${run.misses} misses, ${run.written} written, ${run.evicted} evicted` : 'unknown'}`,
        '',
      ].join('\n'),
    );
    ctx.exitCode = EXIT_OK;
  });
  where(cache.command('clear').description('remove every entry of the parse cache (the next run parses every note)')).action((dir: string, options: CacheOptions) => {
    const found = folder(dir, options);
    if (!found.ok) return stop(ctx, found.diagnostics);
    const path = found.value;
    let removed: number;
    try {
      removed = clearCache(path);
    } catch (error) {
      const shown = displayPath(ctx.io.cwd, path);
      const message = `Cannot clear the parse cache \`${shown}\` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
      return stop(ctx, [{ file: shown, line: 1, column: 1, severity: 'fatal', message, ruleId: 'write-failed' }]);
    }
    ctx.io.stdout.write(`removed ${removed} ${removed === 1 ? 'entry' : 'entries'} from ${displayPath(ctx.io.cwd, path)}\n`);
    ctx.exitCode = EXIT_OK;
  });
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
