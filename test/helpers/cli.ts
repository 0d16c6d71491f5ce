// Runs the CLI in-process through `main()` with fake streams, or through the
// real `bin/fieldcode.js` in a child process.
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'fieldcode.js');
export const EXAMPLE = join(ROOT, 'examples', 'peer-groups');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends PassThrough {
  text = '';
  isTTY: boolean;
  constructor(isTTY = false) {
    super();
    this.isTTY = isTTY;
    this.on('data', (chunk) => (this.text += chunk.toString()));
  }
  override write(chunk: unknown, ...rest: unknown[]): boolean {
    this.text += typeof chunk === 'string' ? chunk : String(chunk);
    return true;
  }
}

export async function run(argv: string[], options: { cwd?: string; env?: Record<string, string | undefined>; tty?: boolean } = {}): Promise<RunResult> {
  const stdout = new Capture(options.tty);
  const stderr = new Capture(options.tty);
  const stdin = new PassThrough() as unknown as IO['stdin'];
  const io: IO = {
    argv,
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
    stdin,
    stdout: stdout as unknown as IO['stdout'],
    stderr: stderr as unknown as IO['stderr'],
  };
  const code = await main(io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs the real bin (built into dist/ by `npm test`) with no stdin. */
export function runBin(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    input: '',
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A throwaway copy of a folder, for tests that change files. */
export function copyToTemp(source: string, name = 'project'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'fieldcode-')), name);
  cpSync(source, dir, { recursive: true });
  return dir;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fieldcode-'));
}

/** A throwaway folder holding `files` (relative path → text), with the folders they need. */
export function tempTree(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A throwaway folder with `folder/<name>` for each entry of `files`. */
export function tempTreeIn(folder: string, files: Record<string, string>): string {
  return tempTree(Object.fromEntries(Object.entries(files).map(([name, text]) => [`${folder}/${name}`, text])));
}
