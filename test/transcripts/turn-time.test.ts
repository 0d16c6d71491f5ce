// The `[hh:mm:ss]` turn time: read by the segmenter, kept out of the coded
// text, and shown by `quotes` beside path:line in every format.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readNote } from '../../src/core/note.js';
import { run, tempDir } from '../helpers/cli.js';

const segments = (text: string) => readNote('n.md', text, false, { coder: 'ann' }).note.segments.map((s) => ({ speaker: s.speaker ?? null, time: s.time, text: s.text }));

describe('turn times in notes', () => {
  test('a stamp before a bold or plain label, or after the label, gives the time and never joins the text', () => {
    const note = [
      '---',
      'participants:',
      '  Spreker 1: { pseudonym: P1 }',
      '---',
      '[00:12:31] **Spreker 1:** Hallo daar. #reciprocity',
      '',
      '[1:02:03.250] Anna: Goed.',
      '',
      'Anna: [00:00:05] Ja.',
      '',
      '[00:00:09] Spreker 1: plain label declared in participants.',
      '',
      '[00:00:10] Words nobody is said to speak.',
      '',
    ].join('\n');
    expect(segments(note)).toEqual([
      { speaker: 'Spreker 1', time: 751, text: 'Hallo daar.' },
      // With participants declared, an undeclared plain label is text (as before); the time still counts.
      { speaker: null, time: 3723.25, text: 'Anna: Goed.' },
      { speaker: null, time: null, text: 'Anna: [00:00:05] Ja.' },
      { speaker: 'Spreker 1', time: 9, text: 'plain label declared in participants.' },
      { speaker: null, time: 10, text: 'Words nobody is said to speak.' },
    ]);
    const codings = readNote('n.md', note, false, { coder: 'ann' }).note.codings;
    expect(codings.map((c) => [c.code, c.text])).toEqual([['reciprocity', 'Hallo daar.']]);
  });

  test('without participants, a plain label after a stamp is read as before; the label may come first', () => {
    expect(segments('[00:01:00] Anna: Hi.\n\nAnna: [00:01:05] Yes.\n')).toEqual([
      { speaker: 'Anna', time: 60, text: 'Hi.' },
      { speaker: 'Anna', time: 65, text: 'Yes.' },
    ]);
  });

  test('notes without stamps parse as before: clock times, stamps mid-paragraph and two-part times stay text', () => {
    expect(segments('[12:30] Arrived at the shop.\n\nAt [00:01:00] she left.\n\n**Anna:** Hi.\n\n[x] done\n')).toEqual([
      { speaker: null, time: null, text: '[12:30] Arrived at the shop.' },
      { speaker: null, time: null, text: 'At [00:01:00] she left.' },
      { speaker: 'Anna', time: null, text: 'Hi.' },
      { speaker: null, time: null, text: '[x] done' },
    ]);
  });

  test('an escaped `\\[` or `\\:` is text, not a stamp or a label', () => {
    expect(segments('\\[00:01:00] said nothing.\n\nWell\\: yes.\n\n[00:00:05] Note\\: no speaker.\n')).toEqual([
      { speaker: null, time: null, text: '[00:01:00] said nothing.' },
      { speaker: null, time: null, text: 'Well: yes.' },
      { speaker: null, time: 5, text: 'Note: no speaker.' },
    ]);
  });

  test('plain-text notes read the stamp too', () => {
    expect(segments('---\nformat: text\n---\n[00:00:07] Kelly: hello\n  there\n')).toEqual([{ speaker: 'Kelly', time: 7, text: 'hello there' }]);
  });
});

describe('quotes show the turn time beside path:line', () => {
  const project = (): string => {
    const dir = tempDir();
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'fg-1.md'), '---\nid: fg-1\ngroup: a\n---\n[00:12:31] **Spreker 1:** We help each other. #reciprocity\n\n**Spreker 2:** No time here. #reciprocity\n');
    return dir;
  };

  test('table, markdown, csv, json and html', async () => {
    const dir = project();
    const table = await run(['quotes', '.', '--code', 'reciprocity', '--by', 'group'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('— Spreker 1 · notes/fg-1.md:5 @00:12:31\n');
    expect(table.stdout).toContain('— Spreker 2 · notes/fg-1.md:7\n');
    expect((await run(['quotes', '.', '--code', 'reciprocity', '--by', 'group', '--format', 'markdown'], { cwd: dir })).stdout).toContain('> — Spreker 1 · notes/fg-1.md:5 @00:12:31\n');
    const csv = (await run(['quotes', '.', '--code', 'reciprocity', '--by', 'group', '--format', 'csv'], { cwd: dir })).stdout.split('\n');
    expect(csv[0]).toBe('code,applied_codes,group,note,line,time,speaker,method,coder,text');
    expect(csv[1]).toBe('reciprocity,reciprocity,a,notes/fg-1.md,5,00:12:31,Spreker 1,,default,We help each other.');
    expect(csv[2]).toBe('reciprocity,reciprocity,a,notes/fg-1.md,7,,Spreker 2,,default,No time here.');
    const json = JSON.parse((await run(['quotes', '.', '--code', 'reciprocity', '--by', 'group', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.sections[0].groups[0].quotes.map((q: { time: number | null }) => q.time)).toEqual([751, null]);
    const html = (await run(['quotes', '.', '--code', 'reciprocity', '--by', 'group', '--format', 'html'], { cwd: dir })).stdout;
    expect(html).toContain('<code>notes/fg-1.md:5</code> @00:12:31</footer>');
  });
});
