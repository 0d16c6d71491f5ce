import type { Command } from 'commander';
import type { Diagnostic } from '../../types.js';
import { hint } from '../../core/did-you-mean.js';
import { suggest } from '../../core/suggest.js';
import { segmentAtLine } from '../../core/write-inline.js';
import { outputFormats, outputs, renderOutput } from '../../reporters/outputs.js';
import { emit, exitCodeFor, load, outputOptions, parseFilters, projectOptions, report, reportStyle, halted, stop, type CliContext, type CommonOptions } from '../context.js';
import { loadDecisions, markRejected, recordRejection, rejectedKey, today } from '../decisions.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { ok, problems, type Checked } from '../../model/checked.js';
import { usageProblem } from '../../model/command-line.js';
import { DEFAULT_CODER } from '../project.js';
import { selectFiles } from '../tag-run.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

interface SuggestOptions extends CommonOptions {
  reject?: string;
  all?: boolean;
}

export function registerSuggest(program: Command, ctx: CliContext): void {
  const command = program
    .command('suggest')
    .summary('where codebook keywords or patterns match but the code is not applied')
    .description(
      'List places where a code’s keywords or patterns match a segment that does not carry that code yet, with the matched words. Suggestions are for the researcher to confirm; report and quotes never count them.\n\nA suggestion you reviewed and rejected (`--reject PATH:LINE --code ID`, or unchecked in `fieldcode tag`) is recorded in a decisions file beside the note (`notes/a.md` → `notes/a.decisions.yaml`) and not listed again for that passage and code, even after edits elsewhere in the note; `--all` lists it, marked rejected.',
    )
    .argument('[dir]', 'project folder (or a folder of notes)', '.')
    .option('--where <var=value>', 'keep notes where VAR equals VALUE (repeatable)', collect)
    .option('--code <id>', 'only this code and its descendants (repeatable); with --reject, the code to reject', collect)
    .option('--reject <path:line>', 'record the suggestion of --code for the segment at this line of this note as reviewed and rejected')
    .option('--all', 'also list rejected suggestions, marked rejected');
  projectOptions(outputOptions(command, outputFormats(outputs.suggestions)));
  command.addHelpText(
    'after',
    '\nExamples:\n  $ fieldcode suggest examples/peer-groups --code reciprocity\n  $ fieldcode suggest --reject notes/de-brug/I-observation.md:51 --code reciprocity\n  $ fieldcode suggest --all --format json\n  $ fieldcode tag --accept-suggestions --code reciprocity --dry-run',
  );
  command.action((dir: string, options: SuggestOptions) => {
    if (options.reject !== undefined) {
      ctx.exitCode = rejectSuggestions(ctx, options);
      return;
    }
    const loaded = load(ctx, dir, options);
    if (!loaded) return;
    const { corpus } = loaded;
    const checked = parseFilters(ctx.io.argv, options, corpus);
    if (!checked.ok) return stop(ctx, checked.diagnostics, options);
    const filters = checked.value;
    const decisions = loadDecisions(loaded);
    const all = markRejected(suggest(corpus, filters), decisions);
    const suggestions = options.all ? all : all.filter((s) => !s.rejected);
    const marked = options.all === true;
    const format = options.format ?? 'table';
    const text = renderOutput(outputs.suggestions, format, { suggestions, marked }, { style: reportStyle(ctx, options) });
    const diagnostics = [...corpus.diagnostics, ...decisions.diagnostics];
    report(ctx, diagnostics, options);
    const written = emit(ctx, text, options.out, options.format);
    ctx.exitCode = exitCodeFor([...diagnostics, ...written], options.strict);
  });
}

function parseAt(argv: readonly string[], at: string): Checked<{ path: string; line: number }> {
  const match = /^(.+):(\d+)$/.exec(at.trim());
  if (!match || Number(match[2]) < 1) return problems(usageProblem(argv, `Unexpected \`--reject ${at}\`, expected \`PATH:LINE\`, e.g. \`notes/interview.md:12\``, '--reject'));
  return ok({ path: match[1]!, line: Number(match[2]) });
}

/** `--reject PATH:LINE --code ID…`: records each code's suggestion for that segment as rejected. */
function rejectSuggestions(ctx: CliContext, options: SuggestOptions): number {
  const parsed = parseAt(ctx.io.argv, options.reject!);
  if (!parsed.ok) return halted(ctx, parsed.diagnostics, options);
  const at = parsed.value;
  if (!options.code || options.code.length === 0) return halted(ctx, [usageProblem(ctx.io.argv, 'Missing --code for --reject, expected `--reject PATH:LINE --code ID`', '--reject')], options);
  if (options.all) return halted(ctx, [usageProblem(ctx.io.argv, 'Unexpected --all together with --reject', '--all')], options);
  const loaded = load(ctx, at.path, { ...options, code: undefined, quiet: true });
  if (!loaded) return ctx.exitCode;
  const selected = selectFiles(ctx, loaded, [at.path], '--reject');
  if (!selected.ok) return halted(ctx, selected.diagnostics, options);
  const [file] = selected.value;
  if (!file) return halted(ctx, [usageProblem(ctx.io.argv, `Unexpected \`${at.path}\`, expected one of the project's notes`, '--reject')], options);
  const { corpus } = loaded;
  const fail = (diagnostics: Diagnostic[]): number => {
    report(ctx, diagnostics, options);
    return EXIT_PROBLEMS;
  };
  const positioned = (message: string, ruleId: Diagnostic['ruleId'], line = at.line): Diagnostic => ({ file: file.path, line, column: 1, severity: 'error', message, ruleId });
  const unknown = options.code.filter((code) => !corpus.codebook.byId.has(code));
  if (unknown.length > 0) return fail(unknown.map((code) => positioned(`Unexpected code \`${code}\`, expected a code from \`${corpus.codebook.path}\`${hint(code, corpus.codebook.byId.keys())}`, 'unknown-code')));
  const segment = segmentAtLine(file.note, at.line);
  if (!segment) {
    const lines = file.note.text.split('\n').length;
    return fail([positioned(at.line > lines ? `Unexpected line ${at.line}, the note has ${lines} lines` : `Unexpected line ${at.line} outside any segment, expected a line of a paragraph, list item, quote or table row`, 'no-segment', Math.min(at.line, lines))]);
  }
  const decisions = loadDecisions(loaded);
  if (decisions.diagnostics.some((d) => d.severity === 'error')) return fail(decisions.diagnostics);
  const here = suggest(corpus, { where: {}, codes: [] }).filter((s) => s.note === file.path && s.segments[0] === segment.id);
  const where = `${file.path}:${segment.range.start.line}`;
  const missing = options.code.filter((code) => !here.some((s) => s.code === code));
  if (missing.length > 0) {
    const there = here.map((s) => `\`${s.code}\``).join(', ');
    return fail(missing.map((code) => positioned(`Unexpected --code \`${code}\`: it is not suggested for the segment at ${where}${there ? ` (suggested there: ${there})` : ' (nothing is suggested there)'}`, 'no-suggestion', segment.range.start.line)));
  }
  const coder = corpus.config.coder ?? DEFAULT_CODER;
  const problems: Diagnostic[] = [];
  for (const code of [...new Set(options.code)]) {
    const suggestion = here.find((s) => s.code === code)!;
    if (decisions.rejected.has(rejectedKey(segment.id, code))) {
      if (!options.quiet) ctx.io.stderr.write(`${where}  \`${code}\` is already rejected: nothing to change\n`);
      continue;
    }
    const written = recordRejection(loaded, decisions, file.note, segment, code, coder, today());
    if ('problem' in written) {
      problems.push(written.problem);
      continue;
    }
    ctx.io.stdout.write(`${where}  rejected \`${code}\` (matched “${suggestion.matched ?? ''}”), recorded in ${written.path}\n`);
  }
  return problems.length > 0 ? fail(problems) : EXIT_OK;
}
