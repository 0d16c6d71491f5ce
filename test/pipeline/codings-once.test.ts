// A coding exists once: the corpus's list of codings holds the very objects
// its notes hold (plus the standoff ones), not copies, whether the notes were
// parsed here, read from the cache or parsed on workers.
import { describe, expect, it } from 'vitest';
// The built modules (npm test runs tsc first): worker threads run dist/'s parse worker.
import { runPipeline } from '../../dist/pipeline/run.js';
import { workingTreeSource } from '../../dist/pipeline/sources/working-tree.js';
import { ParseCache } from '../../dist/pipeline/cache/store.js';
import { workersAvailable } from '../../dist/pipeline/workers/pool.js';
import { copyToTemp, EXAMPLE, tempDir } from '../helpers/cli.js';

describe('codings', () => {
  const cacheDir = tempDir();
  const project = copyToTemp(EXAMPLE);
  const paths = [
    ['parsed in this thread', {}],
    ['read from the cache (second run)', { cache: true }],
    ['parsed on workers', { jobs: 2, workerThreshold: 0 }],
  ] as const;

  it.each(paths)('are one object each in the note and in the corpus when %s', (_label, how) => {
    const parse = () => ({ ...('jobs' in how ? { jobs: how.jobs, workerThreshold: how.workerThreshold } : { jobs: 1 }), ...('cache' in how ? { cache: new ParseCache({ dir: cacheDir }) } : {}) });
    if ('cache' in how) runPipeline(workingTreeSource(project, { cwd: project }), { parsing: parse() });
    const { corpus } = runPipeline(workingTreeSource(project, { cwd: project }), { parsing: parse() });
    const inline = corpus.codings.filter((c) => c.origin === 'inline-tag' || c.origin === 'inline-span');
    const inNotes = corpus.notes.flatMap((note) => note.codings);
    if ('jobs' in how) expect(workersAvailable()).toBe(true);
    expect(inline.length).toBeGreaterThan(10);
    expect(inline.length).toBe(inNotes.length);
    inline.forEach((coding, i) => expect(coding).toBe(inNotes[i]));
  });
});
