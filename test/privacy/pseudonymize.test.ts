// Issue 15.1: --pseudonymize must never publish a real name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { config, project } from './helpers.js';

const ZOE_NFD = 'Zoe\u0308';

// Annabel is listed (with a pseudonym) and Zoë is listed (without one);
// Karim speaks in bold without being listed. The file name holds Annabel's name.
const LISTED = `---
id: int-07
group: oost
phase: I
method: interview with Annabel
participants:
  Annabel: { pseudonym: P01 }
  Zoë: {}
  Interviewer: { role: interviewer }
---
annabel: I help my neighbour every week. #support

**ANNABEL:** ${ZOE_NFD} brings me soup, and Annabel's sister too. #support

**Karim:** I give feedback to the group when asked. #feedback

**Interviewer:** And you, Zoë? #feedback
`;

// No participants at all: every turn is an unlisted speaker.
const UNLISTED = `---
group: west
phase: II
---
Fenna: Sjoerd always listens to me. #support

Sjoerd: "Fenna," I said, "you helped me first." #feedback
`;

const NAMES = /annabel|fenna|sjoerd|karim|zo[eë]/i;

function leaked(text: string): string[] {
  return [...new Set([text.normalize('NFC'), text.normalize('NFD')].flatMap((t) => [...t.matchAll(new RegExp(NAMES, 'gi'))].map((m) => m[0])))];
}

function hostile(extra = ''): string {
  return project({
    'fieldcode.yaml': config(extra),
    'notes/interview-annabel-jansen.md': LISTED,
    'notes/west.md': UNLISTED,
  });
}

describe('--pseudonymize publishes no real name', () => {
  const dir = hostile();

  for (const format of ['table', 'markdown', 'csv', 'json', 'html']) {
    it(`quotes --format ${format}`, async () => {
      const result = await run(['quotes', dir, '--pseudonymize', '--format', format, '--by', 'group']);
      expect(result.code, result.stderr).toBe(0);
      expect(leaked(result.stdout)).toEqual([]);
      // Every listed or unlisted speaker label got a pseudonym; the interviewer keeps the role.
      expect(result.stdout).toContain('P01');
      expect(result.stdout).toContain('Interviewer');
      // The note named after Annabel is published under its id.
      expect(result.stdout).toContain('int-07');
    });
  }

  for (const format of ['markdown', 'html', 'json']) {
    it(`phase-report --format ${format}`, async () => {
      const out = join(dir, 'reports', `phase.${format}`);
      const result = await run(['phase-report', dir, '--pseudonymize', '--format', format, '--out', out, '--quotes', '9']);
      expect(result.code, result.stderr).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(leaked(text)).toEqual([]);
      expect(text).toContain('int-07');
      // No link leads to the named file.
      expect(text).not.toContain('interview-');
    });
  }

  it('report (frequencies) in every format', async () => {
    const withMethod = hostile('  method: {}\n');
    for (const format of ['table', 'markdown', 'csv', 'json', 'html', 'svg']) {
      const result = await run(['report', withMethod, '--pseudonymize', '--format', format, '--by', 'method']);
      expect(result.code, result.stderr).toBe(0);
      expect(leaked(result.stdout)).toEqual([]);
    }
  });

  it('generated pseudonyms never read like a declared one', async () => {
    const result = await run(['quotes', dir, '--pseudonymize', '--format', 'json']);
    const speakers = new Set<string>();
    for (const section of JSON.parse(result.stdout).sections) for (const group of section.groups) for (const q of group.quotes) if (q.speaker) speakers.add(q.speaker);
    // Annabel is P01; Zoë (P2, mentioned only), Karim, Fenna and Sjoerd get codes, none of them P1.
    expect([...speakers].sort()).toEqual(['Interviewer', 'P01', 'P3', 'P4', 'P5']);
  });

  it('without --pseudonymize, check warns about the unlisted speakers of a declared report', async () => {
    const declared = hostile('reports:\n  - name: quotes\n    kind: quotes\n    out: reports/quotes.md\n');
    const result = await run(['check', declared]);
    expect(result.stderr).toMatch(/notes\/west\.md:5:1 +warning +Unexpected speaker `Fenna`.*\[unpseudonymized-name\]/);
    expect(result.stderr).toMatch(/`Sjoerd`/);
  });
});

describe('a pseudonymised declared report that would still show a name is an error', () => {
  const declarations = `reports:
  - name: leaky
    kind: phase-report
    pseudonymize: true
    title: Interviews with Annabel
    out: reports/leaky.html
  - name: fine
    kind: quotes
    pseudonymize: true
    out: reports/quotes.md
`;

  it('in check', async () => {
    const dir = hostile(declarations);
    const result = await run(['check', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error +Unexpected real name in report `leaky`.*\[pseudonym-leak\]/);
    // The message points at the name's declaration and does not repeat it.
    expect(result.stderr).toMatch(/interview-annabel-jansen\.md:\d+:\d+ +error/);
    expect(result.stderr.split('\n').filter((line) => /pseudonym-leak/.test(line)).join('\n')).not.toMatch(/Unexpected real name[^\n]*Annabel/);
  });

  it('in build, which writes the other reports but not that one', async () => {
    const dir = hostile(declarations);
    const result = await run(['build', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[pseudonym-leak\]/);
    expect(existsSync(join(dir, 'reports', 'leaky.html'))).toBe(false);
    expect(leaked(readFileSync(join(dir, 'reports', 'quotes.md'), 'utf8'))).toEqual([]);
  });

  it('on the command line: --title with a name is refused and nothing is written', async () => {
    const dir = hostile();
    const out = join(dir, 'reports', 'x.md');
    const result = await run(['phase-report', dir, '--pseudonymize', '--title', 'About ANNABEL', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[pseudonym-leak\]/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('names an attacker hides', () => {
  it('a first name of a listed full name, an invisible character inside a name, a name in a heading', async () => {
    const dir = project({
      'notes/n.md': `---
group: g
phase: I
participants:
  Annabel Jansen: { pseudonym: P01 }
---
## Talking to Annabel

**Annabel Jansen:** Jansen is my name, Ann\u200babel my first. #support
`,
    });
    for (const format of ['markdown', 'json', 'html']) {
      const result = await run(['quotes', dir, '--pseudonymize', '--format', format]);
      expect(result.code, result.stderr).toBe(0);
      expect(leaked(result.stdout)).toEqual([]);
      expect(result.stdout).not.toMatch(/jansen/i);
      expect(result.stdout).toContain('P01 is my name, P01 my first.');
    }
  });

  it('a fullwidth name in a code label is refused', async () => {
    const dir = project({
      'codebook.yaml': 'name: c\nversion: "1"\ncodes:\n  - id: support\n    label: "Ａｎｎａｂｅｌ helps"\n',
      'notes/n.md': '---\ngroup: g\nphase: I\nparticipants:\n  Annabel: { pseudonym: P01 }\n---\n**Annabel:** Yes. #support\n',
    });
    const result = await run(['quotes', dir, '--pseudonymize', '--format', 'markdown']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[pseudonym-leak\]/);
    expect(result.stdout).toBe('');
  });
});

describe('a declared pseudonym that is another participant’s real name', () => {
  it('is refused, since readers would take the quote for that person', async () => {
    const dir = project({
      'notes/n.md': '---\ngroup: g\nphase: I\nparticipants:\n  Annabel: { pseudonym: Karim }\n  Karim: { pseudonym: P02 }\n---\n**Annabel:** Yes. #support\n\n**Karim:** No. #support\n',
    });
    const result = await run(['quotes', dir, '--pseudonymize', '--format', 'markdown']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[pseudonym-leak\]/);
    expect(result.stdout).toBe('');
  });

  it('a label that is its own pseudonym is fine', async () => {
    const dir = project({ 'notes/n.md': '---\ngroup: g\nphase: I\nparticipants:\n  P03: { pseudonym: P03 }\n---\n**P03:** Yes. #support\n' });
    const result = await run(['quotes', dir, '--pseudonymize', '--format', 'markdown']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('P03');
  });
});

describe('a value that holds a name, used to select or to name a file', () => {
  const files = (extra = '') => ({
    'fieldcode.yaml': config(extra),
    'notes/a.md': '---\ngroup: annabel-family\nphase: I\nparticipants:\n  Annabel: { pseudonym: P01 }\n---\n**Annabel:** I give feedback. #feedback\n',
  });

  it('out: reports/q-{group}.md is written under the published value, with its quotes', async () => {
    const dir = project(files('reports:\n  - name: q\n    kind: quotes\n    pseudonymize: true\n    out: reports/q-{group}.md\n'));
    const result = await run(['build', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['q-P01-family.md']);
    const text = readFileSync(join(dir, 'reports', 'q-P01-family.md'), 'utf8');
    expect(text).toContain('I give feedback.');
    expect(leaked(text)).toEqual([]);
  });

  it('--where group=annabel-family still selects the note', async () => {
    const dir = project(files());
    for (const command of ['quotes', 'report', 'phase-report']) {
      const result = await run([command, dir, '--pseudonymize', '--where', 'group=annabel-family', '--format', 'json']);
      expect(result.code, `${command}: ${result.stderr}`).toBe(0);
      expect(leaked(result.stdout)).toEqual([]);
      expect(result.stdout, command).toMatch(/"(segments|total)": [1-9]|I give feedback/);
    }
  });
});
