// Test configuration. `npm test` must pass on a fresh clone, which has no
// ../shared beside it: tests tagged `shared` are then skipped, and
// test/helpers/shared-reporter.ts prints one line saying how many and why.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const haveShared = existsSync(fileURLToPath(new URL('../shared/', import.meta.url)));

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Many tests spawn the real CLI (node, git, xmllint, tmux, chromium); on a
    // busy 2-core machine one such test can take tens of seconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    tags: [{ name: 'shared', description: 'reads real data, vectors or schemas from ../shared', skip: !haveShared }],
    // .ci/run reads the JSON results for its closing line.
    reporters: ['default', 'json', './test/helpers/shared-reporter.ts'],
    outputFile: { json: 'coverage/test-results.json' },
  },
});
