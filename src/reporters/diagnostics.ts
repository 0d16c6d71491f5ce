// Diagnostics for stderr (text), machines (json), GitHub Actions (github) and
// code scanning (sarif).
import type { Log as SarifLog, ReportingDescriptor as SarifReportingDescriptor, Result as SarifResult } from 'sarif';
import type { Diagnostic } from '../types.js';
import { RULES, ruleDocs } from '../model/rules.js';
import type { Style } from './style.js';
import { isCommandLine } from '../model/command-line.js';
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
      // A problem with the command line is in no file of the repository.
      const where = isCommandLine(d) ? '' : `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},`;
      return `::${command} ${where}title=${escapeProperty(d.ruleId)}::${escapeData(d.message)}\n`;
    })
    .join('');
}

export const diagnosticsText = forTerminal(diagnosticsTextUnsafe);

const SARIF_LEVEL = { fatal: 'error', error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * SARIF 2.1.0, the format GitHub code scanning reads: one run of fieldcode,
 * the rules it reported (from the rule table) and one result per diagnostic.
 */
export function diagnosticsSarif(diagnostics: Diagnostic[], version: string): string {
  const sorted = sortDiagnostics(diagnostics);
  const ids = [...new Set(sorted.map((d) => d.ruleId))].sort();
  const rules: SarifReportingDescriptor[] = ids.map((id) => ({
    id,
    shortDescription: { text: RULES[id].summary },
    help: { text: `See ${ruleDocs(id)} in the fieldcode documentation.` },
    defaultConfiguration: { level: SARIF_LEVEL[RULES[id].severity] },
  }));
  const results: SarifResult[] = sorted.map((d) => ({
    ruleId: d.ruleId,
    ruleIndex: ids.indexOf(d.ruleId),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    ...(isCommandLine(d) ? {} : { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(d.file) }, region: { startLine: d.line, startColumn: d.column } } }] }),
  }));
  const log: SarifLog = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'fieldcode', version, rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
