import type { Command } from 'commander';
import { loadDecisions } from '../decisions.js';
import { createRequire } from 'node:module';
import { outputFormats, outputs, renderOutput } from '../../reporters/outputs.js';
import { declaredReportDiagnostics } from '../../core/build.js';
import { displayPath } from '../project.js';
import { declaredInputKind } from '../inputs.js';
import { emit, exitCodeFor, load, outputOptions, projectOptions, report, type CliContext, type CommonOptions } from '../context.js';

const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

export function registerCheck(program: Command, ctx: CliContext): void {
  const command = program
    .command('check')
    .summary('validate the project file, the codebook and every note')
    .description('Validate the project file, the codebook and every note: unknown codes, missing or invalid variables, unbalanced or crossing spans, empty notes, unreadable or non-UTF-8 files, broken front matter, orphaned standoff codings. Problems are printed as `path:line:column  severity  message  [rule-id]`.')
    .argument('[dir]', 'project folder (or a folder of notes)', '.');
  projectOptions(outputOptions(command, ['text', ...outputFormats(outputs.diagnostics)]));
  command.addHelpText('after', '\nExamples:\n  $ fieldcode check examples/peer-groups\n  $ fieldcode check --format github   # annotations in GitHub Actions\n  $ fieldcode check --format sarif --out fieldcode.sarif   # for GitHub code scanning');
  command.action((dir: string, options: CommonOptions) => {
    const loaded = load(ctx, dir, options, { keepFatal: true });
    const { notes, codings } = loaded.corpus;
    // Declared reports are checked too: a bad declaration, or a name a report would publish without a pseudonym.
    const configPath = loaded.configPath ? displayPath(ctx.io.cwd, loaded.configPath) : undefined;
    // A project file or codebook that stops the run leaves nothing else to check.
    const declared = loaded.project ? declaredReportDiagnostics(loaded.corpus, configPath, declaredInputKind(loaded)) : [];
    // Decisions files (rejected suggestions) beside the notes are data too: a broken one hides rejections.
    const decisions = loaded.project ? loadDecisions(loaded).diagnostics : [];
    const diagnostics = [...loaded.corpus.diagnostics, ...declared, ...decisions];
    const format = options.format ?? 'text';
    const written = format !== 'text' ? emit(ctx, renderOutput(outputs.diagnostics, format, diagnostics, { version: VERSION }), options.out, format) : [];
    if (format === 'text') {
      report(ctx, diagnostics, options, true);
      const errors = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'fatal').length;
      if (errors === 0 && !options.quiet) {
        ctx.io.stderr.write(`${notes.length} ${notes.length === 1 ? 'note' : 'notes'}, ${codings.length} ${codings.length === 1 ? 'coding' : 'codings'}: no errors found\n`);
      }
    }
    ctx.exitCode = exitCodeFor([...diagnostics, ...written], options.strict);
  });
}
