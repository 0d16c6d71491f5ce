// Worker threads for cold parses (issue 10, item 2): the same bytes with one
// thread or several, in note order; a worker failing on a note is a
// positioned diagnostic on that note, workers that keep failing are a clean
// exit 2, and nothing hangs. FIELDCODE_WORKER_THRESHOLD=0 makes a small
// corpus use workers; FIELDCODE_TEST_WORKER_FAULT (test-only, read inside
// workers alone) makes a worker throw or end on a named note.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { corpus } from './corpus.js';
import { entries, outputs, runIn } from './helpers.js';

const WORKERS = { FIELDCODE_WORKER_THRESHOLD: '0' };

describe('worker threads', { timeout: 300_000 }, () => {
  const dir = corpus(60);

  test('--jobs 1 and --jobs 2 give byte-identical reports, quotes and diagnostics', () => {
    const one = outputs(dir, ['--no-cache', '--jobs', '1'], WORKERS);
    const two = outputs(dir, ['--no-cache', '--jobs', '2'], WORKERS);
    expect(two).toBe(one);
    // Filled by workers, read back by the main thread: the same again.
    const cache = join(tempDir(), 'cache');
    expect(outputs(dir, ['--cache-dir', cache, '--jobs', '2'], WORKERS)).toBe(one);
    expect(entries(cache)).toHaveLength(60);
    expect(outputs(dir, ['--cache-dir', cache, '--jobs', '2'], WORKERS)).toBe(one);
  });

  test('a worker that throws on a note: a parse-crashed error on that note, the rest read, exit 1', () => {
    const result = runIn(dir, ['check', '--no-cache', '--jobs', '2'], { ...WORKERS, FIELDCODE_TEST_WORKER_FAULT: 'throw:note-0007.md' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("notes/note-0007.md:1:1  error  Cannot read this note: fieldcode's parser failed on it (test fault on note-0007.md); the note is left out.");
    expect(result.stderr).toContain('[parse-crashed]');
    expect(result.stderr.match(/parse-crashed/g)).toHaveLength(1);
    // The hook lives in the workers only: in the main thread the note is read.
    expect(runIn(dir, ['check', '--no-cache', '--jobs', '1'], { ...WORKERS, FIELDCODE_TEST_WORKER_FAULT: 'throw:note-0007.md' }).code).toBe(0);
  });

  test('a worker whose thread ends on a note: an error on that note, a fresh worker reads the rest', () => {
    const reference = runIn(dir, ['report', '--format', 'json', '--no-cache', '--jobs', '1']);
    const cache = join(tempDir(), 'cache');
    const result = runIn(dir, ['report', '--format', 'json', '--cache-dir', cache, '--jobs', '2'], { ...WORKERS, FIELDCODE_TEST_WORKER_FAULT: 'exit:note-0011.md' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("notes/note-0011.md:1:1  error  Cannot read this note: fieldcode's parser failed on it (the parser worker stopped with exit code 7)");
    // The note is counted as unread (no segments, no codings).
    expect(JSON.parse(result.stdout).totals.segments).toBeLessThan(JSON.parse(reference.stdout).totals.segments);
    // The failed parse was not cached: the next run reads the note and reports it all.
    expect(entries(cache)).toHaveLength(59);
    expect(runIn(dir, ['report', '--format', 'json', '--cache-dir', cache, '--jobs', '2'], WORKERS)).toEqual(reference);
  });

  test('workers that end on every note: exit 2 with the cause, no stack trace, no hang', () => {
    const result = runIn(dir, ['report', '--no-cache', '--jobs', '2'], { ...WORKERS, FIELDCODE_TEST_WORKER_FAULT: 'exit:*' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^\.:1:1  error  Cannot parse the notes: the parser workers stopped 6 times \(last with exit code 7 on `notes\/note-\d{4}\.md`\)  \[workers-failed\]\n\n1 error\n$/);
    expect(result.stderr).not.toContain('    at ');
    expect(result.stdout).toBe('');
  });

  test('below the threshold (the default 4 MiB of text) the notes are parsed in the main thread', () => {
    // The fault hook works only in a worker: no diagnostic means no worker ran.
    expect(runIn(dir, ['check', '--no-cache', '--jobs', '2'], { FIELDCODE_TEST_WORKER_FAULT: 'throw:*' }).code).toBe(0);
  });
});
