// Small helpers so every reader reports problems the same way: a positioned
// diagnostic naming the file and line (and the cue, for subtitle formats).
// A hostile or badly broken file could otherwise yield one warning per line,
// so each rule reports at most MAX_PER_RULE times per file, then says so once.
import type { Diagnostic, Severity } from '../types.js';
import type { RuleId } from '../model/rules.js';

export type Report = (line: number, severity: Severity, ruleId: RuleId, message: string) => void;

export const MAX_PER_RULE = 50;

export function reporter(file: string, into: Diagnostic[]): Report {
  const counts = new Map<RuleId, number>();
  return (line, severity, ruleId, message) => {
    const count = (counts.get(ruleId) ?? 0) + 1;
    counts.set(ruleId, count);
    if (count > MAX_PER_RULE + 1) return;
    const text = count > MAX_PER_RULE ? `more problems of this kind follow from here on; only the first ${MAX_PER_RULE} are shown` : message;
    into.push({ file, line: Math.max(1, line), column: 1, severity, ruleId, message: text });
  };
}

export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
