// Prints one line when tests that need ../shared were skipped because it is
// missing, so a green run on a fresh clone says what it did not test.
import type { Reporter, TestModule } from 'vitest/node';
import { HAVE_SHARED } from './shared.js';

export default class SharedReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (HAVE_SHARED) return;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        if (test.tags.includes('shared') && test.result().state === 'skipped') skipped++;
      }
    }
    if (skipped > 0) {
      process.stdout.write(`\n../shared not found: ${skipped} tests that use real data, reference vectors or schemas are skipped\n`);
    }
  }
}
