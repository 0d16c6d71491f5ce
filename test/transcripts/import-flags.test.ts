// `fieldcode import TRANSCRIPT… --into NOTES`: a flag or argument it cannot use
// is a fatal diagnostic on the command line, at that flag or value (exit 2),
// and nothing is written.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, run, tempDir } from '../helpers/cli.js';

const SRT = join(ROOT, 'test', 'fixtures', 'transcripts', 'bom-crlf-nogaps.srt');

function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'fieldcode.yaml'), 'name: t\nnotes: ["notes/**/*.md"]\nvariables:\n  group: { values: [de-brug, krachtbron] }\n');
  return dir;
}

/** Where `arg` starts on `fieldcode ARGV…`. */
const column = (argv: string[], arg: string): number => `fieldcode ${argv.slice(0, argv.indexOf(arg)).join(' ')} `.length + 1;
const one = (line: string): string => `${line}\n\n1 error\n`;

describe('import of transcripts: bad flags', () => {
  test('no --into, an --into that is a file, an unknown --from', async () => {
    const dir = project();
    writeFileSync(join(dir, 'taken'), 'x');
    const none = await run(['import', SRT, '--from', 'srt'], { cwd: dir });
    expect(none).toEqual({ code: 2, stdout: '', stderr: one('<command line>:1:1  error  Missing --into DIR: the notes folder to write the imported transcripts to  [invalid-option]') });
    const file = ['import', SRT, '--into', 'taken'];
    expect((await run(file, { cwd: dir })).stderr).toBe(one(`<command line>:1:${column(file, '--into')}  error  Cannot import into \`taken\`: it is not a folder  [invalid-option]`));
    const from = ['import', SRT, '--into', 'notes', '--from', 'vtt'];
    const result = await run(from, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^<command line>:1:${column(from, '--from')}  error  Unexpected --from \`vtt\`, expected one of \`webvtt\`, .*  \\[invalid-option\\]\\n`));
    expect(existsSync(join(dir, 'notes'))).toBe(false);
  }, 60_000);

  test('every bad --set is placed at its value', async () => {
    const dir = project();
    const argv = ['import', SRT, '--into', 'notes', '--set', 'group', '--set', 'id=x', '--set', 'group=krachtbron', '--set', 'group=de-brug'];
    const result = await run(argv, { cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      [
        `<command line>:1:${column(argv, 'group')}  error  Unexpected --set \`group\`, expected KEY=VALUE (for example --set method=focus-group)  [invalid-option]`,
        `<command line>:1:${column(argv, 'id=x')}  error  Unexpected --set id=…: \`id\` is written by the import itself  [invalid-option]`,
        `<command line>:1:${column(argv, 'group=de-brug')}  error  Unexpected second --set group=…, expected each variable once  [invalid-option]`,
        '',
        '3 errors',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(dir, 'notes'))).toBe(false);
  }, 60_000);

  test('an input or a speaker map that is not there', async () => {
    const dir = project();
    const missing = ['import', 'nope.srt', '--into', 'notes', '--from', 'srt'];
    expect(await run(missing, { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: one(`<command line>:1:${column(missing, 'nope.srt')}  error  Cannot find \`nope.srt\`: no such file or folder  [missing-file]`) });
    const map = ['import', SRT, '--into', 'notes', '--speakers', 'who.yaml'];
    expect(await run(map, { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: one(`<command line>:1:${column(map, 'who.yaml')}  error  Cannot find the speaker map \`who.yaml\`  [missing-file]`) });
    expect(existsSync(join(dir, 'notes'))).toBe(false);
  }, 60_000);
});
