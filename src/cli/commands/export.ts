// `fieldcode export`: the codebook as a REFI-QDA `.qdc`, or the whole project as
// a `.qdpx`, for ATLAS.ti, NVivo, MAXQDA and QualCoder. See docs/refi-qda.md.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic } from '../../types.js';
import { exportFormat, exportRefi } from '../../export/refi.js';
import { exitCodeFor, load, projectOptions, report, stop, writeFailed, type CliContext, type CommonOptions } from '../context.js';
import { EXIT_PROBLEMS } from '../exit-codes.js';
import { writeFileAtomic } from '../io.js';
import { displayPath } from '../project.js';

const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };

interface ExportOptions extends CommonOptions {
  sets?: boolean;
  offsets?: 'codepoints' | 'utf16';
  user?: string;
  caseVariable?: string;
  cases?: boolean;
  verbose?: boolean;
}

export function registerExport(program: Command, ctx: CliContext): void {
  const command = program
    .command('export')
    .summary('export the codebook (.qdc) or the whole project (.qdpx) in the REFI-QDA exchange format')
    .description(
      [
        'Export for ATLAS.ti, NVivo, MAXQDA and QualCoder (REFI-QDA standard).',
        '',
        '  --format qdc   the codebook: hierarchy, colours, definitions, criteria',
        '  --format qdpx  the project: coders, codebook, variables, cases, note',
        '                 texts and codings',
        '',
        'Note texts are UTF-8 without BOM, LF line ends, tag markup removed.',
        'Selection offsets count Unicode code points, end exclusive. GUIDs and',
        'dates are deterministic: two exports of a project are byte-identical.',
        'The file is written atomically, and not at all when the project has',
        'errors. See docs/refi-qda.md.',
      ].join('\n'),
    )
    .argument('[dir]', 'project folder (default: the current folder)')
    .addOption(new Option('--format <format>', 'qdc (codebook) or qdpx (project); default from the --out extension').choices(['qdc', 'qdpx']))
    .option('-o, --out <path>', 'file to write (required for qdpx; a .qdc goes to stdout without it)')
    .option('--user <name>', 'name of the exporting user (default: the project coder)')
    .option('--case-variable <name>', 'variable whose values become REFI-QDA cases (default: group)')
    .option('--no-cases', 'write no cases, only document variables')
    .option('--sets', 'also write ATLAS.ti-style document groups, one set per variable value ("group: de-brug")')
    .option('--coder <name>', 'export only the codings of this coder')
    .addOption(new Option('--offsets <unit>', 'selection offsets in Unicode code points (the standard) or UTF-16 units (NVivo)').choices(['codepoints', 'utf16']).default('codepoints'))
    .option('-v, --verbose', 'also show informational messages');
  projectOptions(command);
  command.addHelpText('after', '\nExamples:\n  $ fieldcode export --format qdc --out codebook.qdc\n  $ fieldcode export examples/peer-groups --out peer-groups.qdpx');
  command.action((dir: string | undefined, options: ExportOptions) => {
    const cwd = ctx.io.cwd;
    const chosen = exportFormat(ctx.io.argv, options);
    if (!chosen.ok) return stop(ctx, chosen.diagnostics, options);
    const format = chosen.value;

    const project = load(ctx, dir, options);
    if (!project) return;
    const corpus = project.corpus;
    const diagnostics: Diagnostic[] = [...corpus.diagnostics];
    const exported = exportRefi(corpus, format, { ...options, root: project.root, cwd, origin: `fieldcode ${pkg.version}` });
    if (!exported.ok) return stop(ctx, exported.diagnostics, options);
    const { data, summary } = exported.value;
    diagnostics.push(...exported.value.diagnostics);
    report(ctx, diagnostics, options, options.verbose === true);
    if (diagnostics.some((d) => d.severity === 'error')) {
      ctx.io.stderr.write(`fieldcode: nothing exported: fix the errors above first\n`);
      ctx.exitCode = EXIT_PROBLEMS;
      return;
    }
    if (options.out && options.out !== '-') {
      const path = resolve(cwd, options.out);
      try {
        writeFileAtomic(path, data);
      } catch (error) {
        return stop(ctx, [writeFailed(options.out, error)], options);
      }
      if (!options.quiet) ctx.io.stderr.write(`Exported ${summary} to ${displayPath(cwd, path)}\n`);
    } else {
      ctx.io.stdout.write(data as string);
    }
    ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  });
}
