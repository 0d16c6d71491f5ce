import { resolve } from 'node:path';
import type { Command } from 'commander';
import { codebookJson, codebookMarkdown, codebookTree } from '../../reporters/codebook.js';
import { emit, exitCodeFor, outputOptions, report, reportStyle, type CliContext, type CommonOptions } from '../context.js';
import { BUNDLED_CODEBOOK, findConfig, readCodebookFile } from '../project.js';
import { readConfig } from '../../core/config.js';
import { readUtf8 } from '../io.js';
import { dirname } from 'node:path';

export function registerCodebook(program: Command, ctx: CliContext): void {
  const command = program
    .command('codebook')
    .summary('validate a codebook and print it as a tree')
    .description('Validate a codebook and print it as a readable tree with definitions and criteria. Without PATH it uses the project’s codebook, or the bundled working-components codebook.')
    .argument('[path]', 'codebook YAML file')
    .option('--strict', 'exit 1 on warnings too')
    .option('-q, --quiet', 'show no warnings on stderr')
    .option('--color', 'force colour')
    .option('--no-color', 'never use colour');
  outputOptions(command, ['tree', 'markdown', 'json']);
  command.action((path: string | undefined, options: CommonOptions) => {
    const file = path ? resolve(ctx.io.cwd, path) : projectCodebook(ctx.io.cwd) ?? BUNDLED_CODEBOOK;
    const { codebook, diagnostics } = readCodebookFile(ctx.io.cwd, file);
    const format = options.format ?? 'tree';
    const text = format === 'json' ? codebookJson(codebook) : format === 'markdown' ? codebookMarkdown(codebook) : codebookTree(codebook, reportStyle(ctx, options));
    report(ctx, diagnostics, options);
    emit(ctx, text, options.out, options.format);
    ctx.exitCode = exitCodeFor(diagnostics, options.strict);
  });
}

function projectCodebook(cwd: string): string | undefined {
  const configPath = findConfig(cwd);
  if (!configPath) return undefined;
  const file = readUtf8(configPath);
  if ('error' in file) return undefined;
  const { config } = readConfig(configPath, file.text);
  return config.codebook ? resolve(dirname(configPath), config.codebook) : undefined;
}
