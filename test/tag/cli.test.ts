// `fieldcode tag` without a terminal, through the real bin/fieldcode.js
// (built into dist/ by `npm test`), on a throwaway copy of a small project.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readNote } from '../../src/core/note.js';
import { openTagFile, writeTagFile } from '../../src/cli/tag-files.js';
import { copyToTemp, runBin } from '../helpers/cli.js';

const PROJECT = fileURLToPath(new URL('../fixtures/tag/project/', import.meta.url));
const ANNA = 'notes/anna.md';
const FIELD = 'notes/field.md';

function project(): { dir: string; bytes: (path: string) => Buffer; original: (path: string) => Buffer } {
  const dir = copyToTemp(PROJECT);
  return {
    dir,
    bytes: (path) => readFileSync(join(dir, path)),
    original: (path) => readFileSync(join(PROJECT, path)),
  };
}

/** The original bytes with `insert` placed right after the first occurrence of `after`. */
function inserted(original: Buffer, after: string, insert: string): Buffer {
  const at = original.indexOf(Buffer.from(after, 'utf8'));
  if (at < 0) throw new Error(`fixture lacks ${after}`);
  const end = at + Buffer.byteLength(after);
  return Buffer.concat([original.subarray(0, end), Buffer.from(insert, 'utf8'), original.subarray(end)]);
}

describe('tag --add / --remove', { timeout: 60_000 }, () => {
  test('adds a segment tag to a CRLF + BOM note, changing only the inserted bytes', () => {
    const p = project();
    const result = runBin(['tag', '--add', 'support', '--at', `${ANNA}:13`], { cwd: p.dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${ANNA}:13  added #support\n`);
    expect(p.bytes(ANNA).equals(inserted(p.original(ANNA), 'in the group?', ' #support'))).toBe(true);
    // And the project still checks clean, with the new coding counted.
    const check = runBin(['check'], { cwd: p.dir });
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('2 notes, 2 codings: no errors found');
  });

  test('adds a span with --span (trailing spaces kept), then removes it back to the original bytes', () => {
    const p = project();
    const add = runBin(['tag', '--add', 'cost', '--at', `${ANNA}:15`, '--span', 'I had debts with four parties.'], { cwd: p.dir });
    expect(add.code).toBe(0);
    expect(add.stdout).toBe(`${ANNA}:15  added [I had debts with four parties.]{#cost}\n`);
    const expected = Buffer.from(p.original(ANNA).toString('utf8').replace('I had debts with four parties.   \r\n', '[I had debts with four parties.]{#cost}   \r\n'), 'utf8');
    expect(p.bytes(ANNA).equals(expected)).toBe(true);
    const more = runBin(['tag', '--add', 'support', '--at', `${ANNA}:15`, '--span', 'I had debts with four parties.'], { cwd: p.dir });
    expect(more.stdout).toContain('added #support to [I had debts with four parties.]');
    expect(p.bytes(ANNA).toString('utf8')).toContain('[I had debts with four parties.]{#cost #support}   \r\n');
    expect(runBin(['tag', '--remove', 'cost', '--at', `${ANNA}:15`, '--span', 'I had debts with four parties.'], { cwd: p.dir }).code).toBe(0);
    expect(runBin(['tag', '--remove', 'support', '--at', `${ANNA}:15`, '--span', 'I had debts with four parties.'], { cwd: p.dir }).code).toBe(0);
    expect(p.bytes(ANNA).equals(p.original(ANNA))).toBe(true);
  });

  test('--remove takes a tag and its space away; an absent tag is nothing to do', () => {
    const p = project();
    const result = runBin(['tag', '--remove', 'feedback', '--at', `${ANNA}:19`], { cwd: p.dir });
    expect(result.code).toBe(0);
    expect(p.bytes(ANNA).toString('utf8')).toContain('about your plans?\r\n');
    const again = runBin(['tag', '--remove', 'feedback', '--at', `${ANNA}:19`], { cwd: p.dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to change');
  });

  test('--dry-run prints a unified diff and writes nothing', () => {
    const p = project();
    const result = runBin(['tag', '--add', 'support', '--at', `${FIELD}:9`, '--dry-run'], { cwd: p.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        '===================================================================',
        `--- a/${FIELD}`,
        `+++ b/${FIELD}`,
        '@@ -6,6 +6,6 @@',
        ' ---',
        ' ',
        ' The meeting started late.   ',
        '-Nobody minded; coffee first.\t',
        '+Nobody minded; coffee first. #support\t',
        ' ',
        ' Karim brought oranges for everyone.',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain('dry run: nothing written');
    expect(p.bytes(FIELD).equals(p.original(FIELD))).toBe(true);
  });
});

describe('tag errors: exit 1 with a position, file untouched', { timeout: 60_000 }, () => {
  test('an unknown code, with did-you-mean', () => {
    const p = project();
    const result = runBin(['tag', '--add', 'reciprocty', '--at', `${ANNA}:17`], { cwd: p.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${ANNA}:17:1  error  Unexpected code \`reciprocty\`, expected a code from \`codebook.yaml\` (did you mean \`reciprocity\`?)  [unknown-code]`);
    expect(p.bytes(ANNA).equals(p.original(ANNA))).toBe(true);
  });

  test('a line outside any segment', () => {
    const p = project();
    const result = runBin(['tag', '--add', 'support', '--at', `${ANNA}:11`], { cwd: p.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${ANNA}:11:1  error  Unexpected line 11 outside any segment`);
    expect(result.stderr).toContain('[no-segment]');
    expect(p.bytes(ANNA).equals(p.original(ANNA))).toBe(true);
  });

  test('words not found in the segment', () => {
    const p = project();
    const result = runBin(['tag', '--add', 'support', '--at', `${ANNA}:17`, '--span', 'fixed her bike'], { cwd: p.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${ANNA}:17:\\d+  error  Cannot find the words \`fixed her bike\` in the segment`));
    expect(result.stderr).toContain('[words-not-found]');
    expect(p.bytes(ANNA).equals(p.original(ANNA))).toBe(true);
  });

  test('words that cross markup', () => {
    const p = project();
    writeFileSync(join(p.dir, FIELD), p.original(FIELD).toString('utf8').replace('brought oranges', 'brought *fresh* oranges'));
    const before = p.bytes(FIELD);
    const result = runBin(['tag', '--add', 'support', '--at', `${FIELD}:11`, '--span', 'fresh oranges'], { cwd: p.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${FIELD}:11:21  error  Cannot code \`fresh oranges\` as a span: the words cross Markdown markup`);
    expect(p.bytes(FIELD).equals(before)).toBe(true);
  });

  test('bad flags are fatal diagnostics on the command line (exit 2), pointing at the flag', () => {
    const p = project();
    const usage = (args: string[]) => {
      const result = runBin(args, { cwd: p.dir });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      return result.stderr;
    };
    // `fieldcode tag ` is 14 characters: the first flag is at column 15.
    expect(usage(['tag', '--add', 'support'])).toContain('<command line>:1:15  error  Missing --at for --add, expected `--at PATH:LINE`  [invalid-option]');
    expect(usage(['tag', '--add', 'support', '--at', 'notes/anna.md'])).toContain('<command line>:1:29  error  Unexpected `--at notes/anna.md`, expected `PATH:LINE`, e.g. `notes/interview.md:12`  [invalid-option]');
    expect(usage(['tag', '--add', 'support', '--at', 'notes/nope.md:3'])).toContain('<command line>:1:29  error  Cannot find `notes/nope.md`: no such file or folder  [invalid-option]');
    expect(usage(['tag', '--add', 'a', '--remove', 'b', '--at', `${ANNA}:13`])).toContain('<command line>:1:23  error  Unexpected --add together with --remove, expected one of them  [invalid-option]');
    expect(usage(['tag', '--span', 'give back'])).toContain('<command line>:1:15  error  Unexpected --span without --add or --remove  [invalid-option]');
    expect(usage(['tag', '--remove', 'cost', '--at', `${ANNA}:13`, ANNA])).toContain(`<command line>:1:51  error  Unexpected paths with --add or --remove, expected the note in \`--at PATH:LINE\`  [invalid-option]`);
    expect(usage(['tag', '--dry-run'])).toContain('<command line>:1:15  error  Unexpected --dry-run without --add, --remove or --accept-suggestions  [invalid-option]');
    expect(usage(['tag', '--review', 'feedback', '--all'])).toContain('<command line>:1:15  error  Unexpected --review together with --all or --code, expected --review ID alone  [invalid-option]');
    expect(usage(['tag', 'notes/nope.md'])).toContain('<command line>:1:1  error  Cannot tag interactively without a terminal');
    expect(usage(['tag', '--no-input'])).toContain('<command line>:1:15  error  Cannot tag interactively with --no-input');
  });
});

describe('tag --accept-suggestions', { timeout: 60_000 }, () => {
  test('applies what suggest lists, only for --code, and --dry-run writes nothing', () => {
    const p = project();
    const dry = runBin(['tag', '--accept-suggestions', '--dry-run'], { cwd: p.dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+**Anna:** Through the neighbourhood team. I had debts with four parties. #cost   \r\n');
    expect(dry.stdout).toContain('+Karim brought oranges for everyone. #support\n');
    expect(dry.stderr).toContain('3 codes would be added in 2 notes (dry run: nothing written)');
    expect(p.bytes(ANNA).equals(p.original(ANNA))).toBe(true);

    const only = runBin(['tag', '--accept-suggestions', '--code', 'reciprocity'], { cwd: p.dir });
    expect(only.code).toBe(0);
    expect(only.stdout).toBe(`${ANNA}:17  added #reciprocity  (matched “give back”)\n`);
    expect(p.bytes(ANNA).equals(inserted(p.original(ANNA), 'her tax forms.', ' #reciprocity'))).toBe(true);
    expect(p.bytes(FIELD).equals(p.original(FIELD))).toBe(true);
    // Now suggest has nothing left for reciprocity.
    expect(runBin(['suggest', '--code', 'reciprocity', '--format', 'json'], { cwd: p.dir }).stdout).not.toContain('reciprocity');
  });

  test('--where keeps to matching notes', () => {
    const p = project();
    const result = runBin(['tag', '--accept-suggestions', '--where', 'group=south'], { cwd: p.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${FIELD}:11  added #support  (matched “oranges”)\n`);
    expect(p.bytes(ANNA).equals(p.original(ANNA))).toBe(true);
  });
});

describe('tag without a terminal', { timeout: 60_000 }, () => {
  test('never prompts: exit 2 naming the non-interactive options', () => {
    const p = project();
    for (const args of [['tag'], ['tag', '--no-input'], ['tag', ANNA]]) {
      const result = runBin(args, { cwd: p.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--add ID --at PATH:LINE');
      expect(result.stderr).toContain('--accept-suggestions');
      expect(result.stdout).toBe('');
    }
    expect(p.bytes(ANNA).equals(p.original(ANNA))).toBe(true);
  });
});

describe('concurrent change on disk', () => {
  function opened(dir: string) {
    const absolute = join(dir, ANNA);
    const bytes = readFileSync(absolute);
    const text = bytes.subarray(3).toString('utf8');
    const note = readNote(ANNA, text, true, { coder: 'tester' }).note;
    const stat = statSync(absolute);
    return { absolute, file: openTagFile(ANNA, absolute, note, `${stat.mtimeMs}:${stat.size}`, 'tester'), text };
  }

  test('a file edited after it was read is not written, and says so', () => {
    const p = project();
    const { absolute, file, text } = opened(p.dir);
    const theirs = `${p.original(ANNA).toString('utf8')}\r\n**Anna:** A line someone else added.\r\n`;
    writeFileSync(absolute, theirs);
    const problem = writeTagFile(file, text.replace('in the group?', 'in the group? #support'));
    expect(problem).toMatchObject({ file: ANNA, severity: 'error', ruleId: 'file-changed' });
    expect(problem!.message).toContain('changed on disk');
    expect(problem!.message).toContain('not written');
    expect(readFileSync(absolute, 'utf8')).toBe(theirs);
  });

  test('a same-size edit the stamp cannot see (coarse mtime) is caught by comparing content', () => {
    const p = project();
    const { absolute, file, text } = opened(p.dir);
    const theirs = Buffer.from(p.original(ANNA).toString('utf8').replace('four parties', 'five parties'), 'utf8');
    expect(theirs.length).toBe(p.original(ANNA).length);
    writeFileSync(absolute, theirs);
    // As on a file system whose timestamps are too coarse to tell: the stamp matches.
    const stat = statSync(absolute);
    file.stamp = `${stat.mtimeMs}:${stat.size}`;
    const problem = writeTagFile(file, text.replace('in the group?', 'in the group? #support'));
    expect(problem?.ruleId).toBe('file-changed');
    expect(readFileSync(absolute).equals(theirs)).toBe(true);
  });

  test('an unchanged file is written atomically, BOM re-added, no temp file left', () => {
    const p = project();
    const { absolute, file, text } = opened(p.dir);
    expect(writeTagFile(file, text.replace('in the group?', 'in the group? #support'))).toBeUndefined();
    expect(readFileSync(absolute).equals(inserted(p.original(ANNA), 'in the group?', ' #support'))).toBe(true);
    expect(readdirSync(join(p.dir, 'notes')).sort()).toEqual(['anna.md', 'field.md']);
    // The stamp was refreshed: a second write goes through too.
    expect(writeTagFile(file, file.note.text.replace('#support', '#support #feedback'))).toBeUndefined();
  });
});
