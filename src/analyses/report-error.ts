import type { Diagnostic } from '../types.js';

/** Where a report declaration is written in the project file. */
export interface DeclarationPosition {
  file: string;
  line: number;
  column: number;
}

/**
 * A report that cannot be made as asked. A declared report's error carries its
 * position, so `check` and `build` give the same positioned diagnostic.
 */
export class ReportError extends Error {
  constructor(
    readonly reason: string,
    readonly at?: DeclarationPosition,
  ) {
    super(at ? `${at.file}:${at.line}:${at.column}  ${reason}` : reason);
    this.name = 'ReportError';
  }

  /** The error as a diagnostic of the project file (rule `report-declaration`). */
  diagnostic(fallbackFile: string): Diagnostic {
    const at = this.at ?? { file: fallbackFile, line: 1, column: 1 };
    return { ...at, severity: 'error', message: this.reason, ruleId: 'report-declaration' };
  }
}
