// Suggestions you can reject (issue 13, item 4): `suggest --reject PATH:LINE
// --code ID` records the decision in a decisions file beside the note; the
// suggestion stays rejected after unrelated edits to the note, `suggest` and
// `tag --accept-suggestions` leave it out, `suggest --all` shows it marked.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyToTemp, run } from '../helpers/cli.js';

const PROJECT = fileURLToPath(new URL('../fixtures/tag/project/', import.meta.url));
const ANNA = 'notes/anna.md';
const DECISIONS = 'notes/anna.decisions.yaml';

interface Row {
  note: string;
  line: number;
  code: string;
  matched: string;
  segment: string;
  rejected?: boolean;
}

async function suggestions(dir: string, ...args: string[]): Promise<Row[]> {
  const result = await run(['suggest', '--format', 'json', ...args], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { suggestions: Row[] }).suggestions;
}

describe('suggest --reject', () => {
  it('records the decision beside the note, and the suggestion stays rejected after an unrelated edit', async () => {
    const dir = copyToTemp(PROJECT);
    expect((await suggestions(dir)).map((s) => `${s.note}:${s.line} ${s.code}`)).toEqual([`${ANNA}:15 cost`, `${ANNA}:17 reciprocity`, 'notes/field.md:11 support']);

    const rejected = await run(['suggest', '--reject', `${ANNA}:17`, '--code', 'reciprocity'], { cwd: dir });
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(rejected.stdout).toBe(`${ANNA}:17  rejected \`reciprocity\` (matched “give back”), recorded in ${DECISIONS}\n`);
    const file = readFileSync(join(dir, DECISIONS), 'utf8');
    expect(file).toMatch(/^fieldcode: decisions\/1\nnote: anna\.md\nrejected:\n  - code: reciprocity\n    segment: [0-9a-f]{8}\n    text: Now I want to give back to the group\. She fixed my bike, so…\n    coder: tester\n    date: \d{4}-\d{2}-\d{2}\n$/);
    // The note itself is not touched.
    expect(readFileSync(join(dir, ANNA)).equals(readFileSync(join(PROJECT, ANNA)))).toBe(true);

    // Gone from `suggest`, shown marked with --all.
    expect((await suggestions(dir)).map((s) => s.code)).toEqual(['cost', 'support']);
    expect((await suggestions(dir, '--all')).map((s) => `${s.code}:${s.rejected}`)).toEqual(['cost:false', 'reciprocity:true', 'support:false']);
    const table = await run(['suggest', '--all'], { cwd: dir });
    expect(table.stdout).toMatch(/notes\/anna\.md:17:\d+\s+reciprocity\s+“give back”\s+rejected\n/);
    expect(table.stdout).toContain('3 suggestions (1 rejected)');

    // An unrelated edit elsewhere in the note: a new paragraph above, another one changed.
    const before = readFileSync(join(dir, ANNA), 'utf8');
    const edited = before.replace('# Interview with Anna\r\n', '# Interview with Anna\r\n\r\nRecorded at the community centre.\r\n').replace('How did you end up in the group?', 'How did you first end up in the group?');
    expect(edited).not.toBe(before);
    writeFileSync(join(dir, ANNA), edited);
    const after = await suggestions(dir, '--all');
    expect(after.map((s) => `${s.note}:${s.line} ${s.code} ${s.rejected}`)).toEqual([`${ANNA}:17 cost false`, `${ANNA}:19 reciprocity true`, 'notes/field.md:11 support false']);

    // --accept-suggestions applies the others and skips the rejected one.
    const accepted = await run(['tag', '--accept-suggestions'], { cwd: dir });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr).toContain('2 codes added in 2 notes');
    const tagged = readFileSync(join(dir, ANNA), 'utf8');
    expect(tagged).toContain('I had debts with four parties. #cost');
    expect(tagged).not.toContain('#reciprocity');

    // Rejecting it again changes nothing.
    const again = await run(['suggest', '--reject', `${ANNA}:19`, '--code', 'reciprocity'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('`reciprocity` is already rejected: nothing to change');
    expect(readFileSync(join(dir, DECISIONS), 'utf8')).toBe(file);

    // An edit of the passage itself makes it a new passage: the suggestion comes back.
    writeFileSync(join(dir, ANNA), tagged.replace('Now I want to give back to the group.', 'Now I really want to give back to the group.'));
    expect((await suggestions(dir)).map((s) => `${s.note}:${s.line} ${s.code}`)).toEqual([`${ANNA}:19 reciprocity`]);
  });

  it('reads a hand-written hash of digits as written, not as a number', async () => {
    const dir = copyToTemp(PROJECT);
    expect((await run(['suggest', '--reject', `${ANNA}:17`, '--code', 'reciprocity'], { cwd: dir })).code).toBe(0);
    const hash = /segment: "?([0-9a-f]{8})"?/.exec(readFileSync(join(dir, DECISIONS), 'utf8'))![1];
    // The same file by hand, unquoted, with an id whose hash `0e000000` YAML would read as the number 0.
    writeFileSync(join(dir, DECISIONS), `fieldcode: decisions/1\nnote: anna.md\nrejected:\n  - { code: cost, segment: 0e000000 }\n  - code: reciprocity\n    segment: ${hash}\n`);
    const rows = await suggestions(dir, '--all');
    expect(rows.map((s) => `${s.code}:${s.rejected}`)).toEqual(['cost:false', 'reciprocity:true', 'support:false']);
  });

  it('keeps a rejection made under an id that was renamed since', async () => {
    const dir = copyToTemp(PROJECT);
    expect((await run(['suggest', '--reject', `${ANNA}:17`, '--code', 'reciprocity'], { cwd: dir })).code).toBe(0);
    const codebook = readFileSync(join(dir, 'codebook.yaml'), 'utf8');
    writeFileSync(join(dir, 'codebook.yaml'), codebook.replace('  - id: reciprocity\n', '  - id: give-and-take\n    renamed_from:\n      - { id: reciprocity, date: 2026-12-01 }\n'));
    expect((await suggestions(dir, '--all')).map((s) => `${s.code}:${s.rejected}`)).toEqual(['cost:false', 'give-and-take:true', 'support:false']);
  });

  it('refuses bad input with positioned diagnostics and writes nothing', async () => {
    const dir = copyToTemp(PROJECT);
    const unknown = await run(['suggest', '--reject', `${ANNA}:17`, '--code', 'reciprocty'], { cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`${ANNA}:17:1  error  Unexpected code \`reciprocty\`, expected a code from`);
    expect(unknown.stderr).toContain('did you mean `reciprocity`?');
    expect(unknown.stderr).toContain('[unknown-code]');

    const notSuggested = await run(['suggest', '--reject', `${ANNA}:17`, '--code', 'feedback'], { cwd: dir });
    expect(notSuggested.code).toBe(1);
    expect(notSuggested.stderr).toContain(`${ANNA}:17:1  error  Unexpected --code \`feedback\`: it is not suggested for the segment at ${ANNA}:17 (suggested there: \`reciprocity\`)  [no-suggestion]`);

    const blank = await run(['suggest', '--reject', `${ANNA}:16`, '--code', 'reciprocity'], { cwd: dir });
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain(`${ANNA}:16:1  error  Unexpected line 16 outside any segment`);
    expect(blank.stderr).toContain('[no-segment]');

    expect((await run(['suggest', '--reject', `${ANNA}:17`], { cwd: dir })).code).toBe(2);
    const malformed = await run(['suggest', '--reject', ANNA, '--code', 'reciprocity'], { cwd: dir });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('expected `PATH:LINE`');
    expect(existsSync(join(dir, DECISIONS))).toBe(false);

    // A broken decisions file is reported where it is broken, and nothing is applied while it is.
    writeFileSync(join(dir, DECISIONS), 'fieldcode: decisions/1\nnote: anna.md\nrejected:\n  - code: reciprocity\n    segment: not-a-hash\n');
    const listed = await run(['suggest'], { cwd: dir });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(`${DECISIONS}:5:14  error  Unexpected rejection with segment \`not-a-hash\``);
    expect(listed.stderr).toContain('[decisions-shape]');
    const checked = await run(['check'], { cwd: dir });
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(`${DECISIONS}:5:14  error  Unexpected rejection with segment \`not-a-hash\``);
    const accept = await run(['tag', '--accept-suggestions'], { cwd: dir });
    expect(accept.code).toBe(1);
    expect(readFileSync(join(dir, ANNA)).equals(readFileSync(join(PROJECT, ANNA)))).toBe(true);
    const version = join(dir, DECISIONS);
    writeFileSync(version, 'fieldcode: decisions/9\n');
    const wrongVersion = await run(['suggest'], { cwd: dir });
    expect(wrongVersion.stderr).toContain(`${DECISIONS}:1:12  error  Unexpected decisions version \`decisions/9\`, expected \`fieldcode: decisions/1\`  [decisions-shape]`);
  });
});
