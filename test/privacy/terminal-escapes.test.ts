// Issue 15.5: control bytes in notes and front matter never reach a terminal raw.
import { describe, expect, it } from 'vitest';
import { readCodebook } from '../../src/codebook/read.js';
import { readNote } from '../../src/core/note.js';
import { screen } from '../../src/cli/tag-session.js';
import { makeStyle, plain } from '../../src/reporters/style.js';
import { escapeControls } from '../../src/reporters/terminal.js';
import { run } from '../helpers/cli.js';
import { config, project } from './helpers.js';

const OSC52 = '\u001b]52;c;ZXZpbA==\u0007'; // write "evil" to the clipboard
const CLEAR = '\u001b[2J\u001b[H'; // clear the screen
const C1_CSI = '\u009b2J'; // the same with the 8-bit CSI
const SGR = '\u001b[8m'; // conceal what follows
const TITLE = '\\e]0;pwned\\a'; // YAML escapes: ESC ] 0 ; pwned BEL

const NOTE = `---
group: "north${TITLE}"
phase: I
title: "Meeting${TITLE}"
---
**Anna${CLEAR}:** I help${OSC52} you ${C1_CSI} every week${SGR}. #support

[Quiet\u0007${C1_CSI} words]{#feedback} too.
`;

/** Every ESC in the output starts a colour code (SGR); no BEL, no C1 control, no other control but tab and line feed. */
function assertSafe(text: string): void {
  // eslint-disable-next-line no-control-regex
  const controls = text.replace(/\u001b\[[0-9;]*m/g, '').match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g) ?? [];
  expect(controls.map((c) => c.charCodeAt(0).toString(16))).toEqual([]);
  // Data SGR (conceal) is shown, not obeyed, even when the report is coloured.
  expect(text).not.toContain('\u001b[8m');
}

const dir = project({ 'notes/a.md': NOTE });
const colour = { FORCE_COLOR: '1' };

describe('terminal output shows control bytes escaped', () => {
  it('escapeControls is visible and idempotent', () => {
    const shown = escapeControls(`a${OSC52}b${C1_CSI}\u202e`);
    expect(shown).toBe('a\\x1b]52;c;ZXZpbA==\\x07b\\x9b2J\\u202e');
    expect(escapeControls(shown)).toBe(shown);
  });

  for (const env of [{}, colour]) {
    const mode = env === colour ? 'coloured' : 'plain';
    it(`quotes on a terminal (${mode})`, async () => {
      const result = await run(['quotes', dir], { tty: true, env });
      expect(result.code, result.stderr).toBe(0);
      assertSafe(result.stdout);
      expect(result.stdout).toContain('I help\\x1b]52;c;ZXZpbA==\\x07 you \\x9b2J every week\\x1b[8m.');
      expect(result.stdout).toContain('Anna\\x1b[2J\\x1b[H');
    });

    it(`report and the other table reports on a terminal (${mode})`, async () => {
      for (const command of ['report', 'phase-change', 'cooccurrence', 'suggest']) {
        const result = await run([command, dir, '--by', 'group'].slice(0, command === 'suggest' ? 2 : 4), { tty: true, env });
        expect(result.code, `${command}: ${result.stderr}`).toBeLessThan(2);
        assertSafe(result.stdout);
        assertSafe(result.stderr);
      }
      const report = await run(['report', dir, '--by', 'group'], { tty: true, env });
      expect(report.stdout).toContain('north\\x1b]0;pwned\\x07');
    });

    it(`markdown and csv printed to a terminal (${mode})`, async () => {
      for (const format of ['markdown', 'csv']) {
        const result = await run(['quotes', dir, '--format', format], { tty: true, env });
        assertSafe(result.stdout);
      }
    });
  }

  it('diagnostics on stderr show a hostile code name escaped', async () => {
    const bad = project({ 'notes/a.md': `---\ngroup: g\nphase: "I${TITLE}"\n---\nText #support\n` });
    const result = await run(['check', bad], { tty: true, env: colour });
    expect(result.stderr).toContain('invalid-variable-value');
    expect(result.stderr).toContain('I\\x1b]0;pwned\\x07');
    assertSafe(result.stderr);
  });

  it('a hostile report name in fieldcode.yaml is shown escaped', async () => {
    const declared = config(`reports:\n  - name: "r${TITLE}"\n    kind: quotes\n    out: a.md\n  - name: "r${TITLE}"\n    kind: quotes\n    out: b.md\n`);
    const bad = project({ 'fieldcode.yaml': declared, 'notes/a.md': NOTE });
    const result = await run(['build', bad], { tty: true, env: colour });
    expect(result.code).toBeGreaterThan(0);
    expect(result.stderr).toContain('r\\x1b]0;pwned\\x07');
    assertSafe(result.stderr);
  });

  it('the interactive tagger screen (and its code labels) escapes the note', () => {
    const codebook = readCodebook('codebook.yaml', `name: t\nversion: "1"\ncodes:\n  - id: support\n    label: "Support${TITLE}"\n    definition: "x${TITLE}"\n`).codebook;
    const note = readNote('n.md', NOTE, false, { coder: 'c' }).note;
    for (const style of [plain, makeStyle(1)]) {
      const text = screen(note, 'n.md', note.segments[0], note.codings, codebook.byId, 0, 2, 0, style, 80);
      assertSafe(text);
      expect(text).toContain('Meeting\\x1b]0;pwned\\x07');
      expect(text).toContain('I help\\x1b]52;c;');
    }
  });
});

describe('file names from a hostile project', () => {
  it('standoff lists a file whose name holds an OSC sequence escaped', async () => {
    const name = 'n\u001b]0;pwned\u0007';
    const dir = project({
      [`notes/${name}.md`]: '---\ngroup: g\nphase: I\n---\nSome words here.\n',
      [`notes/${name}.codings.yaml`]: `fieldcode: standoff/1\nnote: "${name.replace('\u001b', '\\e').replace('\u0007', '\\a')}.md"\ncoder: kim\ncodings:\n  - code: support\n    start: 30\n    end: 40\n    quote: "Some words"\n`,
    });
    const result = await run(['standoff', dir], { tty: true });
    expect(result.stdout).toContain('n\\x1b]0;pwned\\x07');
    assertSafe(result.stdout);
    assertSafe(result.stderr);
  });
});
