// `fieldcode import <file|folder>... --into NOTES`: transcripts become notes.
// Everything is read and checked first; only when no error is found are the
// notes written, each atomically, and a failed write undoes the ones before
// it, so a folder import is all or nothing.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Diagnostic, VariableSpec } from '../types.js';
import { readConfig } from '../core/config.js';
import { readNote } from '../core/note.js';
import { formatTurnTime } from '../core/turn-time.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { usageProblem } from '../model/command-line.js';
import { STANDOFF_SUFFIX } from '../standoff/format.js';
import { detectTranscriptFormat, parseTranscript, type Transcript } from '../transcripts/index.js';
import { readFrom, readSets } from '../transcripts/import-flags.js';
import { extension, readsAsTranscript, WALKED_EXTENSIONS } from '../transcripts/input-kind.js';
import { readSpeakerMap, type SpeakerLabels } from '../transcripts/speaker-map.js';
import { transcriptToNote, type SpeakerMapping } from '../transcripts/to-note.js';
import { exitCodeFor, report, stop, type CliContext, type CommonOptions } from './context.js';
import { EXIT_CANNOT_RUN, EXIT_PROBLEMS } from './exit-codes.js';
import { readUtf8, writeFileAtomic } from './io.js';
import { displayPath, findConfig } from './project.js';

export interface TranscriptImportOptions extends CommonOptions {
  into?: string;
  from?: string;
  set?: string[];
  speakers?: string;
  dryRun?: boolean;
  force?: boolean;
}

/** True when `fieldcode import` should read these inputs as transcripts rather than REFI-QDA, CSV or a codebook list. */
export function isTranscriptInput(cwd: string, inputs: string[], options: TranscriptImportOptions): boolean {
  if (options.from !== undefined || options.speakers !== undefined || (options.set?.length ?? 0) > 0 || options.dryRun) return true;
  return inputs.some((input) => readsAsTranscript(resolve(cwd, input)));
}

interface Input {
  absolute: string;
  shown: string;
  /** True when found by walking a folder: files that are no transcript are skipped there. */
  walked: boolean;
}

interface Planned {
  input: Input;
  transcript: Transcript;
  id: string;
  target: string;
  text?: string;
}

export async function importTranscripts(ctx: CliContext, inputs: string[], options: TranscriptImportOptions): Promise<void> {
  const cwd = ctx.io.cwd;
  const argv = ctx.io.argv;
  if (options.into === undefined) return stop(ctx, [usageProblem(argv, 'Missing --into DIR: the notes folder to write the imported transcripts to')], options);
  const format = readFrom(argv, options.from);
  if (!format.ok) return stop(ctx, format.diagnostics, options);
  const from = format.value;
  const into = resolve(cwd, options.into);
  if (existsSync(into) && !statSync(into).isDirectory()) return stop(ctx, [usageProblem(argv, `Cannot import into \`${options.into}\`: it is not a folder`, '--into')], options);
  const variables = declaredVariables(cwd, into);
  const checkedSets = readSets(argv, options.set ?? [], variables);
  if (!checkedSets.ok) return stop(ctx, checkedSets.diagnostics, options);
  const sets = checkedSets.value;
  const diagnostics: Diagnostic[] = [];

  const expanded = expandInputs(argv, cwd, inputs);
  if (!expanded.ok) return stop(ctx, expanded.diagnostics, options);
  const files = expanded.value;
  const planned: Planned[] = [];
  for (const input of files) {
    const bytes = new Uint8Array(readFileSync(input.absolute));
    if (input.walked && !from && !WALKED_EXTENSIONS.has(extension(input.absolute)) && detectTranscriptFormat(input.shown, bytes) === null) {
      diagnostics.push({ file: input.shown, line: 1, column: 1, severity: 'warning', message: 'Skipped: not a transcript in a format fieldcode reads (pass --from FORMAT to force one)', ruleId: 'transcript-unknown-format' });
      continue;
    }
    const result = await parseTranscript(input.shown, bytes, from);
    diagnostics.push(...result.diagnostics);
    if (result.transcript) planned.push({ input, transcript: result.transcript, id: '', target: '' });
  }
  if (files.length === 0) return stop(ctx, [usageProblem(argv, `Cannot find any files to import in ${inputs.map((i) => `\`${i}\``).join(', ')}`, inputs[0])], options);

  const mapped = options.speakers ? readSpeakerMap(argv, cwd, options.speakers, speakerLabels(planned), diagnostics) : ok(await askSpeakers(ctx, planned, options));
  if (!mapped.ok) return stop(ctx, mapped.diagnostics, options);
  if (mapped.value === 'cancelled') {
    ctx.io.stderr.write('Import cancelled: nothing written\n');
    ctx.exitCode = EXIT_CANNOT_RUN;
    return;
  }
  const speakers = mapped.value;
  assignTargets(planned, into);
  const unmapped = new Set<string>();
  for (const plan of planned) {
    const note = transcriptToNote(plan.transcript, { id: plan.id, fileName: basename(plan.input.absolute), variables: sets, speakers });
    plan.text = note.text;
    for (const label of note.unmapped) unmapped.add(label);
    checkTarget(cwd, plan, options, diagnostics);
  }
  if (unmapped.size > 0 && planned.length > 0) {
    const labels = [...unmapped];
    diagnostics.push({
      file: planned[0].input.shown,
      line: 1,
      column: 1,
      severity: 'warning',
      message: `${labels.length} speaker ${labels.length === 1 ? 'label is' : 'labels are'} kept as written (${labels.map((l) => `\`${l}\``).join(', ')}), each with a placeholder pseudonym in \`participants\`; map them to names and pseudonyms with --speakers FILE`,
      ruleId: 'unmapped-speakers',
    });
  }
  for (const spec of variables) {
    if (spec.required && !sets.some(([key]) => key === spec.name)) {
      diagnostics.push({ file: planned[0]?.input.shown ?? displayPath(cwd, into), line: 1, column: 1, severity: 'warning', message: `The project requires \`${spec.name}\`, but no --set ${spec.name}=VALUE was given; \`fieldcode check\` will report the imported notes`, ruleId: 'missing-variable' });
    }
  }

  report(ctx, diagnostics, options);
  if (diagnostics.some((d) => d.severity === 'error' || d.severity === 'fatal')) {
    ctx.io.stderr.write(`fieldcode: nothing written to ${displayPath(cwd, into)}: fix the errors above first\n`);
    ctx.exitCode = EXIT_PROBLEMS;
    return;
  }
  if (options.dryRun) {
    for (const plan of planned) {
      if (planned.length > 1) ctx.io.stdout.write(`==> ${displayPath(cwd, plan.target)} <==\n`);
      ctx.io.stdout.write(plan.text!);
    }
  } else {
    const failed = writeAll(cwd, planned);
    if (failed) return stop(ctx, [failed], options);
  }
  if (!options.quiet) {
    for (const plan of planned) ctx.io.stderr.write(`${summaryLine(plan)} → ${displayPath(cwd, plan.target)}${options.dryRun ? ' (dry run, not written)' : ''}\n`);
  }
  ctx.exitCode = exitCodeFor(diagnostics, options.strict);
}

function expandInputs(argv: readonly string[], cwd: string, inputs: string[]): Checked<Input[]> {
  const found: Input[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const absolute = join(dir, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else if (entry.isFile()) found.push({ absolute, shown: displayPath(cwd, absolute), walked: true });
    }
  };
  const missing: Diagnostic[] = [];
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    if (!existsSync(absolute)) missing.push(usageProblem(argv, `Cannot find \`${input}\`: no such file or folder`, input, 'missing-file'));
    else if (statSync(absolute).isDirectory()) walk(absolute);
    else found.push({ absolute, shown: displayPath(cwd, absolute), walked: false });
  }
  return missing.length > 0 ? problems(...missing) : ok(found);
}

/** The variables declared in the project file above the notes folder, if there is one. */
function declaredVariables(cwd: string, into: string): VariableSpec[] {
  const path = findConfig(into) ?? findConfig(cwd);
  if (!path) return [];
  const file = readUtf8(path);
  if ('error' in file) return [];
  return readConfig(displayPath(cwd, path), file.text).config.variables;
}

function speakerLabels(planned: Planned[]): SpeakerLabels {
  return { known: [...new Set(planned.flatMap((p) => p.transcript.speakers))], where: planned.length === 1 ? `\`${planned[0]!.input.shown}\`` : 'the imported transcripts' };
}

/** With a terminal, asks a name and pseudonym for each label; otherwise labels stay as they are. */
async function askSpeakers(ctx: CliContext, planned: Planned[], options: TranscriptImportOptions): Promise<Map<string, SpeakerMapping> | 'cancelled'> {
  const map = new Map<string, SpeakerMapping>();
  const labels = [...new Set(planned.flatMap((p) => p.transcript.speakers))];
  if (labels.length === 0 || options.dryRun || ctx.io.stdin.isTTY !== true || ctx.io.stderr.isTTY !== true) return map;
  // Loaded only here: most imports never ask.
  const { input } = await import('@inquirer/prompts');
  const { ExitPromptError } = await import('@inquirer/core');
  const context = { input: ctx.io.stdin, output: ctx.io.stderr };
  ctx.io.stderr.write('Map each speaker label to a name and a pseudonym (Enter keeps the label; an empty pseudonym gets a placeholder).\n');
  try {
    for (const label of labels) {
      const name = (await input({ message: `Name for \`${label}\`:`, default: label }, context)).trim();
      const pseudonym = (await input({ message: `Pseudonym for \`${name || label}\`:` }, context)).trim();
      map.set(label, { ...(name && name !== label ? { name } : {}), ...(pseudonym ? { pseudonym } : {}) });
    }
  } catch (error) {
    if (error instanceof ExitPromptError) return 'cancelled';
    throw error;
  }
  return map;
}

/** Note ids from the file names (`GMT2024…transcript.vtt` → `gmt2024…transcript`), unique within the import. */
function assignTargets(planned: Planned[], into: string): void {
  const used = new Set<string>();
  for (const plan of planned) {
    const stem = basename(plan.input.absolute).replace(/\.(otter\.txt|[^.]+)$/i, '');
    const base =
      stem
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'transcript';
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    plan.id = id;
    plan.target = join(into, `${id}.md`);
  }
}

/** An existing note is replaced only with --force, and never when it holds codings. */
function checkTarget(cwd: string, plan: Planned, options: TranscriptImportOptions, diagnostics: Diagnostic[]): void {
  if (!existsSync(plan.target)) return;
  const shown = displayPath(cwd, plan.target);
  const current = readUtf8(plan.target);
  if (!('error' in current) && current.text === plan.text) return;
  if (!options.force) {
    diagnostics.push({ file: shown, line: 1, column: 1, severity: 'error', message: `Refusing to overwrite an existing note with the import of \`${plan.input.shown}\` (use --force to replace it)`, ruleId: 'would-overwrite' });
    return;
  }
  const standoff = plan.target.replace(/\.md$/, STANDOFF_SUFFIX);
  const inline = 'error' in current ? 0 : readNote(shown, current.text, current.bom, { coder: 'default' }).note.codings.length;
  const beside = existsSync(standoff) && /^\s*-\s+code:/m.test(readFileSync(standoff, 'utf8'));
  if (inline > 0 || beside) {
    const what = [inline > 0 ? `${inline} inline ${inline === 1 ? 'coding' : 'codings'}` : '', beside ? `codings in \`${displayPath(cwd, standoff)}\`` : ''].filter(Boolean).join(' and ');
    diagnostics.push({ file: shown, line: 1, column: 1, severity: 'error', message: `Refusing to replace a note that has ${what}, even with --force: the coding would be lost; import under another name or remove the note first`, ruleId: 'note-has-codings' });
  }
}

/** Writes every note atomically; when one write fails, the notes already written are put back, and the failure is returned. */
function writeAll(cwd: string, planned: Planned[]): Diagnostic | undefined {
  const done: Array<{ target: string; before: Uint8Array | null }> = [];
  for (const plan of planned) {
    const before = existsSync(plan.target) ? new Uint8Array(readFileSync(plan.target)) : null;
    try {
      writeFileAtomic(plan.target, plan.text!);
      done.push({ target: plan.target, before });
    } catch (error) {
      for (const written of done.reverse()) {
        if (written.before) writeFileAtomic(written.target, written.before);
        else rmSync(written.target, { force: true });
      }
      const shown = displayPath(cwd, plan.target);
      return { file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot write \`${shown}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; nothing written`, ruleId: 'write-failed' };
    }
  }
  return undefined;
}

function summaryLine(plan: Planned): string {
  const t = plan.transcript;
  const duration = t.duration === null ? 'no times' : formatTurnTime(t.duration);
  return `${plan.input.shown}: ${t.format}, ${t.turns.length} ${t.turns.length === 1 ? 'turn' : 'turns'}, ${t.speakers.length} ${t.speakers.length === 1 ? 'speaker' : 'speakers'}, ${duration}`;
}
