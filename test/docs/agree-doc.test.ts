// docs/agree.md's `--table` example is run: its CSV is written to a file and
// every `fieldcode agree --table` command under it must work on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempTree } from '../helpers/cli.js';

const doc = readFileSync(join(ROOT, 'docs', 'agree.md'), 'utf8');
const section = doc.slice(doc.indexOf('## A table of values'));
const csv = /```csv\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
const commands = [...(/```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '').matchAll(/^fieldcode (agree --table [^#\n]*?)\s*(?:#.*)?$/gm)].map((m) => m[1].split(/\s+/));

describe('docs/agree.md: agree --table', () => {
  it('has an example table and commands', () => {
    expect(csv.split('\n')[0]).toBe('unit,anna,ben,chris');
    expect(commands.length).toBeGreaterThanOrEqual(3);
  });

  it.each(commands.map((argv) => [argv.join(' '), argv] as const))('fieldcode %s', async (_name, argv) => {
    const cwd = tempTree({ 'ratings.csv': csv });
    const result = await run(argv, { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Krippendorff's alpha|"alpha-nominal"/);
  });
});
