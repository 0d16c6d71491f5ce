// `fieldcode import FILE`: a flag or argument the import of a codings CSV,
// REFI-QDA file or codebook cannot use is a fatal diagnostic on the command
// line, at that flag or value (exit 2), and nothing is written.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run, tempDir } from '../helpers/cli.js';

const CSV = 'doc,coder,code,start,end\nanna,kim,support,0,4\n';

/** Where `arg` starts on `fieldcode ARGV…`. */
const column = (argv: string[], arg: string): number => `fieldcode ${argv.slice(0, argv.indexOf(arg)).join(' ')} `.length + 1;
const one = (line: string): string => `${line}\n\n1 error\n`;

function folder(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'codings.csv'), CSV);
  writeFileSync(join(dir, 'taken'), 'a file\n');
  mkdirSync(join(dir, 'empty'));
  return dir;
}

describe('import FILE: bad flags and arguments', () => {
  test('two files, a missing file, no --into, an --into that is a file', async () => {
    const dir = folder();
    const two = ['import', 'codings.csv', 'other.csv'];
    expect(await run(two, { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: one(`<command line>:1:${column(two, 'other.csv')}  error  Unexpected 2 files: a codings CSV, REFI-QDA file or codebook is imported one at a time (several files or folders are read as transcripts)  [invalid-option]`) });
    const missing = ['import', 'gone.csv', '--into', 'p'];
    expect((await run(missing, { cwd: dir })).stderr).toBe(one(`<command line>:1:${column(missing, 'gone.csv')}  error  Cannot find \`gone.csv\`: no such file  [missing-file]`));
    expect((await run(['import', 'codings.csv'], { cwd: dir })).stderr).toBe(one('<command line>:1:1  error  Missing --into DIR: where to write the project imported from `codings.csv`  [invalid-option]'));
    const file = ['import', 'codings.csv', '--into', 'taken'];
    expect(await run(file, { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: one(`<command line>:1:${column(file, '--into')}  error  Cannot import into \`taken\`: it is not a folder  [invalid-option]`) });
  }, 60_000);

  test('--sources and --codebook that are not there, and no documents at all', async () => {
    const dir = folder();
    const sources = ['import', 'codings.csv', '--into', 'p', '--sources', 'nowhere'];
    expect(await run(sources, { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: one(`<command line>:1:${column(sources, 'nowhere')}  error  Cannot find the sources folder \`nowhere\`  [missing-file]`) });
    const empty = ['import', 'codings.csv', '--into', 'p', '--sources', 'empty'];
    expect((await run(empty, { cwd: dir })).stderr).toBe(one(`<command line>:1:${column(empty, 'empty')}  error  Cannot find any .md or .txt documents in \`empty\`  [invalid-option]`));
    const none = ['import', 'codings.csv', '--into', 'p'];
    expect((await run(none, { cwd: dir })).stderr).toBe(one(`<command line>:1:${column(none, 'codings.csv')}  error  Cannot find the documents of \`codings.csv\`: pass --sources DIR, or import into a project folder that already has notes  [invalid-option]`));
    writeFileSync(join(dir, 'empty', 'anna.md'), 'Some words.\n');
    const codebook = ['import', 'codings.csv', '--into', 'p', '--sources', 'empty', '--codebook', 'codes.csv'];
    const result = await run(codebook, { cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(one(`<command line>:1:${column(codebook, 'codes.csv')}  error  Cannot find codebook \`codes.csv\`  [missing-file]`));
    expect(existsSync(join(dir, 'p'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['codings.csv', 'empty', 'taken']);
  }, 60_000);
});
