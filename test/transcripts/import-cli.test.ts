// `fieldcode import` of transcripts, through the real CLI: every format gives
// a note that `check` accepts, re-imports are byte-identical, times reach
// `quotes` and survive a REFI-QDA round trip, and bad input writes nothing.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import type { IO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { loadProject } from '../../src/cli/project.js';
import { ROOT, run, tempDir } from '../helpers/cli.js';
import { sharedPath, USES_SHARED } from '../helpers/shared.js';

const TRANSCRIPTS = sharedPath('transcripts');
const haveShared = existsSync(TRANSCRIPTS);
const FIXTURES = join(ROOT, 'test', 'fixtures', 'transcripts');
const ZOOM = join(TRANSCRIPTS, 'webvtt-zoom', 'GMT20240124-202901_Recording.transcript.vtt');

/** A project with declared variables and the bundled codebook. */
function project(): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'fieldcode.yaml'),
    [
      'name: transcripts',
      `codebook: ${JSON.stringify(join(ROOT, 'codebook', 'working-components.yaml'))}`,
      'notes: ["notes/**/*.md"]',
      'variables:',
      '  group: { values: [de-brug, krachtbron], required: true }',
      '  phase: { values: [I, II, III], ordered: true, required: true }',
      '  method: { values: [focus-group, interview] }',
      '',
    ].join('\n'),
  );
  return dir;
}

const SETS = ['--set', 'group=de-brug', '--set', 'phase=II', '--set', 'method=focus-group'];

function notesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe.skipIf(!haveShared)('every format imports to a note that check accepts', USES_SHARED, () => {
  const samples: Array<[string, string, string[]]> = [
    // file, format written to `source`, extra flags
    [join(TRANSCRIPTS, 'webvtt-zoom', 'GMT20240124-202901_Recording.transcript.vtt'), 'webvtt', []],
    [join(TRANSCRIPTS, 'webvtt-voice', 'webvttpy-teams_timeframe.vtt'), 'webvtt', []],
    [join(TRANSCRIPTS, 'webvtt-voice', 'noscribe-interview.vtt'), 'webvtt', []],
    [join(TRANSCRIPTS, 'srt', 'otter-B2+80_otter_ai.srt'), 'srt', []],
    [join(TRANSCRIPTS, 'srt', 'pysrt-bom-utf-16-le.srt'), 'srt', []],
    [join(TRANSCRIPTS, 'otter', 'ladybug-40-networking.otter.txt'), 'otter', []],
    [join(TRANSCRIPTS, 'whisper', 'wct2-diarization-dosparlants.json'), 'whisper-json', []],
    [join(TRANSCRIPTS, 'whisper', 'wct2-diarization-dosparlants.txt'), 'whisper-txt', []],
    [join(TRANSCRIPTS, 'whisper', 'wct2-diarization-dosparlants.tsv'), 'whisper-tsv', []],
    [join(FIXTURES, 'spreker.amberscript.txt'), 'amberscript', []],
    [join(FIXTURES, 'interview.f4.txt'), 'f4', []],
    [join(TRANSCRIPTS, 'otr', 'openpecha-input_otr.otr'), 'otr', []],
    [join(TRANSCRIPTS, 'docx', 'qdap-trans2.docx'), 'docx', []],
    [join(TRANSCRIPTS, 'plaintext', 'noscribe-interview.txt'), 'plain', []],
    [join(TRANSCRIPTS, 'whisper', 'wct2-vad-gossos.txt'), 'plain', ['--from', 'plain']],
  ];
  for (const [file, format, extra] of samples) {
    test(`${file.slice(file.lastIndexOf('/') + 1)} (${format})`, async () => {
      const dir = project();
      const imported = await run(['import', file, '--into', 'notes', ...SETS, ...extra], { cwd: dir });
      expect(imported.stderr).not.toMatch(/ error /);
      expect(imported.code).toBe(0);
      const [name] = notesIn(join(dir, 'notes'));
      const text = readFileSync(join(dir, 'notes', name), 'utf8');
      expect(text).toContain(`format: ${format} }`);
      const checked = await run(['check', '.'], { cwd: dir });
      expect(checked.stdout + checked.stderr).not.toMatch(/ error /);
      expect(checked.code).toBe(0);
      // Each turn is one segment; every speaker label is a participant; times come through.
      const { corpus } = loadProject(dir, {});
      const note = corpus.notes[0];
      const labels = new Set(note.participants.map((p) => p.label));
      for (const segment of note.segments) if (segment.speaker) expect(labels.has(segment.speaker), segment.speaker).toBe(true);
      if (format !== 'plain' || extra.length === 0) expect(note.segments.filter((s) => s.speaker || s.time !== null).length).toBeGreaterThan(0);
      expect(note.participants.every((p) => typeof p.pseudonym === 'string' && p.pseudonym !== p.label)).toBe(true);
    });
  }
});

describe.skipIf(!haveShared)('a Zoom recording, turn by turn', USES_SHARED, () => {
  test('the note: front matter, merged turns with times, display names as participants; byte-identical on re-import', async () => {
    const dir = project();
    const first = await run(['import', ZOOM, '--into', 'notes', ...SETS], { cwd: dir });
    expect(first.code).toBe(0);
    const path = join(dir, 'notes', 'gmt20240124-202901-recording-transcript.md');
    const text = readFileSync(path, 'utf8');
    // `date` is there when the reader finds one (src/transcripts decides); the rest is fixed.
    const head = text.replace(/\ndate: [^\n]*/, '');
    expect(head.startsWith('---\nid: gmt20240124-202901-recording-transcript\ngroup: de-brug\nphase: II\nmethod: focus-group\nsource: { file: GMT20240124-202901_Recording.transcript.vtt, format: webvtt }\nparticipants:\n  Srijani Ghosh: { pseudonym: gmt20240124-202901-recording-transcript-P1 }\n')).toBe(true);
    expect(text).toContain('\n[00:00:00] **Srijani Ghosh:** Hi!\n\n[00:00:02] **Conor Healy:** Get this party started.\n');
    // The cue without a speaker prefix stays a turn of its own, with its time.
    expect(text).toContain('\n[00:05:07] Hmm.\n');
    // One warning: display names kept, with placeholders.
    expect(first.stderr).toMatch(/5 speaker labels are kept as written .*\[unmapped-speakers\]/);
    expect(first.stderr).toContain('webvtt, 26 turns, 5 speakers, 00:12:15 → notes/gmt20240124-202901-recording-transcript.md\n');

    const again = await run(['import', ZOOM, '--into', 'notes', ...SETS], { cwd: dir });
    expect(again.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(text);
    const other = project();
    await run(['import', ZOOM, '--into', 'notes', ...SETS], { cwd: other });
    expect(readFileSync(join(other, 'notes', 'gmt20240124-202901-recording-transcript.md'), 'utf8')).toBe(text);
  });

  test('--speakers maps labels to names and pseudonyms; --pseudonymize publishes no name', async () => {
    const dir = project();
    writeFileSync(join(dir, 'speakers.yaml'), ['Srijani Ghosh: { name: Srijani, pseudonym: P01 }', 'Conor Healy: { pseudonym: P02 }', 'Dr. Melissa Ko: { name: Melissa, role: researcher }', ''].join('\n'));
    const result = await run(['import', ZOOM, '--into', 'notes', ...SETS, '--speakers', 'speakers.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    const text = readFileSync(join(dir, 'notes', 'gmt20240124-202901-recording-transcript.md'), 'utf8');
    expect(text).toContain('participants:\n  Srijani: { pseudonym: P01, recorded-as: Srijani Ghosh }\n  Conor Healy: { pseudonym: P02 }\n  Melissa: { role: researcher, recorded-as: Dr. Melissa Ko }\n  Shreeharsh Kelkar: { pseudonym: gmt20240124-202901-recording-transcript-P1 }\n');
    expect(text).toContain('[00:00:00] **Srijani:** Hi!');
    expect(result.stderr).toMatch(/2 speaker labels are kept as written \(`Shreeharsh Kelkar`, `Ryan Sloan`\)/);
    // Code the first turn and publish.
    const line = text.split('\n').findIndex((l) => l.startsWith('[00:00:00]')) + 1;
    expect((await run(['tag', '--add', 'reciprocity', '--at', `notes/gmt20240124-202901-recording-transcript.md:${line}`], { cwd: dir })).code).toBe(0);
    const quotes = await run(['quotes', '.', '--code', 'reciprocity', '--pseudonymize'], { cwd: dir });
    expect(quotes.code).toBe(0);
    expect(quotes.stdout).not.toMatch(/Srijani|Conor|Ghosh|Healy/);
  });

  test('import → tag --add → quotes shows the time of the turn', async () => {
    const dir = project();
    await run(['import', ZOOM, '--into', 'notes', ...SETS], { cwd: dir });
    const path = join(dir, 'notes', 'gmt20240124-202901-recording-transcript.md');
    const lines = readFileSync(path, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.startsWith('[00:04:16] **Srijani Ghosh:**')) + 1;
    const tagged = await run(['tag', '--add', 'reciprocity', '--at', `notes/gmt20240124-202901-recording-transcript.md:${line}`], { cwd: dir });
    expect(tagged.code).toBe(0);
    const quotes = await run(['quotes', '.', '--code', 'reciprocity'], { cwd: dir });
    expect(quotes.stdout).toContain('“I have a question. What does the output look like?');
    expect(quotes.stdout).toContain(`— Srijani Ghosh · focus-group · notes/gmt20240124-202901-recording-transcript.md:${line} @00:04:16\n`);
  });

  test('export → import of the REFI-QDA project keeps the turns and their times', async () => {
    const dir = project();
    await run(['import', ZOOM, '--into', 'notes', ...SETS], { cwd: dir });
    const note = 'notes/gmt20240124-202901-recording-transcript.md';
    const line = readFileSync(join(dir, note), 'utf8').split('\n').findIndex((l) => l.startsWith('[00:04:16]')) + 1;
    await run(['tag', '--add', 'reciprocity', '--at', `${note}:${line}`], { cwd: dir });
    const before = loadProject(dir, {}).corpus.notes[0].segments.map((s) => [s.speaker ?? null, s.time, s.text]);
    expect((await run(['export', '--format', 'qdpx', '--out', 'project.qdpx'], { cwd: dir })).code).toBe(0);
    expect((await run(['import', 'project.qdpx', '--into', 'back'], { cwd: dir })).code).toBe(0);
    const back = loadProject(join(dir, 'back'), {}).corpus;
    expect(back.notes[0].segments.map((s) => [s.speaker ?? null, s.time, s.text])).toEqual(before);
    const quotes = await run(['quotes', 'back', '--code', 'reciprocity', '--by', 'group'], { cwd: dir });
    expect(quotes.stdout).toContain('“I have a question. What does the output look like?');
    expect(quotes.stdout).toMatch(/— Srijani Ghosh · focus-group · back\/notes\/[^:]+:\d+ @00:04:16\n/);
  });

  test('--dry-run prints the note and writes nothing', async () => {
    const dir = project();
    const result = await run(['import', ZOOM, '--into', 'notes', ...SETS, '--dry-run'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('---\nid: gmt20240124-202901-recording-transcript\n')).toBe(true);
    expect(result.stderr).toContain('(dry run, not written)');
    expect(existsSync(join(dir, 'notes'))).toBe(false);
  });

  test('a folder: one line per file on stderr, one note per transcript', async () => {
    const dir = project();
    const folder = join(dir, 'recordings');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.vtt'), readFileSync(ZOOM));
    writeFileSync(join(folder, 'b.srt'), readFileSync(join(TRANSCRIPTS, 'srt', 'otter-B2+80_otter_ai.srt')));
    writeFileSync(join(folder, 'notes.yaml'), 'not: a transcript\n');
    const result = await run(['import', 'recordings', '--into', 'notes', ...SETS], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^recordings\/a\.vtt: webvtt, 26 turns, 5 speakers, 00:12:15 → notes\/a\.md$/m);
    expect(result.stderr).toMatch(/^recordings\/b\.srt: srt, \d+ turns, \d+ speakers?, \d\d:\d\d:\d\d → notes\/b\.md$/m);
    expect(result.stderr).toMatch(/recordings\/notes\.yaml:1:1 +warning +Skipped: not a transcript/);
    expect(notesIn(join(dir, 'notes'))).toEqual(['a.md', 'b.md']);
  });
});

describe.skipIf(!haveShared)('bad input: a clear message, and nothing written', USES_SHARED, () => {
  test('an unknown format names the known ones', async () => {
    const dir = project();
    const result = await run(['import', join(TRANSCRIPTS, 'docx', 'textreadr-trans7.rtf'), '--into', 'notes', ...SETS], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/textreadr-trans7\.rtf:1:1 +error +.*known formats: webvtt, srt, otter, whisper-json, whisper-txt, whisper-tsv, amberscript, f4, otr, docx, plain/);
    expect(result.stderr).toContain('nothing written');
    expect(existsSync(join(dir, 'notes'))).toBe(false);
  });

  test('--from must be a known format', async () => {
    const result = await run(['import', ZOOM, '--into', 'notes', '--from', 'vtt'], { cwd: project() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`<command line>:1:${`fieldcode import ${ZOOM} --into notes `.length + 1}  error  Unexpected --from \`vtt\`, expected one of \`webvtt\`, \`srt\``);
  });

  test('--set values are checked against fieldcode.yaml, with a did-you-mean', async () => {
    const dir = project();
    const value = await run(['import', ZOOM, '--into', 'notes', '--set', 'group=de-burg', '--set', 'phase=II'], { cwd: dir });
    expect(value.code).toBe(2);
    // Placed at the value of its --set on the command line.
    const at = `fieldcode import ${ZOOM} --into notes --set `.length + 1;
    expect(value.stderr).toContain(`<command line>:1:${at}  error  Unexpected group \`de-burg\` in --set, expected one of \`de-brug\`, \`krachtbron\` (did you mean \`de-brug\`?)  [invalid-option]`);
    const name = await run(['import', ZOOM, '--into', 'notes', '--set', 'grop=de-brug'], { cwd: dir });
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('(did you mean `group`?)');
    expect(existsSync(join(dir, 'notes'))).toBe(false);
  });

  test('a speaker map naming a label the transcript does not use is a positioned error', async () => {
    const dir = project();
    writeFileSync(join(dir, 'speakers.yaml'), 'Srijani Ghosh: { pseudonym: P01 }\nConor Haely: { pseudonym: P02 }\n');
    const result = await run(['import', ZOOM, '--into', 'notes', ...SETS, '--speakers', 'speakers.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^speakers\.yaml:2:1 +error +Unexpected speaker label `Conor Haely`, expected a label used in .*\(did you mean `Conor Healy`\?\) +\[speaker-map-unknown-label\]$/m);
    expect(existsSync(join(dir, 'notes'))).toBe(false);
  });

  test('an existing note is replaced only with --force', async () => {
    const dir = project();
    await run(['import', ZOOM, '--into', 'notes', ...SETS], { cwd: dir });
    const path = join(dir, 'notes', 'gmt20240124-202901-recording-transcript.md');
    const before = readFileSync(path, 'utf8');
    const refused = await run(['import', ZOOM, '--into', 'notes', '--set', 'group=krachtbron', '--set', 'phase=II'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/notes\/gmt20240124-202901-recording-transcript\.md:1:1 +error +Refusing to overwrite an existing note .*\[would-overwrite\]/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    const forced = await run(['import', ZOOM, '--into', 'notes', '--set', 'group=krachtbron', '--set', 'phase=II', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('group: krachtbron');
  });

  test('even with --force, a note that has codings is refused', async () => {
    const dir = project();
    await run(['import', ZOOM, '--into', 'notes', ...SETS], { cwd: dir });
    const note = 'notes/gmt20240124-202901-recording-transcript.md';
    const line = readFileSync(join(dir, note), 'utf8').split('\n').findIndex((l) => l.startsWith('[00:00:00]')) + 1;
    await run(['tag', '--add', 'reciprocity', '--at', `${note}:${line}`], { cwd: dir });
    const coded = readFileSync(join(dir, note), 'utf8');
    expect(coded).toContain('#reciprocity');
    const result = await run(['import', ZOOM, '--into', 'notes', '--set', 'group=krachtbron', '--set', 'phase=II', '--force'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Refusing to replace a note that has 1 inline coding, even with --force.*\[note-has-codings\]/);
    expect(readFileSync(join(dir, note), 'utf8')).toBe(coded);
  });

  test('a folder is all or nothing: one broken file writes no note at all', async () => {
    const dir = project();
    const folder = join(dir, 'recordings');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.vtt'), readFileSync(ZOOM));
    writeFileSync(join(folder, 'b.vtt'), readFileSync(join(TRANSCRIPTS, 'docx', 'qdap-trans1.docx')));
    const result = await run(['import', 'recordings', '--into', 'notes', ...SETS], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/recordings\/b\.vtt:1:1 +error +the file is a zip archive, not a transcript/);
    expect(existsSync(join(dir, 'notes'))).toBe(false);
  });
});

describe('speech that looks like markup stays speech', () => {
  test('no tag, span, stamp or speaker label comes out of the words of a turn', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'talk.srt'), ['1', '00:00:01,000 --> 00:00:02,000', 'Well: #metoo was [big]{#x} for *us*', '', '2', '00:00:03,000 --> 00:00:04,000', '[00:09:09] - 1. <b>no</b> `code`', ''].join('\n'));
    const result = await run(['import', 'talk.srt', '--into', 'notes'], { cwd: dir });
    expect(result.code).toBe(0);
    const checked = await run(['check', '.'], { cwd: dir });
    expect(checked.code).toBe(0);
    const note = loadProject(dir, {}).corpus.notes[0];
    expect(note.codings).toEqual([]);
    expect(note.segments.map((s) => [s.speaker ?? null, s.time])).toEqual([[null, 1], [null, 3]]);
    expect(note.segments[0].text).toBe('Well: #metoo was [big]{#x} for *us*');
  });
});

describe('the existing imports still work', () => {
  test('an indented-list codebook is not mistaken for a plain transcript', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'codes.txt'), 'Working components\n  reciprocity: giving back\n  feedback\nOutcomes\n  confidence\n');
    const result = await run(['import', 'codes.txt', '--into', 'p'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(readdirSync(join(dir, 'p'))).toEqual(['codebook.yaml']);
  });
});

describe('in a terminal, the speakers are asked for', () => {
  test('a name and a pseudonym per label; Enter keeps the label and gives a placeholder', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
    const stdout = new PassThrough();
    let shown = '';
    const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
    // Like process.stderr, the terminal stays open when a prompt finishes (inquirer ends its output pipe).
    stderr.end = (() => stderr) as typeof stderr.end;
    // Each answer is typed once its question is on the screen.
    const script: Array<[string, string]> = [
      ['Name for `Spreker 1`', 'Anna\r'],
      ['Pseudonym for `Anna`', 'P01\r'],
      ['Name for `Spreker 2`', '\r'],
      ['Pseudonym for `Spreker 2`', '\r'],
      ['Name for `Spreker 3`', '\r'],
      ['Pseudonym for `Spreker 3`', '\r'],
    ];
    let asked = 0;
    stderr.on('data', (chunk: Buffer) => {
      shown += chunk.toString();
      // Answer after the prompt has finished drawing, once per question.
      if (asked < script.length && shown.includes(script[asked][0])) {
        const answer = script[asked++][1];
        setImmediate(() => stdin.write(answer));
      }
    });
    const io = { argv: ['import', join(FIXTURES, 'spreker.amberscript.txt'), '--into', 'notes'], env: {}, cwd: dir, stdin, stdout, stderr } as unknown as IO;
    expect(await main(io)).toBe(0);
    expect(asked).toBe(script.length);
    const text = readFileSync(join(dir, 'notes', 'spreker-amberscript.md'), 'utf8');
    expect(text).toContain('participants:\n  Anna: { pseudonym: P01, recorded-as: Spreker 1 }\n  Spreker 2: { pseudonym: spreker-amberscript-P1 }\n  Spreker 3: { pseudonym: spreker-amberscript-P2 }\n---\n');
    expect(text).toContain('[00:00:05] **Anna:** Goedemiddag');
  });
});
