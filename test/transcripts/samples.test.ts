// Every sample in ../shared/transcripts (read in place, never copied: several
// are GPL or carry third-party text, see SOURCES.md) is parsed and checked
// against values counted from the file itself, not from the parser:
//
// - turns: cues/segments/headers counted with `grep -c -- '-->'` (subtitles),
//   `grep -cE '  [0-9:]+ *$'` (Otter headers), `len(json['segments'])`
//   (whisper JSON), or the `Name:` paragraphs of mammoth's raw text (DOCX);
//   then runs of one speaker collapsed by hand (`awk … | uniq`), minus cues
//   whose text is empty (e.g. `webvttpy-missing_caption_text.vtt` cue 3) or
//   whose timing line is unreadable (the `-->`-lines of `w3c-wpt-arrows.vtt`
//   that are ids or broken arrows);
// - speakers: the labels seen by eye / `sort | uniq` on the prefix;
// - first / last: the start time of the first and of the last turn, read off
//   the first timing line and the timing line that opens the last run.
// Where a row needed more than that, a comment says how it was counted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath, HAVE_SHARED, USES_SHARED } from '../helpers/shared.js';
import { parseTranscript, type TranscriptFormat } from '../../src/transcripts/index.js';
import type { RuleId } from '../../src/model/rules.js';

interface Parsed {
  file: string;
  format: TranscriptFormat;
  turns: number;
  speakers: string[];
  first: number | null;
  last: number | null;
}
interface Refused {
  file: string;
  rule: RuleId;
}

const parsed: Parsed[] = [
  // webvtt-voice: `<v Name>` voices, runs by `awk '/-->/{getline t; …<v X>…}' | uniq`.
  { file: 'webvtt-voice/noscribe-interview.vtt', format: 'webvtt', turns: 56, speakers: ['S01', 'S00', '//S02', 'S02', '//S00'], first: 0, last: 737.141 }, // 56 cues, no two in a row by one voice; cue 1 is the speaker-less pause; `<v //S02>` is literally in the file
  { file: 'webvtt-voice/vttjs-cycle-collector-talk.vtt', format: 'webvtt', turns: 3, speakers: ['Kyle Huey', 'Chris Pearce'], first: 0, last: 4 }, // Kyle (cue 1) | Chris (cue 2, line 1) | Kyle from cue 2 line 2 to the end
  { file: 'webvtt-voice/vttjs-voice-not-closed.vtt', format: 'webvtt', turns: 1, speakers: [], first: 0, last: 0 }, // `<v>` names nobody
  { file: 'webvtt-voice/vttjs-voice-with-closing-span.vtt', format: 'webvtt', turns: 1, speakers: ['Joe'], first: 0, last: 0 },
  { file: 'webvtt-voice/vttjs-voice-with-subclass.vtt', format: 'webvtt', turns: 1, speakers: ['Joe'], first: 0, last: 0 },
  { file: 'webvtt-voice/webvttpy-teams_timeframe.vtt', format: 'webvtt', turns: 2, speakers: ['Yuri Bakulin', 'Adrian Petrescu'], first: 0, last: 0.21 }, // `0:0:0.210`
  { file: 'webvtt-voice/zoomstudentengagement-biology_lab_session.vtt', format: 'webvtt', turns: 69, speakers: ['Dr. Chen', 'Student Q', 'Student R', 'Student S', 'Student T'], first: 0, last: 424 }, // 110 cues in 69 runs; last run opens at 00:07:04.000
  // webvtt-zoom
  { file: 'webvtt-zoom/GMT20240124-202901_Recording.transcript.vtt', format: 'webvtt', turns: 26, speakers: ['Srijani Ghosh', 'Conor Healy', 'Dr. Melissa Ko', 'Shreeharsh Kelkar', 'Ryan Sloan'], first: 0.05, last: 695.35 }, // 102 cues; `Name: ` prefixes in 26 runs (one run is the unprefixed `Hmm.`); last run opens 00:11:35.350
  { file: 'webvtt-zoom/GMT20240124-202901_Recording.cc.vtt', format: 'webvtt', turns: 100, speakers: [], first: 68, last: 724 }, // 100 cues, no speakers, so no merging
  // webvtt (generic): no speakers unless noted, so turns = cues with text.
  { file: 'webvtt/astisub-example-in.vtt', format: 'webvtt', turns: 6, speakers: ['MAN'], first: 99, last: 151.4 }, // `MAN:` alone on a line in one cue
  { file: 'webvtt/invalid-webvttpy-invalid_timeframe_in_cue_text.vtt', format: 'webvtt', turns: 3, speakers: [], first: 0.5, last: 11.89 }, // 4 timing lines, the first of the doubled pair has no text
  { file: 'webvtt/subsrt-sample.vtt', format: 'webvtt', turns: 5, speakers: [], first: 1, last: 24 },
  { file: 'webvtt/talkpython-000_introducing_the_show.vtt', format: 'webvtt', turns: 52, speakers: [], first: 0.001, last: 201.04 },
  { file: 'webvtt/vttjs-cue-spacing.vtt', format: 'webvtt', turns: 3, speakers: [], first: 0, last: 6 }, // 4 timing lines, one without text
  { file: 'webvtt/vttjs-header-no-new-line.vtt', format: 'webvtt', turns: 1, speakers: [], first: 11, last: 11 },
  { file: 'webvtt/vttjs-many-comments.vtt', format: 'webvtt', turns: 2, speakers: [], first: 1, last: 5 },
  { file: 'webvtt/vttjs-no-space-cue-times-cue-settings.vtt', format: 'webvtt', turns: 1, speakers: [], first: 0, last: 0 },
  { file: 'webvtt/w3c-wpt-arrows.vtt', format: 'webvtt', turns: 6, speakers: [], first: 0, last: 0 }, // text0..text5; the other `-->` lines are ids or broken arrows
  { file: 'webvtt/w3c-wpt-entities.vtt', format: 'webvtt', turns: 22, speakers: [], first: 0, last: 24 }, // 25 cues, 3 hold only `&nbsp;`/`&lrm;`/`&rlm;`
  { file: 'webvtt/w3c-wpt-ids.vtt', format: 'webvtt', turns: 5, speakers: [], first: 0, last: 0 },
  { file: 'webvtt/w3c-wpt-newlines.vtt', format: 'webvtt', turns: 4, speakers: [], first: 0, last: 0 },
  { file: 'webvtt/w3c-wpt-settings-region.vtt', format: 'webvtt', turns: 9, speakers: [], first: 0, last: 0 },
  { file: 'webvtt/w3c-wpt-stylesheets.vtt', format: 'webvtt', turns: 2, speakers: [], first: 0, last: 0 },
  { file: 'webvtt/w3c-wpt-tags.vtt', format: 'webvtt', turns: 21, speakers: ['a', 'a b', 'e'], first: 8, last: 27 }, // 28 cues; the first 8 hold only a cut tag (`<`, `<<`, `<⇥`, `<`, `< `, `<.`, `<c.`, `</`), so text starts at 00:08; `a<v.d e>b</v>c` splits one cue in two
  { file: 'webvtt/w3c-wpt-whitespace-chars.vtt', format: 'webvtt', turns: 3, speakers: [], first: 0, last: 0 }, // the vertical-tab timing is not WebVTT white space
  { file: 'webvtt/webvttpy-captions_with_bom.vtt', format: 'webvtt', turns: 4, speakers: [], first: 0.5, last: 16.32 },
  { file: 'webvtt/webvttpy-comments.vtt', format: 'webvtt', turns: 3, speakers: [], first: 135, last: 145 },
  { file: 'webvtt/webvttpy-cue_tags.vtt', format: 'webvtt', turns: 3, speakers: [], first: 16.5, last: 20.5 },
  { file: 'webvtt/webvttpy-missing_caption_text.vtt', format: 'webvtt', turns: 4, speakers: [], first: 0.5, last: 21.58 },
  { file: 'webvtt/webvttpy-sample_hls.vtt', format: 'webvtt', turns: 16, speakers: [], first: 3919320.5, last: 3919381.35 }, // 1088:42:00.500
  { file: 'webvtt/webvttpy-styles.vtt', format: 'webvtt', turns: 1, speakers: [], first: 0, last: 0 },
  { file: 'webvtt/webvttpy-using_identifiers.vtt', format: 'webvtt', turns: 6, speakers: [], first: 0.5, last: 23.88 },
  { file: 'webvtt/webvttpy-youtube_dl.vtt', format: 'webvtt', turns: 4, speakers: [], first: 286.07, last: 305.069 },
  { file: 'webvtt/webvttruby-test_carriage_returns.vtt', format: 'webvtt', turns: 15, speakers: [], first: 29, last: 57 }, // CR-only file
  { file: 'webvtt/webvttruby-test_multiple_line_separators.vtt', format: 'webvtt', turns: 2, speakers: [], first: 29, last: 31 },
  // srt: `grep -c -- '-->'` cues, no speakers unless noted.
  { file: 'srt/astisub-example-in-carriage-return.srt', format: 'srt', turns: 3, speakers: [], first: 0, last: 10.733 },
  { file: 'srt/astisub-example-in-html-entities.srt', format: 'srt', turns: 3, speakers: [], first: 0.331, last: 6.331 },
  { file: 'srt/astisub-example-in-styled.srt', format: 'srt', turns: 10, speakers: [], first: 17.985, last: 720 },
  { file: 'srt/astisub-missing-sequence-in.srt', format: 'srt', turns: 6, speakers: ['MAN'], first: 99, last: 151.4 },
  { file: 'srt/cdownsrt-ascii.srt', format: 'srt', turns: 3, speakers: [], first: 27, last: 34.1 },
  { file: 'srt/invalid-webvttpy-invalid_timeframe.srt', format: 'srt', turns: 5, speakers: [], first: 0.5, last: 21.58 }, // `,` and `.` mixed: read leniently
  { file: 'srt/invalid-webvttpy-missing_timeframe.srt', format: 'srt', turns: 4, speakers: [], first: 0.5, last: 21.58 }, // cue 2 has no timing: skipped with a warning
  { file: 'srt/otter-B2+80_otter_ai.srt', format: 'srt', turns: 225, speakers: ['Wangchuk', 'Clare', 'Wanchen', 'Jamyang', 'Unknown', 'Ives'], first: 106.26, last: 11058.42 }, // 484 cues, 225 start with `Name: ` and each is a speaker change (a python loop over the blocks)
  { file: 'srt/otter-Peter_Skilling-zVO_h74WK3M_otter_ai.srt', format: 'srt', turns: 75, speakers: ['Unknown'], first: 123.69, last: 8037 }, // 75 cues; only cue 1 is labelled, so nothing carries
  { file: 'srt/pysrt-bom-utf-16-le.srt', format: 'srt', turns: 7, speakers: [], first: 6.5, last: 43 }, // same cues as pysrt-bom-utf-8.srt
  { file: 'srt/pysrt-bom-utf-32-le.srt', format: 'srt', turns: 7, speakers: [], first: 6.5, last: 43 },
  { file: 'srt/pysrt-bom-utf-8.srt', format: 'srt', turns: 7, speakers: [], first: 6.5, last: 43 },
  { file: 'srt/pysrt-capability_tester.srt', format: 'srt', turns: 37, speakers: [], first: 0, last: 66.501 },
  { file: 'srt/pysrt-no-indexes.srt', format: 'srt', turns: 7, speakers: [], first: 6.5, last: 43 },
  { file: 'srt/pysrt-utf-8.srt', format: 'srt', turns: 1332, speakers: [], first: 1, last: 5839.634 },
  { file: 'srt/pysrt-windows-1252.srt', format: 'srt', turns: 1332, speakers: [], first: 1, last: 5839.634 }, // decoded as Windows-1252: same cues as the UTF-8 copy
  { file: 'srt/srtparser2-2.dot.srt', format: 'srt', turns: 3, speakers: [], first: 0, last: 5.002 },
  { file: 'srt/srtparser2-Welcome-648062.en.srt', format: 'srt', turns: 28, speakers: ['Adam'], first: 0.05, last: 53.07 }, // one `- [Adam]` cue, so nothing carries
  { file: 'srt/srtparser2-single-digit-hour.srt', format: 'srt', turns: 3, speakers: [], first: 3.12, last: 8.219 }, // `We’re here:` is a sentence, not a label
  { file: 'srt/srtparser2-single-digit-timecodes.srt', format: 'srt', turns: 10, speakers: ['Adam'], first: 7.56, last: 27.53 },
  { file: 'srt/subsrt-sample.srt', format: 'srt', turns: 5, speakers: ['ALICE', 'JOHN'], first: 0.599, last: 16.7 }, // ALICE | JOHN | ALICE | [intro music] | unlabelled
  // otter: header lines `Name␠␠M:SS␠␠` counted with grep, runs of one name collapsed except `Unknown Speaker`.
  { file: 'otter/ladybug-40-networking.otter.txt', format: 'otter', turns: 68, speakers: ['Kelly', 'Emma', 'Ali', 'Unknown Speaker'], first: 0, last: 2209 },
  { file: 'otter/ladybug-42-black-lives-matter.otter.txt', format: 'otter', turns: 43, speakers: ['Unknown Speaker', 'Ali'], first: 0, last: 2029 },
  { file: 'otter/ladybug-62-security.otter.txt', format: 'otter', turns: 162, speakers: ['Emma', 'Kelly', 'Unknown Speaker', 'Tailor', 'Sidney'], first: 0, last: 3321 },
  // whisper: segments counted with python `len(d['segments'])`, runs by itertools.groupby on `speaker`.
  { file: 'whisper/flowscribe-Dialogue.json', format: 'whisper-json', turns: 54, speakers: ['SL', 'Durrandir', 'Oswin', 'Glymbar', 'Sherkan', 'Tsa Priestess'], first: 0, last: 350.15 }, // 55 segments in 54 runs
  { file: 'whisper/openfacefx-whisper_verbose.json', format: 'whisper-json', turns: 1, speakers: [], first: 0, last: 0 },
  { file: 'whisper/wct2-diarization-dosparlants.json', format: 'whisper-json', turns: 11, speakers: ['SPEAKER_01', 'SPEAKER_00'], first: 0, last: 32 }, // 14 segments in 11 runs
  { file: 'whisper/wct2-diarization-dosparlants.srt', format: 'srt', turns: 11, speakers: ['SPEAKER_01', 'SPEAKER_00'], first: 0, last: 32 },
  { file: 'whisper/wct2-diarization-dosparlants.tsv', format: 'whisper-tsv', turns: 14, speakers: [], first: 0, last: 32 }, // no speaker column
  { file: 'whisper/wct2-diarization-dosparlants.txt', format: 'whisper-txt', turns: 11, speakers: ['SPEAKER_01', 'SPEAKER_00'], first: null, last: null },
  { file: 'whisper/wct2-max-words-gossos.srt', format: 'srt', turns: 14, speakers: [], first: 1.18, last: 30.56 },
  { file: 'whisper/wct2-max-words-gossos.vtt', format: 'webvtt', turns: 14, speakers: [], first: 1.18, last: 30.56 },
  { file: 'whisper/wct2-vad-gossos.txt', format: 'plain', turns: 1, speakers: [], first: null, last: null }, // one segment per line, no labels, no blank lines: one paragraph
  { file: 'whisper/wct2-word-stamps-gossos.json', format: 'whisper-json', turns: 2, speakers: [], first: 1.18, last: 16 }, // `1.1799999999999993` rounded to ms
  { file: 'whisper/wts-radio_short.mp3.vtt', format: 'webvtt', turns: 13, speakers: [], first: 30.8, last: 114.02 },
  { file: 'whisper/wts-radio_short.mp3.words.json', format: 'whisper-json', turns: 11, speakers: [], first: 30.88, last: 92.28 },
  { file: 'whisper/wts-radio_short.mp3.words.srt', format: 'srt', turns: 232, speakers: [], first: 30.8, last: 120.16 },
  // otr: 6 `<p>`, 2 with text; each opens with a timestamp span.
  { file: 'otr/openpecha-input_otr.otr', format: 'otr', turns: 2, speakers: [], first: 9.484, last: 86.884 },
  // docx: paragraphs of mammoth's raw text; a `Name:` paragraph opens a turn, an unlabelled one continues it, a bracketed one stands alone.
  { file: 'docx/qdap-trans1.docx', format: 'docx', turns: 6, speakers: ['Researcher 2', 'Teacher 4', 'Multiple Students'], first: null, last: null }, // R2 | T4 | [..] | MS | [..] | T4 + the quoted verse
  { file: 'docx/qdap-trans2.docx', format: 'docx', turns: 6, speakers: ['Researcher 2', 'Teacher 4', 'Multiple Students'], first: null, last: null },
  { file: 'docx/qualcoder-ID1.docx', format: 'docx', turns: 3, speakers: [], first: null, last: null }, // 3 paragraphs, no labels
  { file: 'docx/textreadr-Yasmine_Interview_Transcript.docx', format: 'docx', turns: 15, speakers: ['Hassan', 'Abd Rabou'], first: null, last: null }, // 15 `Hassan:`/`Abd Rabou:` paragraphs, alternating
  // plaintext
  { file: 'plaintext/audrownash-2-humanoid-robots.md', format: 'plain', turns: 173, speakers: ['Audrow Nash', 'Melonee Wise'], first: 0, last: 5071 }, // 151 `[hh:mm:ss] **Name:**` lines in runs, plus 22 `##` headings after the first turn (python loop)
  { file: 'plaintext/flowscribe-Dialogue.md', format: 'plain', turns: 65, speakers: ['SL', 'Durrandir', 'Oswin', 'Glymbar', 'Sherkan', 'Tsa Priestess'], first: null, last: null }, // 55 `**Name:**` lines in runs plus 10 headings after the first turn
  { file: 'plaintext/noscribe-interview.txt', format: 'plain', turns: 55, speakers: ['S01', 'S00', 'S02'], first: 12, last: 726 }, // the .vtt's 56 minus the pause, which stands in the header here
  { file: 'plaintext/qualcoder-transcript.txt', format: 'plain', turns: 7, speakers: ['id1', 'id2', 'id3'], first: null, last: null },
  { file: 'plaintext/talkpython-000_introducing_the_show.txt', format: 'plain', turns: 52, speakers: [], first: 0, last: 201 },
  { file: 'plaintext/talkpython-331-developer-in-residence.txt', format: 'plain', turns: 17, speakers: ['Lucas Lange', 'Lucas Lucas Lucas Lucas'], first: 0, last: 1186 }, // 16 unlabelled timed lines before the first label, then all one run (the file labels the host's lines too)
  { file: 'plaintext/zoomgroupstats-meeting001_chat.txt', format: 'plain', turns: 6, speakers: ['Andrew Knight', 'Ringo Starr', 'George Harrison', 'John Lennon', 'Paul McCartney'], first: 1274, last: 2209 },
];

const refused: Refused[] = [
  { file: 'webvtt/invalid-vttjs-bad-double-webvtt.vtt', rule: 'transcript-syntax' }, // `WEBvtt`
  { file: 'webvtt/w3c-wpt-signature-bom.vtt', rule: 'transcript-empty' }, // BOM + `WEBVTT`, nothing else
  { file: 'webvtt-voice/vttjs-voice-no-end-gt.vtt', rule: 'transcript-empty' }, // `<v It's a blue apple tree!` never closes, so all is annotation
  { file: 'srt/cdownsrt-gb2312.srt', rule: 'transcript-encoding' },
  { file: 'docx/qdap-trans4.xlsx', rule: 'transcript-unknown-format' },
  { file: 'docx/qualcoder-ID2.odt', rule: 'transcript-unknown-format' },
  { file: 'docx/textreadr-trans8.odt', rule: 'transcript-unknown-format' },
  { file: 'docx/textreadr-trans7.rtf', rule: 'transcript-unknown-format' },
  { file: 'html/noscribe-interview.html', rule: 'transcript-unknown-format' },
];

// Large conformance suites with hundreds of synthetic cues: checked for shape, not counted by hand.
const bulk = ['webvtt/nodewebvtt-acid.vtt', 'webvtt/webvttpy-netflix_chicas_del_cable.vtt'];

async function parse(file: string) {
  return parseTranscript(file, readFileSync(sharedPath('transcripts', file)));
}

describe.skipIf(!HAVE_SHARED)('transcript samples in ../shared/transcripts', USES_SHARED, () => {
  it.each(parsed)('$file', async (row) => {
    const { transcript, diagnostics } = await parse(row.file);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(transcript).not.toBeNull();
    const t = transcript!;
    expect(t.format).toBe(row.format);
    expect(t.turns.length).toBe(row.turns);
    expect(t.speakers).toEqual(row.speakers);
    expect(t.turns[0].start).toBe(row.first);
    expect(t.turns[t.turns.length - 1].start).toBe(row.last);
    // No markup left (the entities suite spells `&lt;c` on purpose, so it is spared the tag check).
    const leftover = row.file.endsWith('entities.vtt') ? /^\s|\s$/ : /^\s|\s$|<\/?[a-z]/;
    for (const turn of t.turns) expect(turn.text).not.toMatch(leftover);
  });

  it.each([...parsed.map((r) => r.file), ...bulk])('%s: speakers, lines and duration agree with the turns', async (file) => {
    const t = (await parse(file)).transcript!;
    const seen = [...new Set(t.turns.map((turn) => turn.speaker).filter((s): s is string => s !== null))];
    expect(t.speakers).toEqual(seen);
    for (let i = 1; i < t.turns.length; i++) expect(t.turns[i].line).toBeGreaterThanOrEqual(t.turns[i - 1].line);
    for (const turn of t.turns) expect(turn.text.length).toBeGreaterThan(0);
    const times = t.turns.flatMap((turn) => [turn.start, turn.end]).filter((v): v is number => v !== null);
    expect(t.duration).toBe(times.length === 0 ? null : Math.max(...times));
    // No two neighbours share a speaker: they would have been merged (Otter's `Unknown Speaker` excepted).
    for (let i = 1; i < t.turns.length; i++) {
      const [a, b] = [t.turns[i - 1].speaker, t.turns[i].speaker];
      if (a !== null && a === b && !(t.format === 'otter' && a === 'Unknown Speaker')) expect.fail(`turns ${i} and ${i + 1} of ${file} are both ${a}`);
    }
  });

  it.each(refused)('$file is refused with $rule', async (row) => {
    const { transcript, diagnostics } = await parse(row.file);
    expect(transcript).toBeNull();
    expect(diagnostics.map((d) => d.ruleId)).toContain(row.rule);
    for (const d of diagnostics) expect(d.file).toBe(row.file);
  });

  it.each(bulk)('%s parses into turns with times in file order', async (file) => {
    const { transcript } = await parse(file);
    expect(transcript!.turns.length).toBeGreaterThan(500);
    const lines = transcript!.turns.map((t) => t.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  it('covers every sample file in the folder', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const root = sharedPath('transcripts');
    const files = readdirSync(root)
      .filter((d) => statSync(`${root}/${d}`).isDirectory())
      .flatMap((d) => readdirSync(`${root}/${d}`).map((f) => `${d}/${f}`));
    const covered = new Set([...parsed.map((r) => r.file), ...refused.map((r) => r.file), ...bulk]);
    expect(files.filter((f) => !covered.has(f)).sort()).toEqual([]);
  });

  it('reads the same meeting alike in its whisper JSON, SRT and TXT forms', async () => {
    const forms = await Promise.all(['json', 'srt', 'txt'].map((ext) => parse(`whisper/wct2-diarization-dosparlants.${ext}`)));
    const texts = forms.map((f) => f.transcript!.turns.map((t) => [t.speaker, t.text]));
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[2]).toEqual(texts[0]);
  });

  it('takes the recording date from a Zoom file name', async () => {
    expect((await parse('webvtt-zoom/GMT20240124-202901_Recording.transcript.vtt')).transcript!.date).toBe('2024-01-24');
    expect((await parse('webvtt-zoom/GMT20240124-202901_Recording.cc.vtt')).transcript!.date).toBe('2024-01-24');
    expect((await parse('webvtt-voice/noscribe-interview.vtt')).transcript!.date).toBeUndefined();
  });

  it('keeps the DOCX header block as the preamble and reads its date', async () => {
    const yasmine = (await parse('docx/textreadr-Yasmine_Interview_Transcript.docx')).transcript!;
    expect(yasmine.date).toBe('2014-10-16');
    expect(yasmine.preamble).toMatch(/^JRMC2202 Audio Project\n\n[\s\S]*Persons Present:/);
    expect(yasmine.turns[0].text).toMatch(/^Could you please tell me your name/);
    const qdap = (await parse('docx/qdap-trans2.docx')).transcript!;
    expect(qdap.preamble).toBe('Joe Transcribing Company, Only the best since 2011');
    expect(qdap.turns[0]).toMatchObject({ speaker: 'Researcher 2', text: 'October 7, 1892.', line: 3 });
  });
});
