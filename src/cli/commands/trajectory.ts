import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { matrixOptions, runMatrix, type MatrixCliOptions } from './matrix.js';

export function registerTrajectory(program: Command, ctx: CliContext): void {
  const command = program
    .command('trajectory')
    .summary('each case across the phases: share per code, change, and quotes')
    .description(
      'Follows each case (a group, a participant with a project-wide id, or the value of a variable) across the phases: per code, its share of the case’s segments in each phase, the change since the previous phase in percentage points, and up to --quotes quotes per phase that show it. Codes never coded for a case are left out.',
    )
    .argument('[dir]', 'project folder', '.');
  matrixOptions(command, 'trajectory');
  command.addHelpText('after', '\nExamples:\n  $ fieldcode trajectory examples/peer-groups --cols reciprocity,feedback\n  $ fieldcode trajectory --rows participant --quotes 1 --format markdown\n\nSee docs/matrix.md.');
  command.action((dir: string, options: MatrixCliOptions) => runMatrix(ctx, 'trajectory', dir, options));
}
