// Diagnostics for stderr (text), machines (json) and GitHub Actions (github).
import type { Diagnostic } from '../types.js';
import type { Style } from './style.js';
import { forTerminal } from './terminal.js';

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** `path:line:column  severity  message  [rule-id]`, one per line, then a summary. */
function diagnosticsTextUnsafe(diagnostics: Diagnostic[], style: Style): string {
  if (diagnostics.length === 0) return '';
  const lines = sortDiagnostics(diagnostics).map((d) => {
    // A fatal diagnostic reads as an error; it differs only in the exit code (2).
    const severity = d.severity === 'error' || d.severity === 'fatal' ? style.red('error') : d.severity === 'warning' ? style.yellow('warning') : style.dim('info');
    return `${d.file}:${d.line}:${d.column}  ${severity}  ${d.message}  ${style.dim(`[${d.ruleId}]`)}`;
  });
  const errors = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'fatal').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const parts = [];
  if (errors) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  if (parts.length) lines.push('', parts.join(', '));
  return `${lines.join('\n')}\n`;
}

export function diagnosticsJson(diagnostics: Diagnostic[]): string {
  const rows = sortDiagnostics(diagnostics).map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    message: d.message,
    ruleId: d.ruleId,
  }));
  return `${JSON.stringify({ fieldcode: 'diagnostics/1', diagnostics: rows }, null, 2)}\n`;
}

/** GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`. */
export function diagnosticsGithub(diagnostics: Diagnostic[]): string {
  const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return sortDiagnostics(diagnostics)
    .map((d) => {
      const command = d.severity === 'error' || d.severity === 'fatal' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      return `::${command} file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.ruleId)}::${escapeData(d.message)}\n`;
    })
    .join('');
}

export const diagnosticsText = forTerminal(diagnosticsTextUnsafe);
