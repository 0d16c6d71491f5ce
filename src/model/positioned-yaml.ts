// The positioned YAML reader shared by the project file and the codebook: one
// parse (with the alias limit and duplicate-key check of model/yaml.ts), a line
// counter, the first syntax error as a diagnostic, and `at(node, …)` to report
// a problem at any node's line and column.
import { LineCounter, type Document, type Node } from 'yaml';
import type { Diagnostic, RuleId } from '../types.js';
import { parseYamlDocument } from './yaml.js';

export type At = (node: Node | null | undefined, severity: Diagnostic['severity'], message: string, ruleId: RuleId) => void;

export interface PositionedYaml {
  doc: Document;
  counter: LineCounter;
  diagnostics: Diagnostic[];
  at: At;
  /** True when the text is not valid YAML (the first error is in `diagnostics`). */
  broken: boolean;
}

/** Parses `text` of the file shown as `path`; a syntax error becomes `${prefix}: …` under `syntaxRule`. */
export function readPositionedYaml(path: string, text: string, prefix: string, syntaxRule: RuleId): PositionedYaml {
  const counter = new LineCounter();
  const doc = parseYamlDocument(text, counter);
  const diagnostics: Diagnostic[] = [];
  const at: At = (node, severity, message, ruleId) => {
    const pos = counter.linePos(node?.range?.[0] ?? 0);
    diagnostics.push({ file: path, line: pos.line, column: pos.col, severity, message, ruleId });
  };
  for (const error of doc.errors.slice(0, 1)) {
    // Later YAML errors are mostly echoes of the first; one precise message helps more.
    const pos = counter.linePos(error.pos[0]);
    diagnostics.push({ file: path, line: pos.line, column: pos.col, severity: 'error', message: `${prefix}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, ruleId: syntaxRule });
  }
  return { doc, counter, diagnostics, at, broken: doc.errors.length > 0 };
}
