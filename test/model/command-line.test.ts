import { describe, expect, it } from 'vitest';
import { COMMAND_LINE, usageProblem } from '../../src/model/command-line.js';
import { diagnosticsGithub, diagnosticsSarif, diagnosticsText } from '../../src/reporters/diagnostics.js';
import { makeStyle } from '../../src/reporters/style.js';

describe('a problem on the command line', () => {
  const argv = ['report', 'examples/peer-groups', '--where', 'group'];

  it('points at the column where the argument starts in `fieldcode ARGS…`', () => {
    const problem = usageProblem(argv, 'Unexpected `--where group`, expected `VAR=VALUE`', '--where');
    // "fieldcode report examples/peer-groups " is 38 characters: --where starts at 39.
    expect(problem).toMatchObject({ file: COMMAND_LINE, line: 1, column: 39, severity: 'fatal', ruleId: 'invalid-option' });
    expect(usageProblem(['report', '--by=speaker'], 'm', '--by').column).toBe(18);
    expect(usageProblem(argv, 'm', '--nowhere').column).toBe(1);
  });

  it('prints as a positioned line, and without a file location for GitHub and SARIF', () => {
    const problem = usageProblem(argv, 'Unexpected `--where group`', '--where');
    expect(diagnosticsText([problem], makeStyle(0))).toContain('<command line>:1:39  error  Unexpected `--where group`  [invalid-option]');
    expect(diagnosticsGithub([problem])).toBe('::error title=invalid-option::Unexpected `--where group`\n');
    const result = JSON.parse(diagnosticsSarif([problem], '0.0.0')).runs[0].results[0];
    expect(result.locations).toBeUndefined();
    expect(result.message.text).toBe('Unexpected `--where group`');
  });
});
