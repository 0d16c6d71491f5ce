// The methods appendix (issue 14.2): the sample table equals counts made by
// hand from the example's files, and the appendix is byte-identical for the
// same inputs (no commit unless asked), with every section present.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLE, run, tempTree } from '../helpers/cli.js';
import { formatDecisionLog } from '../../src/reconcile/log.js';

/** Counted without fieldcode: the blank-line-separated blocks of the body that are not headings or thematic breaks, and their words. */
function handCount(path: string): { method: string; group: string; phase: string; segments: number; words: number } {
  const text = readFileSync(path, 'utf8');
  const [, front, body] = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/)!;
  const data = parse(front) as Record<string, string>;
  // A table is one segment per body cell (the header row is not data), not one block.
  const blocks = body
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '' && !/^#{1,6} /.test(b) && !/^(-{3,}|\*{3,})$/.test(b))
    .flatMap((b) => (b.startsWith('|') ? b.split('\n').slice(1).filter((row) => !/^\|[\s:|-]+\|$/.test(row)).flatMap((row) => row.replace(/^\||\|$/g, '').split('|')) : [b]))
    // A list is one segment per item; `- Marco: …` is a turn of Marco.
    .flatMap((b) => (/^[-*] /.test(b) ? b.split(/\n(?=[-*] )/).map((item) => item.replace(/^[-*] /, '').replace(/^\p{Lu}\p{L}*:\s/u, '')) : [b]));
  // The speaker label and the markup are not words of the passage.
  const clean = (b: string) => b.replace(/^\*\*[^*]+:\*\*\s*/, '').replace(/^>\s*/gm, '').replace(/[*_`]/g, '').replace(/#[a-z][\w.-]*/g, '');
  const words = blocks.reduce((sum, b) => sum + (clean(b).match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length, 0);
  return { method: data.method, group: data.group, phase: String(data.phase), segments: blocks.length, words };
}

describe('fieldcode methods on the example', () => {
  it('has a sample table equal to hand counts of the notes', async () => {
    const result = await run(['methods'], { cwd: EXAMPLE });
    expect(result.code).toBe(0);
    const rows = new Map<string, { notes: number; segments: number; words: number }>();
    for (const group of readdirSync(join(EXAMPLE, 'notes'))) {
      for (const file of readdirSync(join(EXAMPLE, 'notes', group))) {
        const c = handCount(join(EXAMPLE, 'notes', group, file));
        const key = `| ${c.method} | ${c.group} | ${c.phase} |`;
        const row = rows.get(key) ?? { notes: 0, segments: 0, words: 0 };
        rows.set(key, { notes: row.notes + 1, segments: row.segments + c.segments, words: row.words + c.words });
      }
    }
    expect(rows.size).toBe(19);
    for (const [key, row] of rows) expect(result.stdout, key).toContain(`${key} ${row.notes} | ${row.segments} | ${row.words} |`);
    const total = [...rows.values()].reduce((t, r) => ({ notes: t.notes + r.notes, segments: t.segments + r.segments, words: t.words + r.words }), { notes: 0, segments: 0, words: 0 });
    expect(result.stdout).toContain(`| total |  |  | ${total.notes} | ${total.segments} | ${total.words} |`);
  });

  it('states coders, agreement, saturation, the codebook hash, the rules, pseudonyms and provenance', async () => {
    const { stdout } = await run(['methods'], { cwd: EXAMPLE });
    for (const heading of ['Sample', 'Coders', 'Agreement', 'Saturation', 'Codebook', 'Counting rules', 'Pseudonyms', 'Provenance']) expect(stdout).toContain(`\n## ${heading}\n`);
    expect(stdout).toContain('1 coder: researcher-a (138 codings in 19 notes).');
    expect(stdout).toContain('One coder coded the corpus: there is no intercoder agreement to report.');
    expect(stdout).toContain('phase I: reached at 4 notes');
    expect(stdout).toContain('not meaning saturation');
    expect(stdout).toMatch(/version 1\.0\.0; content hash sha256:[0-9a-f]{64}/);
    expect(stdout).toContain('  - Reciprocity (`reciprocity`): Participants both receive and give');
    expect(stdout).toContain('A share is coded segments divided by all segments of the cell');
    expect(stdout).toContain('Declared reports published with pseudonyms: quotes-reciprocity');
    expect(stdout).toMatch(/fieldcode \d+\.\d+\.\d+\. Inputs \(notes, codebook, variables\): sha256:[0-9a-f]{64}\./);
    expect(stdout).not.toMatch(/Git commit: [0-9a-f]{40}/);
  });

  it('is byte-identical for the same inputs and changes its inputs hash when a note changes; HTML is escaped', async () => {
    const first = await run(['methods', '--format', 'html'], { cwd: EXAMPLE });
    const second = await run(['methods', '--format', 'html'], { cwd: EXAMPLE });
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toContain('<h2>Sample</h2>');
    const note = '---\nid: a\ngroup: g\nphase: I\nmethod: interview\ndate: 2024-01-01\n---\n\nWe <b>give</b> back & more. #reciprocity\n';
    const a = tempTree({ 'fieldcode.yaml': 'notes: ["*.md"]\ncoder: kim\nvariables:\n  group: {}\n  phase: { ordered: true }\n  method: {}\n', 'a.md': note });
    const b = tempTree({ 'fieldcode.yaml': 'notes: ["*.md"]\ncoder: kim\nvariables:\n  group: {}\n  phase: { ordered: true }\n  method: {}\n', 'a.md': note.replace('more', 'less') });
    const hash = (text: string) => text.match(/Inputs \(notes, codebook, variables\): sha256:([0-9a-f]{64})/)![1];
    const ma = (await run(['methods'], { cwd: a })).stdout;
    expect(hash(ma)).not.toBe(hash((await run(['methods'], { cwd: b })).stdout));
    const html = (await run(['methods', '--format', 'html', '--title', '<i>x</i>'], { cwd: a })).stdout;
    expect(html).toContain('&lt;i&gt;x&lt;/i&gt;');
    expect(html).not.toContain('<i>x</i>');
  });

  it('reports agreement per code and overall, with unit and statistic, when two coders coded the same notes', async () => {
    const text = '---\nid: n1\ngroup: g\nphase: I\nmethod: interview\ndate: 2024-01-01\ncoder: ann\n---\n\nWe give back. #reciprocity\n\nThey told me so. #feedback\n\nNothing here.\n';
    const start = text.indexOf('We give back.');
    // Ben codes the first segment as ann does and leaves the second uncoded.
    const standoff = `fieldcode: standoff/1\nnote: n1.md\ncoder: ben\ncodings:\n  - code: reciprocity\n    start: ${start}\n    end: ${start + 'We give back.'.length}\n    quote: We give back.\n`;
    const dir = tempTree({ 'fieldcode.yaml': 'notes: ["notes/*.md"]\nvariables:\n  group: {}\n  phase: { ordered: true }\n  method: {}\n', 'notes/n1.md': text, 'notes/n1.codings.yaml': standoff });
    const { stdout, stderr } = await run(['methods'], { cwd: dir });
    expect(stderr).not.toMatch(/ error /);
    expect(stdout).toContain('2 coders: ann (2 codings in 1 notes); ben (1 codings in 1 notes).');
    expect(stdout).toContain('Double-coded: 1 of 2 coded segments (50.0%)');
    expect(stdout).toMatch(/Unit: the segment \(3 segments of 1 notes coded by ann, ben\)\. .*Cohen’s κ and Krippendorff’s α \(nominal\)/);
    expect(stdout).toMatch(/\| reciprocity \| 3 \| 100\.0% \|/);
    expect(stdout).toMatch(/\| feedback \| 3 \| 66\.7% \|/);
    expect(stdout).toContain('| all codes |');
    const only = await run(['methods', '--coders', 'ann'], { cwd: dir });
    expect(only.code).toBe(2);
    expect(only.stderr).toContain('expected two or more to compare');
    const unknown = await run(['methods', '--coders', 'ann,cas'], { cwd: dir });
    expect(unknown.stderr).toContain('Unexpected coder `cas` in `coders`, expected one of `ann`, `ben`');
  });

  it('summarises reconcile’s decision log when the project has one, and says so when it has none', async () => {
    const config = 'notes: ["*.md"]\ncoder: kim\n';
    const note = '---\ndate: 2024-01-01\n---\n\nText. #reciprocity\n';
    const none = (await run(['methods'], { cwd: tempTree({ 'fieldcode.yaml': config, 'a.md': note }) })).stdout;
    expect(none).toContain('the project has no `reconcile-log.txt`');
    const log = formatDecisionLog({
      version: 'reconcile-log/1',
      coders: { a: 'anna', b: 'ben' },
      consensus: 'consensus',
      decisions: [
        { when: '2025-01-02T10:00:00Z', who: 'kim', where: 'a.md:5', take: 'a', a: ['reciprocity'], b: [], result: ['reciprocity'], criterion: 'reciprocity.use_when.1 "gives back"' },
        { when: '2025-01-03T10:00:00Z', who: 'kim', where: 'a.md:7', take: 'neither', a: ['feedback'], b: [], result: [] },
      ],
    });
    const withLog = (await run(['methods'], { cwd: tempTree({ 'fieldcode.yaml': config, 'a.md': note, 'reconcile-log.txt': log }) })).stdout;
    expect(withLog).toContain('Disagreements between anna (a) and ben (b) were resolved with `fieldcode reconcile` into the consensus coder consensus: 2 decisions (kept a: 1, kept b: 0, both: 0, neither: 1, edited: 0), 1 citing a codebook criterion, by kim, 2025-01-02 to 2025-01-03; the log is `reconcile-log.txt`.');
    const broken = (await run(['methods'], { cwd: tempTree({ 'fieldcode.yaml': config, 'a.md': note, 'reconcile-log.txt': 'not a log\n' }) })).stdout;
    expect(broken).toContain('The decision log `reconcile-log.txt` could not be read (line 1:');
  });

  it('names the git commit only with --commit', async () => {
    const dir = tempTree({ 'fieldcode.yaml': 'notes: ["*.md"]\n', 'a.md': '---\ndate: 2024-01-01\n---\n\nText.\n' });
    const refused = await run(['methods', '--commit'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Cannot use --commit');
  });
});
