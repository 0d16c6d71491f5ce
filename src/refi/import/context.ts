// What the steps of a REFI-QDA import share: where their diagnostics point,
// and the source record that the steps fill in turn.
import type { Diagnostic, FrontMatterValue } from '../../types.js';
import type { RuleId } from '../../model/rules.js';
import type { XmlElement } from '../xml-read.js';

/** The project.qde being read (diagnostics point into it) and the diagnostics found so far, in order. */
export interface QdeContext {
  file: string;
  diagnostics: Diagnostic[];
}

export function diag(file: string, line: number, column: number, severity: Diagnostic['severity'], message: string, ruleId: RuleId): Diagnostic {
  return { file, line, column, severity, message, ruleId };
}

export function baseName(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.[^.]+$/, '');
}

export type Value = string | number | boolean;

export interface SourceInfo {
  guid: string;
  element: XmlElement;
  name: string;
  text: string;
  values: Map<string, Value>;
  codings: Array<{ start: number; end: number; code: string; coder: string; memo?: string }>;
  /** The note's path, from a fieldcode export's source description. */
  path?: string;
  /** Known from a fieldcode export's source description; otherwise decided from the text. */
  format?: 'markdown' | 'text';
  /** The note's `participants`, carried in the source description by fieldcode. */
  participants?: FrontMatterValue;
}
