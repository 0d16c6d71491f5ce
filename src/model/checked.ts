// What a step that can fail on user input returns instead of throwing: the
// value, or the positioned diagnostics that say why there is none. Throwing is
// kept for bugs; a caller decides what a problem means (print it, fold it into
// a report's diagnostics, or stop with the exit code the diagnostics give).
import type { Diagnostic } from '../types.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

export function ok<T>(value: T): Checked<T> {
  return { ok: true, value };
}

export function problems(...diagnostics: Diagnostic[]): { ok: false; diagnostics: Diagnostic[] } {
  return { ok: false, diagnostics };
}
