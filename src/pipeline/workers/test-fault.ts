// TEST-ONLY fault injection for the worker tests (test/cache/workers.test.ts):
// FIELDCODE_TEST_WORKER_FAULT=exit:NAME makes the parser worker end its thread
// (as a native crash or an out-of-memory kill would) when it reaches the note
// whose path ends with NAME; throw:NAME makes it throw there. `*` matches
// every note. It is read only inside worker threads, never in the main
// thread, so it cannot change what a normal run reports.
import { isMainThread } from 'node:worker_threads';

const VARIABLE = 'FIELDCODE_TEST_WORKER_FAULT';

export function testFault(shown: string): void {
  const spec = process.env[VARIABLE];
  if (!spec || isMainThread) return;
  const [kind, name] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
  if (name !== '*' && !shown.endsWith(name)) return;
  if (kind === 'exit') process.exit(7);
  if (kind === 'throw') throw new Error(`test fault on ${name}`);
}
