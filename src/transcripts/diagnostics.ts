// Small helpers so every reader reports problems the same way: a positioned
// diagnostic naming the file and line (and the cue, for subtitle formats).
import type { Diagnostic, Severity } from '../types.js';
import type { RuleId } from '../model/rules.js';

export type Report = (line: number, severity: Severity, ruleId: RuleId, message: string) => void;

export function reporter(file: string, into: Diagnostic[]): Report {
  return (line, severity, ruleId, message) => {
    into.push({ file, line: Math.max(1, line), column: 1, severity, ruleId, message });
  };
}

export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
