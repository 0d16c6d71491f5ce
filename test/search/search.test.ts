// `fieldcode search`: hits on the example project checked against a count by
// hand (grep -rnio "food bank" notes), filters, RE2 patterns, escaping.
import { describe, expect, test } from 'vitest';
import { EXAMPLE, run, tempTree } from '../helpers/cli.js';

interface Hit {
  note: string;
  line: number;
  column: number;
  segment: string;
  speaker: string | null;
  variables: Record<string, string>;
  codes: string[];
  match: string;
  context: { before: Array<{ line: number; speaker: string | null; text: string }>; after: Array<{ line: number; speaker: string | null; text: string }> };
}

async function hits(args: string[]): Promise<Hit[]> {
  const result = await run(['search', ...args, EXAMPLE, '--format', 'json'], { cwd: EXAMPLE });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).hits as Hit[];
}

const where = (list: Hit[]): string[] => list.map((hit) => `${hit.note}:${hit.line}`);

// Counted by hand in examples/peer-groups/notes: every "food bank", case-insensitive, one per occurrence.
const FOOD_BANK = [
  'notes/de-brug/I-focus-group.md:28',
  'notes/samen-sterk/II-focus-group.md:49',
  'notes/samen-sterk/II-focus-group.md:65',
  'notes/samen-sterk/II-observation.md:43',
  'notes/samen-sterk/II-observation.md:53',
  'notes/samen-sterk/III-focus-group.md:36',
  'notes/samen-sterk/III-focus-group.md:44',
  'notes/samen-sterk/III-focus-group.md:46',
  'notes/samen-sterk/III-focus-group.md:46',
  'notes/samen-sterk/III-interview.md:24',
];

describe('fieldcode search on the example project', () => {
  test('finds every "food bank" counted by hand, at the right path:line', async () => {
    const found = await hits(['food bank']);
    expect(where(found)).toEqual(FOOD_BANK);
    expect(found.every((hit) => hit.match.toLowerCase() === 'food bank')).toBe(true);
  });

  test('each hit has its speaker, variables, codes and a segment id a memo can name', async () => {
    const [hit] = (await hits(['give back'])).filter((h) => h.line === 65);
    expect(hit).toMatchObject({
      note: 'notes/samen-sterk/II-focus-group.md',
      line: 65,
      speaker: 'Nadia',
      variables: { group: 'samen-sterk', phase: 'II', method: 'focus-group', leadership: 'self-organised' },
      codes: ['reciprocity'],
      match: 'give back',
    });
    expect(hit.segment).toMatch(/^notes\/samen-sterk\/II-focus-group\.md#[0-9a-f]{8}$/);
  });

  test('--code keeps coded passages, --uncoded the others, --where the notes', async () => {
    expect(where(await hits(['food bank', '--code', 'reciprocity']))).toEqual(['notes/samen-sterk/II-focus-group.md:65', 'notes/samen-sterk/III-interview.md:24']);
    expect(where(await hits(['food bank', '--uncoded']))).toEqual(['notes/de-brug/I-focus-group.md:28', 'notes/samen-sterk/II-observation.md:53']);
    expect(where(await hits(['food bank', '--where', 'phase=III']))).toEqual(FOOD_BANK.filter((h) => h.includes('/III-')));
  });

  test('--fold finds Dutch words written with or without diacritics; plain search does not', async () => {
    expect(where(await hits(['clienten', '--fold']))).toEqual(['notes/krachtbron/I-observation.md:23']);
    expect(await hits(['clienten'])).toEqual([]);
    expect(where(await hits(['cliënten']))).toEqual(['notes/krachtbron/I-observation.md:23']);
  });

  test('--regex runs an RE2 pattern; --context shows the turns around each hit', async () => {
    const regex = await hits(['--regex', 'food ?banks?', '--where', 'group=de-brug']);
    expect(where(regex)).toEqual(['notes/de-brug/I-focus-group.md:28']);
    const [hit] = await hits(['give back', '--where', 'phase=II', '--context', '1']);
    expect(hit.context.before).toEqual([{ line: 63, speaker: 'Tineke', text: expect.stringContaining("You're someone who does something") }]);
    expect(hit.context.after.map((t) => [t.line, t.speaker])).toEqual([[67, 'Ruben']]);
  });

  test('text output: path:line, speaker, variables, codes and the match marked in its context', async () => {
    const result = await run(['search', 'give back', EXAMPLE, '--where', 'phase=II'], { cwd: EXAMPLE });
    expect(result.stdout).toBe(
      'notes/samen-sterk/II-focus-group.md:65  Nadia  group=samen-sterk phase=II method=focus-group leadership=self-organised  #reciprocity\n' +
        '  Because you can »give back«. At the food bank you only receive. Here I sew t…\n\n1 hit in 1 segment of 1 note.\n',
    );
  });
});

describe('bad patterns and flags', () => {
  test('an invalid --regex is refused with the engine’s message and exit 2', async () => {
    const result = await run(['search', '--regex', '(a+', EXAMPLE]);
    expect(result.code).toBe(2);
    // Placed at the pattern as typed: `fieldcode search --regex ` is 25 characters.
    expect(result.stderr).toMatch(/^<command line>:1:26  error  Unexpected --regex pattern `\(a\+`: error parsing regexp: missing closing \).*  \[invalid-option\]\n/);
    const lookbehind = await run(['search', '--regex', '(?<=a)b', EXAMPLE]);
    expect(lookbehind.code).toBe(2);
    expect(lookbehind.stderr).toContain('Unexpected --regex pattern `(?<=a)b`: error parsing regexp');
  });

  test('a pattern with no words is refused at the pattern, exit 2', async () => {
    const result = await run(['search', '  ', EXAMPLE]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('<command line>:1:18  error  Unexpected pattern `  `: the pattern has no words  [invalid-option]\n\n1 error\n');
  });

  test('flags that cannot go together, or a --context out of range, are placed at the flag', async () => {
    const result = await run(['search', 'give', EXAMPLE, '--context', '2000', '--uncoded', '--code', 'feedback', '--by', 'group']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    const at = (flag: string): number => `fieldcode search give ${EXAMPLE} --context 2000 --uncoded --code feedback --by group`.indexOf(` ${flag}`) + 2;
    expect(result.stderr).toBe(
      [
        `<command line>:1:${at('--context')}  error  Unexpected \`--context 2000\`, expected a whole number of speaker turns from 0 to 1000  [invalid-option]`,
        `<command line>:1:${at('--uncoded')}  error  Unexpected --uncoded together with --code, expected one of them  [invalid-option]`,
        `<command line>:1:${at('--by')}  error  Unexpected \`--by\` for search, expected \`--where\` to choose notes  [invalid-option]`,
        '',
        '3 errors',
        '',
      ].join('\n'),
    );
  });

  test('a pattern that backtracks exponentially elsewhere runs in linear time on RE2', async () => {
    const dir = tempTree({ 'notes/a.md': `---\ngroup: x\n---\n${'a'.repeat(50_000)}!\n` });
    const result = await run(['search', '--regex', '(a+)+$', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('0 hits in 0 segments of 0 notes.\n');
  });

  test('bad flag values exit 2', async () => {
    for (const args of [['--context', 'two'], ['--context', '-1'], ['--uncoded', '--code', 'feedback'], ['--code', 'nope'], ['--where', 'phase=IV'], ['--format', 'xml']]) {
      const result = await run(['search', 'food', EXAMPLE, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
    }
  });
});

describe('escaping', () => {
  // Entities and backslash escapes read as the characters themselves, which the outputs must then escape.
  const dir = tempTree({ 'notes/a.md': '---\ngroup: x\n---\nThe &lt;script&gt;alert(1)&lt;/script&gt; word \u001b]0;pwned\u0007 here | and \\*star\\*.\n' });

  test('controls never reach a terminal; Markdown stays text', async () => {
    const tty = await run(['search', 'word', dir], { tty: true });
    expect(tty.stdout).not.toContain('\u001b]');
    expect(tty.stdout).toContain('\\x1b]0;pwned');
    const markdown = await run(['search', 'word', dir, '--format', 'markdown']);
    expect(markdown.stdout).toContain('\\<script\\>');
    expect(markdown.stdout).not.toContain('<script>');
    expect(markdown.stdout).toContain('\\| and \\*star\\*');
  });

  test('CSV cells cannot run as formulas', async () => {
    const formula = tempTree({ 'notes/a.md': '---\ngroup: x\n---\n=HYPERLINK("x") word\n' });
    const csv = await run(['search', 'word', formula, '--format', 'csv']);
    expect(csv.stdout.split('\n')[1]).toContain(`"'=HYPERLINK(""x"") "`);
  });
});
