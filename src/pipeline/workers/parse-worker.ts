// A parser worker: parses the notes the pool sends, one at a time, and
// answers with the v8-serialized result (the bytes the cache stores). The
// pool waits synchronously (the pipeline is synchronous), so every message
// and the thread's end also bump a shared counter that wakes it.
import { workerData, type MessagePort } from 'node:worker_threads';
import { serializeParse } from '../cache/entry.js';
import { crashedNote, parseNoteSafely, type ParseTask } from '../parse-note.js';
import { testFault } from './test-fault.js';

const { port, signal, state } = workerData as { port: MessagePort; signal: Int32Array; state: Int32Array };

function wake(): void {
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

// Runs on process.exit, an uncaught error and a normal end alike: the pool
// learns that this thread is gone, and with which code, without an event loop.
process.on('exit', (code) => {
  Atomics.store(state, 1, code);
  Atomics.store(state, 0, 1);
  wake();
});

port.on('message', (task: ParseTask & { index: number }) => {
  let result;
  try {
    testFault(task.shown);
    result = parseNoteSafely(task);
  } catch (error) {
    result = crashedNote(task, error instanceof Error ? error.message : String(error));
  }
  port.postMessage({ index: task.index, payload: serializeParse(result) });
  wake();
});
port.postMessage({ ready: true });
wake();
