// Parses notes on worker threads while the (synchronous) pipeline waits. The
// main thread blocks on a shared counter (Atomics.wait) and reads replies
// with receiveMessageOnPort, so no caller has to become async. Each worker
// holds one note at a time: when a thread ends, the note it held is the one
// that ended it, and gets a `parse-crashed` diagnostic; a fresh worker takes
// the rest. Results are returned by index, so note order never depends on
// which worker finished first.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ParseTask } from '../parse-note.js';

const WORKER = new URL('./parse-worker.js', import.meta.url);
/** Replacements for workers that ended, beyond the first `jobs`, before the run gives up. */
const EXTRA_SPAWNS = 4;
/** How long one wait lasts before the pool looks again (a safety net; workers wake it). */
const WAIT_MS = 1000;

export type WorkerOutcome = { payload: Uint8Array } | { crash: string };

/** Thrown when workers keep ending before they finish: the run stops (exit 2) with this cause. */
export class WorkerFault extends Error {}

/** Workers run compiled code: from TypeScript sources (the unit tests) the parse stays in this thread. */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  /** [0] is 1 once the thread has ended, [1] its exit code. */
  state: Int32Array;
  ready: boolean;
  /** Sent and not yet answered, in the order sent: a worker parses them in that order, so the first is the one it is on. */
  tasks: Array<ParseTask & { index: number }>;
  ended: boolean;
}

/**
 * Notes in flight per worker. With two, a worker that finishes a note starts
 * the next at once, while this thread reads the answer back and writes the
 * cache entry, instead of waiting for that before it is sent more.
 */
const DEPTH = 2;

export function parseInWorkers(tasks: Array<ParseTask & { index: number }>, jobs: number, settle: (index: number, outcome: WorkerOutcome) => void): void {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const queue = [...tasks].reverse();
  const slots: Slot[] = [];
  let spawns = 0;
  let left = tasks.length;
  const spawn = (): void => {
    spawns += 1;
    const { port1, port2 } = new MessageChannel();
    const state = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(WORKER, { workerData: { port: port2, signal, state }, transferList: [port2] });
    // The exit is seen through `state`; the event would otherwise be an uncaught error later.
    worker.on('error', () => undefined);
    worker.unref();
    slots.push({ worker, port: port1, state, ready: false, tasks: [], ended: false });
  };
  for (let i = 0; i < Math.min(jobs, tasks.length); i += 1) spawn();
  try {
    while (left > 0) {
      const seen = Atomics.load(signal, 0);
      // Answers are settled after every worker has been given more to do.
      const settled: Array<[number, WorkerOutcome]> = [];
      for (const slot of slots) {
        if (slot.ended) continue;
        for (let message = receiveMessageOnPort(slot.port); message; message = receiveMessageOnPort(slot.port)) {
          const reply = message.message as { ready?: boolean; index?: number; payload?: Uint8Array };
          if (reply.ready) slot.ready = true;
          else if (slot.tasks.length > 0 && reply.index === slot.tasks[0].index && reply.payload) {
            settled.push([slot.tasks.shift()!.index, { payload: reply.payload }]);
            left -= 1;
          }
        }
        if (Atomics.load(slot.state, 0) === 1) {
          slot.ended = true;
          slot.port.close();
          const [task, ...unstarted] = slot.tasks;
          slot.tasks = [];
          // Sent but not begun: another worker parses them.
          queue.push(...unstarted.reverse());
          const code = Atomics.load(slot.state, 1);
          // A thread that ends before it is ready failed to start: its note is not to blame.
          if (task && slot.ready) {
            settled.push([task.index, { crash: `the parser worker stopped with exit code ${code}` }]);
            left -= 1;
          } else if (task) queue.push(task);
          // Keep `jobs` threads while notes are left; past the spare spawns, finish on the live ones.
          if (queue.length > 0 && spawns < jobs + EXTRA_SPAWNS) spawn();
          else if (queue.length > 0 && slots.every((other) => other.ended)) {
            throw new WorkerFault(`Cannot parse the notes: the parser workers stopped ${spawns} times (last with exit code ${code}${task ? ` on \`${task.shown}\`` : ''})`);
          }
          continue;
        }
        while (slot.ready && slot.tasks.length < DEPTH && queue.length > 0) {
          const next = queue.pop()!;
          slot.tasks.push(next);
          slot.port.postMessage(next);
        }
      }
      for (const [index, outcome] of settled) settle(index, outcome);
      if (left > 0 && settled.length === 0) Atomics.wait(signal, 0, seen, WAIT_MS);
    }
  } finally {
    for (const slot of slots) {
      slot.port.close();
      void slot.worker.terminate().catch(() => undefined);
    }
  }
}
