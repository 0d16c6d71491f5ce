// Writing (or, for `build --check`, comparing) the files of declared reports.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Diagnostic } from '../types.js';
import type { BuildOutput } from '../core/build.js';
import { BINARY_FORMATS } from '../reporters/xlsx.js';
import type { Style } from '../reporters/style.js';
import type { Inputs } from './inputs.js';
import { writeFileAtomic } from './io.js';
import { displayPath } from './project.js';
import type { CliContext } from './context.js';

const lf = (text: string): string => text.replace(/\r\n/g, '\n');

/** A committed report that differs only in CRLF line endings (a checkout with
 * core.autocrlf=true and no .gitattributes) is up to date: git stores it as
 * the LF text fieldcode writes. */
export function sameReport(current: string, generated: string): boolean {
  return current === generated || lf(current) === lf(generated);
}

/** A unified diff from the committed report to the one `build` would write. */
export function reportDiff(path: string, current: string | undefined, generated: string): string {
  return createTwoFilesPatch(current === undefined ? '/dev/null' : `a/${path}`, `b/${path}`, lf(current ?? ''), lf(generated), undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
}

/**
 * Writes (or, with `check`, compares) the outputs of declared reports; a
 * binary format (xlsx) is made from its model here. Returns how many were
 * stale and how many written; a file that cannot be written stops the
 * writing with a fatal `write-failed` diagnostic.
 */
export async function writeOutputs(ctx: CliContext, root: string, outputs: BuildOutput[], inputs: Inputs, options: { check: boolean; diff: boolean; quiet: boolean; style: Style }): Promise<{ stale: number; written: number; failed: Diagnostic[] }> {
  const shown = (path: string): string => displayPath(ctx.io.cwd, resolve(root, path));
  let stale = 0;
  let written = 0;
  for (const output of outputs) {
    const absolute = resolve(root, output.path);
    const binary = BINARY_FORMATS[output.format ?? ''];
    const content: string | Uint8Array = binary ? await binary(output.content) : output.content;
    const current = currentReport(absolute, root, typeof content !== 'string');
    if (current !== undefined && (typeof content === 'string' ? typeof current === 'string' && sameReport(current, content) : current instanceof Uint8Array && Buffer.from(current).equals(Buffer.from(content)))) continue;
    if (options.check) {
      stale++;
      ctx.io.stderr.write(`${shown(output.path)}  ${options.style.red(current === undefined ? 'missing' : 'stale')}  report \`${output.name}\` ${current === undefined ? 'has not been generated' : 'differs from what would be generated'}\n`);
      if (options.diff) ctx.io.stdout.write(typeof content === 'string' && typeof current !== 'object' ? reportDiff(shown(output.path), current, content) : `Binary report ${shown(output.path)} differs\n`);
    } else {
      try {
        writeFileAtomic(absolute, content, { within: root, inputs, regularOnly: true });
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        return { stale, written, failed: [{ file: shown(output.path), line: 1, column: 1, severity: 'fatal', message: `Cannot write \`${shown(output.path)}\`: ${reason}`, ruleId: 'write-failed' }] };
      }
      written++;
      if (!options.quiet) ctx.io.stderr.write(`${shown(output.path)}  ${current === undefined ? 'created' : 'updated'}\n`);
    }
  }
  return { stale, written, failed: [] };
}

/**
 * The report as it is now, to compare with the new one: only a regular file
 * inside the project. A FIFO would hang the read, and a link to a file
 * elsewhere (`reports/f.md -> /etc/shadow`) would print it in `--check --diff`.
 */
function currentReport(absolute: string, root: string, binary = false): string | Uint8Array | undefined {
  try {
    const real = realpathSync(absolute);
    const rel = relative(realpathSync(root), real);
    if (rel.startsWith('..') || isAbsolute(rel) || !statSync(real).isFile()) return undefined;
    return binary ? new Uint8Array(readFileSync(real)) : readFileSync(real, 'utf8');
  } catch {
    return undefined;
  }
}
