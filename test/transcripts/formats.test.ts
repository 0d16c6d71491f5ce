// Own fixtures (test/fixtures/transcripts/) for what the shared samples lack:
// Teams voices without `</v>`, an SRT with BOM + CRLF + missing blank lines +
// `<i>` + `- Name:`, f4 end-of-turn marks, Otter's two-space header,
// Amberscript `Spreker N`, whisper TSV in ms; and every kind of bad input.
// Expected values are read off the fixture files, which are short enough to
// count by eye.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { detectTranscriptFormat, parseTranscript, MAX_TRANSCRIPT_BYTES, type TranscriptFormat } from '../../src/transcripts/index.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'transcripts');
const bytes = (name: string) => readFileSync(join(FIXTURES, name));
const parseFixture = (name: string, format?: TranscriptFormat) => parseTranscript(`fixtures/${name}`, bytes(name), format);
const parseText = (name: string, text: string, format?: TranscriptFormat) => parseTranscript(name, new TextEncoder().encode(text), format);
const rules = (r: { diagnostics: { ruleId: string }[] }) => r.diagnostics.map((d) => d.ruleId);

describe('transcript formats: own fixtures', () => {
  it('Teams WebVTT: `<v Name>` without `</v>`, unpadded times, one speaker\'s cues merged, cue lines joined', async () => {
    const { transcript, diagnostics } = await parseFixture('teams-missing-close.vtt');
    expect(diagnostics).toEqual([]);
    expect(transcript!.speakers).toEqual(['Anna de Vries', 'Bram Janssen']);
    expect(transcript!.turns).toEqual([
      { speaker: 'Anna de Vries', start: 0, end: 5.5, text: 'Goedemorgen allemaal, fijn dat jullie er zijn. Zullen we beginnen?', line: 3, cue: '1' },
      { speaker: 'Bram Janssen', start: 5.6, end: 9.4, text: 'Ja, prima.', line: 10, cue: '3' },
      { speaker: 'Anna de Vries', start: 64.14, end: 68, text: 'Wie wil er beginnen?', line: 13, cue: '4' },
    ]);
    expect(transcript!.duration).toBe(68);
  });

  it('SRT with BOM, CRLF, a missing blank line, `<i>`/`<b>` and `SPEAKER_00:` / `- Name:` prefixes', async () => {
    const { transcript, diagnostics } = await parseFixture('bom-crlf-nogaps.srt');
    expect(diagnostics).toEqual([]);
    expect(transcript!.turns).toEqual([
      { speaker: 'SPEAKER_00', start: 1, end: 5, text: 'Welcome to the focus group. Shall we start?', line: 1, cue: '1' },
      { speaker: 'Maria', start: 5.2, end: 9.999, text: 'Yes, please. I have a question.', line: 9, cue: '3' },
    ]);
  });

  it('f4: marks at the end of a turn give its end, the previous mark its start; marks leave the text', async () => {
    const { transcript } = await parseFixture('interview.f4.txt');
    expect(transcript!.format).toBe('f4');
    expect(transcript!.turns.map((t) => [t.speaker, t.start, t.end, t.line])).toEqual([
      ['I', null, 6.9, 1],
      ['B', 6.9, 21.5, 3],
      ['I', 21.5, 23.1, 8],
    ]);
    expect(transcript!.turns[1].text).toBe('Das war schwierig, weil - wir keine Wohnung hatten. Also, ich meine, das ging nicht anders.');
  });

  it('Otter TXT: two-space header, bold label, H:MM:SS, footer dropped, `Unknown Speaker` blocks kept apart', async () => {
    const { transcript } = await parseFixture('two-space.otter.txt');
    expect(transcript!.format).toBe('otter');
    expect(transcript!.turns.map((t) => [t.speaker, t.start, t.text])).toEqual([
      ['Anna', 3, 'So the first question is about the neighbourhood.'],
      ['Unknown Speaker', 41, 'I think it changed a lot.'],
      ['Unknown Speaker', 52, 'No, not really.'],
      ['Bram', 3723, 'Let us move on.'],
    ]);
  });

  it('Amberscript: `Spreker N` with a time code before or after, on its own line or inline', async () => {
    const { transcript } = await parseFixture('spreker.amberscript.txt');
    expect(transcript!.format).toBe('amberscript');
    expect(transcript!.speakers).toEqual(['Spreker 1', 'Spreker 2', 'Spreker 3']);
    expect(transcript!.turns.map((t) => [t.speaker, t.start, t.line])).toEqual([
      ['Spreker 1', 5, 1],
      ['Spreker 2', 12, 5],
      ['Spreker 1', 63, 8],
      ['Spreker 3', 80, 10],
    ]);
    expect(transcript!.turns[0].text).toBe('Goedemiddag, welkom bij deze focusgroep. We beginnen zo.');
  });

  it('whisper TSV: integer milliseconds to seconds, no speakers', async () => {
    const { transcript } = await parseFixture('ms.tsv');
    expect(transcript!.turns.map((t) => [t.start, t.end, t.text])).toEqual([
      [0, 2, 'Hola, bon dia.'],
      [2, 4.5, 'Em dic Carme.'],
      [4.5, 10.25, 'Soc de Tarragona.'],
    ]);
    expect(transcript!.speakers).toEqual([]);
  });

  it('whisper JSON: speaker from the words when the segment has none; line of each segment', async () => {
    const json = '{"segments": [\n{"start": 0.5, "end": 1.0, "text": " Hoi", "words": [{"word": "Hoi", "speaker": "SPEAKER_01"}]},\n{"start": 1.0, "end": 2.0, "text": " daar", "speaker": "SPEAKER_00"}\n]}\n';
    const { transcript } = await parseText('x.json', json);
    expect(transcript!.turns.map((t) => [t.speaker, t.text, t.line])).toEqual([
      ['SPEAKER_01', 'Hoi', 2],
      ['SPEAKER_00', 'daar', 3],
    ]);
  });

  it('oTranscribe: paragraphs with their first timestamp; a typed `Name:` is the speaker', async () => {
    const otr = JSON.stringify({ text: '<p><span class="timestamp" data-timestamp="1.5">00:01</span> Anna: Hallo <span class="timestamp" data-timestamp="4.25">00:04</span>allemaal.</p><p><span class="timestamp" data-timestamp="0:38">00:38</span>Bram: Dag.</p><p><br></p>', media: 'a.mp3' });
    const { transcript } = await parseText('fg.otr', otr);
    expect(transcript!.turns.map((t) => [t.speaker, t.start, t.text])).toEqual([
      ['Anna', 1.5, 'Hallo allemaal.'],
      ['Bram', 38, 'Dag.'],
    ]);
  });

  it('plain text: `Name:` turns, unlabelled paragraphs continue the speaker, header before the first turn', async () => {
    const text = 'Focusgroep wijk Noord\nDate: 2024-03-05\n\nAnna: Welkom.\nFijn dat jullie er zijn.\n\nBram: Dank je.\n\nIk wilde nog iets zeggen.\n';
    const { transcript } = await parseText('fg.txt', text);
    expect(transcript!.preamble).toBe('Focusgroep wijk Noord\n\nDate: 2024-03-05');
    expect(transcript!.date).toBe('2024-03-05');
    expect(transcript!.turns.map((t) => [t.speaker, t.text, t.line])).toEqual([
      ['Anna', 'Welkom. Fijn dat jullie er zijn.', 4],
      ['Bram', 'Dank je. Ik wilde nog iets zeggen.', 7],
    ]);
  });

  it('detects each fixture\'s format from extension and content; --from forces one', async () => {
    expect(detectTranscriptFormat('a.vtt', bytes('teams-missing-close.vtt'))).toBe('webvtt');
    expect(detectTranscriptFormat('a.srt', bytes('bom-crlf-nogaps.srt'))).toBe('srt');
    expect(detectTranscriptFormat('a.txt', bytes('bom-crlf-nogaps.srt'))).toBe('srt');
    expect(detectTranscriptFormat('a.txt', bytes('interview.f4.txt'))).toBe('f4');
    expect(detectTranscriptFormat('a.txt', bytes('two-space.otter.txt'))).toBe('otter');
    expect(detectTranscriptFormat('a.txt', bytes('spreker.amberscript.txt'))).toBe('amberscript');
    expect(detectTranscriptFormat('a.tsv', bytes('ms.tsv'))).toBe('whisper-tsv');
    expect(detectTranscriptFormat('a.docx', bytes('not-a-zip.docx'))).toBe('docx');
    expect(detectTranscriptFormat('a.csv', bytes('unknown.csv'))).toBeNull();
    expect(detectTranscriptFormat('a.vtt', zipSync({ 'a.txt': strToU8('x') }))).toBeNull();
    const forced = await parseFixture('ms.tsv', 'plain');
    expect(forced.transcript!.format).toBe('plain');
  });

  it('is deterministic: the same bytes give an identical result', async () => {
    for (const name of readdirSync(FIXTURES).sort()) {
      const a = await parseFixture(name);
      const b = await parseFixture(name);
      expect(JSON.stringify(b), name).toBe(JSON.stringify(a));
    }
  });
});

describe('transcript formats: bad input gives positioned diagnostics, never a throw', () => {
  it('a truncated VTT, SRT or JSON file: error at the line where it stops, no transcript', async () => {
    const vtt = await parseFixture('truncated.vtt');
    expect(vtt.transcript).toBeNull();
    expect(vtt.diagnostics).toMatchObject([{ file: 'fixtures/truncated.vtt', line: 8, severity: 'error', ruleId: 'transcript-truncated' }]);
    expect(vtt.diagnostics[0].message).toContain('cue 2');
    const srt = await parseFixture('truncated.srt');
    expect(srt.diagnostics).toMatchObject([{ line: 5, severity: 'error', ruleId: 'transcript-truncated' }]);
    expect(srt.diagnostics[0].message).toContain('cue 2');
    const json = await parseFixture('truncated.json');
    expect(json.transcript).toBeNull();
    expect(rules(json)).toEqual(['transcript-truncated']);
  });

  it('an unknown format names the known formats', async () => {
    const r = await parseFixture('unknown.csv');
    expect(r.transcript).toBeNull();
    expect(r.diagnostics).toMatchObject([{ file: 'fixtures/unknown.csv', line: 1, severity: 'error', ruleId: 'transcript-unknown-format' }]);
    for (const format of ['webvtt', 'srt', 'otter', 'whisper-json', 'amberscript', 'f4', 'otr', 'docx', 'plain']) expect(r.diagnostics[0].message).toContain(format);
  });

  it('a reversed or overlapping cue is a warning naming the cue; the turns are kept', async () => {
    const r = await parseFixture('reversed-overlap.vtt');
    expect(r.diagnostics).toMatchObject([
      { line: 7, severity: 'warning', ruleId: 'transcript-time-range' },
      { line: 15, severity: 'warning', ruleId: 'transcript-time-range' },
    ]);
    expect(r.diagnostics[0].message).toMatch(/^cue 2: ends at 00:00:05\.000, before it starts at 00:00:06\.000/);
    expect(r.diagnostics[1].message).toMatch(/^cue 4: starts at 00:00:08\.000, before cue 3 of the same speaker ends/);
    expect(r.transcript!.turns.map((t) => t.text)).toEqual(['Hallo.', 'Dit loopt terug.', 'Eerste. Overlapt met cue 3.']);
  });

  const vtt = 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Zoë>Één café\n';
  it('UTF-16 LE/BE with a BOM and Latin-1 are decoded; CRLF and lone CR are line ends', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(vtt, 'utf16le')]);
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(vtt, 'utf16le').swap16()]));
    const latin1 = Buffer.from(vtt.replace(/\n/g, '\r\n'), 'latin1');
    const cr = Buffer.from(vtt.replace(/\n/g, '\r'), 'utf8');
    for (const input of [le, be, latin1, cr]) {
      const r = await parseTranscript('x.vtt', input);
      expect(r.diagnostics).toEqual([]);
      expect(r.transcript!.turns).toEqual([{ speaker: 'Zoë', start: 1, end: 2, text: 'Één café', line: 3, cue: '1' }]);
    }
  });

  it('UTF-32 LE with a BOM is decoded, and UTF-16 LE that starts with U+0000 is not taken for UTF-32', async () => {
    const utf32 = Buffer.alloc((vtt.length + 1) * 4);
    utf32.writeUInt32LE(0xfeff, 0);
    [...vtt].forEach((ch, i) => utf32.writeUInt32LE(ch.codePointAt(0)!, (i + 1) * 4));
    expect((await parseTranscript('x.vtt', utf32)).transcript!.turns[0].text).toBe('Één café');
    const srt = '\u00001\n00:00:01,000 --> 00:00:02,000\nHallo\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(srt, 'utf16le')]);
    const r = await parseTranscript('x.srt', le);
    expect(rules(r)).not.toContain('transcript-encoding');
  });

  it('an encoding that cannot be told with certainty is an error naming it', async () => {
    const noBom = Buffer.from(vtt, 'utf16le');
    const r16 = await parseTranscript('x.vtt', noBom);
    expect(r16.transcript).toBeNull();
    expect(r16.diagnostics).toMatchObject([{ ruleId: 'transcript-encoding', severity: 'error' }]);
    expect(r16.diagnostics[0].message).toContain('UTF-16 LE');
    // GB2312 for 中文字幕 on line 4: runs of high bytes, not Windows-1252 beyond doubt.
    const gb = Buffer.concat([Buffer.from('WEBVTT\n\n00:01.000 --> 00:02.000\n'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xd7, 0xd6, 0xc4, 0xbb, 0x0a])]);
    const rgb = await parseTranscript('x.vtt', gb);
    expect(rgb.diagnostics).toMatchObject([{ ruleId: 'transcript-encoding', line: 4 }]);
    expect(rgb.diagnostics[0].message).toMatch(/GB2312/);
  });

  it('an empty transcript: no bytes, only white space, or a header without cues', async () => {
    for (const input of [new Uint8Array(), Buffer.from(' \n\n\t\n')]) {
      const r = await parseTranscript('x.srt', input);
      expect(rules(r)).toEqual(['transcript-empty']);
    }
    const r = await parseFixture('empty.vtt');
    expect(r.transcript).toBeNull();
    expect(rules(r)).toEqual(['transcript-empty']);
  });

  it('a zip, audio or other binary file renamed .vtt is reported as binary', async () => {
    const zip = await parseTranscript('x.vtt', zipSync({ 'word/document.xml': strToU8('<w:document/>') }));
    expect(zip.diagnostics).toMatchObject([{ ruleId: 'transcript-binary', line: 1 }]);
    expect(zip.diagnostics[0].message).toContain('zip archive');
    const mp3 = await parseTranscript('x.vtt', Buffer.from([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0x21]));
    expect(mp3.diagnostics[0]).toMatchObject({ ruleId: 'transcript-binary' });
    expect(mp3.diagnostics[0].message).toContain('MP3');
    const noise = Buffer.alloc(4096, 0);
    for (let i = 0; i < noise.length; i += 3) noise[i] = 0x41;
    const bin = await parseTranscript('x.vtt', noise);
    expect(bin.transcript).toBeNull();
    expect(bin.diagnostics[0].severity).toBe('error');
  });

  it('a .docx that is not a zip, and one that is cut short', async () => {
    const text = await parseFixture('not-a-zip.docx');
    expect(text.diagnostics).toMatchObject([{ ruleId: 'transcript-docx-not-zip', line: 1, severity: 'error' }]);
    const archive = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    const cut = await parseTranscript('x.docx', archive.subarray(0, archive.length - 10));
    expect(cut.diagnostics).toMatchObject([{ ruleId: 'transcript-truncated', severity: 'error' }]);
    const notWord = await parseTranscript('x.docx', archive);
    expect(notWord.transcript).toBeNull();
    expect(notWord.diagnostics[0].severity).toBe('error');
  });

  it('a file larger than the bound is refused without being read', async () => {
    const r = await parseTranscript('x.vtt', new Uint8Array(MAX_TRANSCRIPT_BYTES + 1));
    expect(rules(r)).toEqual(['transcript-too-large']);
  });

  it('hostile input finishes, with a bounded number of diagnostics', async () => {
    const junk = `WEBVTT\n\n${'-->\n'.repeat(100_000)}${'<'.repeat(100_000)}\n00:01.000 --> 00:02.000\n${'<v '.repeat(50_000)}x\n`;
    const r = await parseText('x.vtt', junk);
    expect(r.diagnostics.length).toBeLessThanOrEqual(60);
    const srt = await parseText('x.srt', `${'1\n'.repeat(100_000)}00:00:01,000 --> 00:00:02,000\n${'a: '.repeat(100_000)}\n`);
    expect(srt.transcript!.turns.length).toBe(1);
  });
});

describe('transcript formats: NUL bytes and binary data', () => {
  it('a NUL inside a caption becomes U+FFFD and the file is read', async () => {
    const r = await parseText('x.vtt', 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Anna>a\u0000b\n\n00:01.000 --> 00:02.000\n<v Anna>tekst met een wat langere zin erachter\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.transcript!.turns[0].text).toBe('a\ufffdb tekst met een wat langere zin erachter');
  });

  it('random bytes that are no text in any encoding are binary, not an encoding problem', async () => {
    // A fixed pseudo-random sequence (xorshift), so the test is the same on every run.
    const noise = new Uint8Array(4096);
    let x = 2463534242;
    for (let i = 0; i < noise.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      noise[i] = x & 0xff;
    }
    const r = await parseTranscript('x.vtt', noise);
    expect(rules(r)).toEqual(['transcript-binary']);
  });
});

describe('WebVTT grammar without ../shared', () => {
  it('skips NOTE, STYLE and REGION blocks, reads cue ids and settings, splits voices within a cue', async () => {
    const text = [
      'WEBVTT - focus group 2',
      'Kind: captions',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'REGION',
      'id:fred width:40%',
      '',
      'NOTE recorded in Teams',
      '',
      'intro',
      '00:00:01.000 --> 00:00:03.000 align:start position:10% region:fred',
      '<v.loud Anna>Welkom!</v>',
      '<v Bram> Dank je.',
      '<i>gelach</i>',
      '',
      'NOTE',
      'a comment',
      'over two lines',
      '',
      '00:04.000 --> 00:05.000',
      '<v Bram>Zullen we?',
    ].join('\n');
    const r = await parseText('x.vtt', text);
    expect(r.diagnostics).toEqual([]);
    expect(r.transcript!.turns).toEqual([
      { speaker: 'Anna', start: 1, end: 3, text: 'Welkom!', line: 12, cue: 'intro' },
      { speaker: 'Bram', start: 1, end: 5, text: 'Dank je. gelach Zullen we?', line: 12, cue: 'intro' },
    ]);
  });

  it('takes `Name:` prefixes as speakers only when the file uses them (Zoom), not for one sentence with a colon', async () => {
    const zoom = 'WEBVTT\n\n1\n00:00:00.050 --> 00:00:01.790\nDr. Ko: Hi!\n\n2\n00:00:02.000 --> 00:00:03.000\nConor Healy: Get this started.\n\n3\n00:00:03.500 --> 00:00:04.000\nHmm.\n\n4\n00:00:04.000 --> 00:00:05.000\nDr. Ko: Yes.\n';
    const z = await parseText('zoom.vtt', zoom);
    expect(z.transcript!.turns.map((t) => [t.speaker, t.text])).toEqual([
      ['Dr. Ko', 'Hi!'],
      ['Conor Healy', 'Get this started.'],
      [null, 'Hmm.'],
      ['Dr. Ko', 'Yes.'],
    ]);
    const film = 'WEBVTT\n\n00:01.000 --> 00:02.000\nAlba, kom hier.\n\n00:02.000 --> 00:03.000\nDigo: "Le doy un abrazo".\n\n00:03.000 --> 00:04.000\nNee.\n\n00:04.000 --> 00:05.000\nWaarom niet?\n';
    expect((await parseText('film.vtt', film)).transcript!.speakers).toEqual([]);
  });

  it('an unreadable timing skips only that cue, with a warning naming it', async () => {
    const r = await parseText('x.vtt', 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nEen.\n\n2\n00:00:02.000 --- 00:00:03.000\nTwee.\n\n3\n00:00:03.000 -> 00:00:04.000\n\n4\n00:00:xx.000 --> 00:00:05.000\nDrie.\n\n5\n00:00:05.000 --> 00:00:06.000\nVier.\n');
    expect(r.transcript!.turns.map((t) => t.text)).toEqual(['Een.', 'Vier.']);
    expect(r.diagnostics.map((d) => [d.line, d.ruleId])).toEqual([
      [7, 'transcript-bad-cue'],
      [11, 'transcript-bad-cue'],
      [15, 'transcript-bad-timing'],
    ]);
    expect(r.diagnostics[2].message).toMatch(/^cue 4: cannot read the timing/);
  });
});

describe('SRT grammar without ../shared', () => {
  it('reads cues without indexes, with `.` fractions, unpadded and fraction-less times and trailing coordinates', async () => {
    const text = '00:00:01.5 --> 00:00:02,25\nEen.\n\n7\n0:0:3,000 --> 0:0:4 X1:40 X2:600 Y1:20 Y2:50\n{\\an8}<font color="#00ff00">Twee</font> &amp; drie.\n';
    const r = await parseText('x.srt', text);
    expect(r.diagnostics).toEqual([]);
    expect(r.transcript!.turns).toEqual([
      { speaker: null, start: 1.5, end: 2.25, text: 'Een.', line: 1, cue: '1' },
      { speaker: null, start: 3, end: 4, text: 'Twee & drie.', line: 4, cue: '7' },
    ]);
  });

  it('an unlabelled cue continues the speaker when the file labels cues (Otter), until a non-speech cue', async () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nAnna: Ik begin.\n\n2\n00:00:02,000 --> 00:00:03,000\nen ga verder.\n\n3\n00:00:03,000 --> 00:00:04,000\nBram: Ik ook.\n\n4\n00:00:04,000 --> 00:00:05,000\n[muziek]\n\n5\n00:00:05,000 --> 00:00:06,000\nwie zegt dit?\n\n6\n00:00:06,000 --> 00:00:07,000\nAnna: Ik weer.\n';
    const r = await parseText('x.srt', text);
    expect(r.transcript!.turns.map((t) => [t.speaker, t.text])).toEqual([
      ['Anna', 'Ik begin. en ga verder.'],
      ['Bram', 'Ik ook.'],
      [null, '[muziek]'],
      [null, 'wie zegt dit?'],
      ['Anna', 'Ik weer.'],
    ]);
  });

  it('a cue number without a timing line is skipped with a warning at its line', async () => {
    const r = await parseText('x.srt', '1\n00:00:01,000 --> 00:00:02,000\nEen.\n\n2\nTwee.\n\n3\n00:00:03,000 --> 00:00:04,000\nDrie.\n');
    expect(r.transcript!.turns.map((t) => t.text)).toEqual(['Een.', 'Drie.']);
    expect(r.diagnostics).toMatchObject([{ line: 5, severity: 'warning', ruleId: 'transcript-bad-cue' }]);
    expect(r.diagnostics[0].message).toMatch(/^cue 2 has no timing line/);
  });
});
