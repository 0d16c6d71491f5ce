// Step 1 of a .qdpx export: the codings that can be exported: no suggestions,
// only the chosen coder's, on a note of the project, with a code of the codebook.
import type { Coding } from '../../types.js';
import { coderOf, positionOf, type ExportScope } from './scope.js';

export function exportableCodings(scope: ExportScope): Coding[] {
  const { corpus, options, codebook, notesByPath, diagnostics } = scope;
  const codings: Coding[] = [];
  for (const coding of corpus.codings) {
    if (coding.origin === 'suggestion') continue;
    if (options.coder !== undefined && coderOf(coding) !== options.coder) continue;
    const at = positionOf(coding);
    if (!notesByPath.has(coding.note)) {
      diagnostics.push({ file: coding.note, ...at, severity: 'warning', message: `Coding "${coding.code}" is on a note that is not in the project; not exported`, ruleId: 'refi-export-skipped' });
      continue;
    }
    if (!codebook.byId.has(coding.code)) {
      diagnostics.push({ file: coding.note, ...at, severity: 'warning', message: `Code "${coding.code}" is not in the codebook; this coding is not exported`, ruleId: 'refi-export-skipped' });
      continue;
    }
    codings.push(coding);
  }
  if (options.coder !== undefined && codings.length === 0) {
    diagnostics.push({ file: corpus.config.path ?? '.', line: 1, column: 1, severity: 'warning', message: `No codings by coder "${options.coder}" to export`, ruleId: 'refi-export-skipped' });
  }
  return codings;
}
