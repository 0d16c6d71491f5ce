// `fieldcode import <file|folder>... --into NOTES`: transcripts become notes.
// Everything is read and checked first; only when no error is found are the
// notes written, each atomically, and a failed write undoes the ones before
// it, so a folder import is all or nothing.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, type Node } from 'yaml';
import type { Diagnostic, VariableSpec } from '../types.js';
import { readConfig } from '../core/config.js';
import { hint } from '../core/did-you-mean.js';
import { readNote } from '../core/note.js';
import { formatTurnTime } from '../core/turn-time.js';
import { parseYamlDocument, yamlValue } from '../model/yaml.js';
import { STANDOFF_SUFFIX } from '../standoff/format.js';
import { detectTranscriptFormat, parseTranscript, TRANSCRIPT_FORMATS, type Transcript, type TranscriptFormat } from '../transcripts/index.js';
import { transcriptToNote, type SpeakerMapping } from '../transcripts/to-note.js';
import { exitCodeFor, report, stop, type CliContext, type CommonOptions } from './context.js';
import { EXIT_CANNOT_RUN, EXIT_PROBLEMS } from './exit-codes.js';
import { readUtf8, writeFileAtomic } from './io.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { flagValue, usageProblem } from '../model/command-line.js';
import { decodeUtf8 } from '../pipeline/read-file.js';
import { displayPath, findConfig } from './project.js';

export interface TranscriptImportOptions extends CommonOptions {
  into?: string;
  from?: string;
  set?: string[];
  speakers?: string;
  dryRun?: boolean;
  force?: boolean;
}

/** Extensions that only transcripts have; `.txt`, `.md` and `.tsv` are read as transcripts when their content says so. */
const TRANSCRIPT_EXTENSIONS = new Set(['.vtt', '.srt', '.docx', '.otr', '.json']);
/** Front matter keys the import writes itself. */
const RESERVED = new Set(['id', 'source', 'participants', 'format', 'coder']);

/** True when `fieldcode import` should read these inputs as transcripts rather than REFI-QDA, CSV or a codebook list. */
export function isTranscriptInput(cwd: string, inputs: string[], options: TranscriptImportOptions): boolean {
  if (options.from !== undefined || options.speakers !== undefined || (options.set?.length ?? 0) > 0 || options.dryRun) return true;
  return inputs.some((input) => {
    const absolute = resolve(cwd, input);
    if (!existsSync(absolute)) return false;
    if (statSync(absolute).isDirectory()) return true;
    const name = basename(absolute).toLowerCase();
    const ext = extension(absolute);
    if (TRANSCRIPT_EXTENSIONS.has(ext)) return true;
    if (ext === '.tsv') return /^start\tend\ttext/.test(readFileSync(absolute, 'latin1').slice(0, 64));
    if (ext === '.qdpx' || ext === '.qdc' || ext === '.csv') return false;
    const bytes = new Uint8Array(readFileSync(absolute));
    // Word processor, spreadsheet, web and media files are no codebook list: let the transcript reader name them.
    if (DOCUMENT_EXTENSIONS.has(ext) || !isUtf8(bytes)) return true;
    if (ext === '.txt' || ext === '.md') {
      const format = detectTranscriptFormat(name, bytes);
      return format !== null && (format !== 'plain' || looksLikeTurns(new TextDecoder().decode(bytes)));
    }
    return false;
  });
}

/** In a folder, a file with one of these extensions is read (and reported) as a transcript even when it is not one. */
const WALKED_EXTENSIONS = new Set([...TRANSCRIPT_EXTENSIONS, '.tsv', '.txt']);

function extension(path: string): string {
  const name = basename(path).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot);
}

const DOCUMENT_EXTENSIONS = new Set(['.doc', '.odt', '.rtf', '.xlsx', '.xls', '.ods', '.pdf', '.html', '.htm', '.mp3', '.mp4', '.m4a', '.wav', '.ogg', '.zip']);
const TURN_LINE = /^(?:\[?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\]?[ \t]+)?(?:\*\*[^*\n]{1,60}\*\*|[\p{Lu}\p{Lo}\p{N}][^:\t\n*]{0,40}?|\[[\p{L}\p{N}_-]{1,30}\])[ \t]*:?[ \t]/u;

/**
 * A text file with `Name:` turns is a plain transcript; an indented list of
 * codes (the other text input of `import`) has indented lines and few labels.
 */
function looksLikeTurns(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  const turns = lines.filter((line) => TURN_LINE.test(line) && (/:/.test(line.slice(0, 80)) || /^\[[\p{L}\p{N}_-]{1,30}\][ \t]/u.test(line))).length;
  const indented = lines.some((line) => /^[ \t]+\S/.test(line));
  return turns >= 2 && (!indented || turns / lines.length >= 0.3);
}

function isUtf8(bytes: Uint8Array): boolean {
  return !('error' in decodeUtf8(bytes));
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

  const mapped = options.speakers ? readSpeakerMap(argv, cwd, options.speakers, planned, diagnostics) : ok(await askSpeakers(ctx, planned, options));
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

function readFrom(argv: readonly string[], value: string | undefined): Checked<TranscriptFormat | undefined> {
  if (value === undefined) return ok(undefined);
  if ((TRANSCRIPT_FORMATS as readonly string[]).includes(value)) return ok(value as TranscriptFormat);
  return problems(usageProblem(argv, `Unexpected --from \`${value}\`, expected one of ${TRANSCRIPT_FORMATS.map((f) => `\`${f}\``).join(', ')}${hint(value, TRANSCRIPT_FORMATS)}`, '--from'));
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

/** `--set key=value` pairs, checked against the declared variables and values. */
function readSets(argv: readonly string[], raw: string[], variables: VariableSpec[]): Checked<Array<[string, string]>> {
  const pairs: Array<[string, string]> = [];
  const found: Diagnostic[] = [];
  for (const item of raw) {
    const problem = (message: string): void => void found.push(usageProblem(argv, message, flagValue(argv, '--set', item)));
    const match = /^([^=\s]+)=(.*)$/.exec(item);
    if (!match || match[2]!.trim() === '') {
      problem(`Unexpected --set \`${item}\`, expected KEY=VALUE (for example --set method=focus-group)`);
      continue;
    }
    const key = match[1]!;
    const value = match[2]!.trim();
    if (RESERVED.has(key)) {
      problem(`Unexpected --set ${key}=…: \`${key}\` is written by the import itself`);
      continue;
    }
    if (pairs.some(([k]) => k === key)) {
      problem(`Unexpected second --set ${key}=…, expected each variable once`);
      continue;
    }
    if (variables.length > 0 && key !== 'date' && key !== 'title') {
      const spec = variables.find((v) => v.name === key);
      if (!spec) {
        problem(`Unexpected variable \`${key}\` in --set, expected one declared in fieldcode.yaml: ${variables.map((v) => `\`${v.name}\``).join(', ')}${hint(key, variables.map((v) => v.name))}`);
        continue;
      }
      if (spec.values && !spec.values.includes(value)) {
        problem(`Unexpected ${key} \`${value}\` in --set, expected one of ${spec.values.map((v) => `\`${v}\``).join(', ')}${hint(value, spec.values)}`);
        continue;
      }
    }
    pairs.push([key, value]);
  }
  return found.length > 0 ? problems(...found) : ok(pairs);
}

/**
 * Reads `label: { name, pseudonym, role }` (or `label: Name`) from a YAML
 * file. A label that none of the transcripts uses is an error at its key:
 * most often a typo, and its person would silently keep a real name.
 */
function readSpeakerMap(argv: readonly string[], cwd: string, path: string, planned: Planned[], diagnostics: Diagnostic[]): Checked<Map<string, SpeakerMapping>> {
  const absolute = resolve(cwd, path);
  const shown = displayPath(cwd, absolute);
  if (!existsSync(absolute)) return problems(usageProblem(argv, `Cannot find the speaker map \`${path}\``, flagValue(argv, '--speakers', path), 'missing-file'));
  const file = readUtf8(absolute);
  if ('error' in file) return problems({ file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot read the speaker map \`${shown}\`: ${file.error}`, ruleId: 'unreadable-file' });
  return ok(speakerMapOf(shown, file.text, planned, diagnostics));
}

/** The mapping in a speaker map's text; each problem is pushed at its place in the file. */
function speakerMapOf(shown: string, text: string, planned: Planned[], diagnostics: Diagnostic[]): Map<string, SpeakerMapping> {
  const counter = new LineCounter();
  const doc = parseYamlDocument(text, counter);
  const at = (node: Node | null | undefined, message: string, ruleId: 'speaker-map-syntax' | 'speaker-map-unknown-label'): void => {
    const pos = counter.linePos(node?.range?.[0] ?? 0);
    diagnostics.push({ file: shown, line: pos.line, column: pos.col, severity: 'error', message, ruleId });
  };
  const map = new Map<string, SpeakerMapping>();
  if (doc.errors.length > 0) {
    const pos = counter.linePos(doc.errors[0].pos[0]);
    diagnostics.push({ file: shown, line: pos.line, column: pos.col, severity: 'error', message: `Cannot parse the speaker map: ${doc.errors[0].message.split('\n')[0]}`, ruleId: 'speaker-map-syntax' });
    return map;
  }
  if (!isMap(doc.contents)) {
    at(doc.contents, 'Unexpected speaker map that is not a mapping, expected `LABEL: { name: …, pseudonym: … }` lines', 'speaker-map-syntax');
    return map;
  }
  const known = [...new Set(planned.flatMap((p) => p.transcript.speakers))];
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyNode = pair.key as Node;
    if (!known.includes(key)) {
      const where = planned.length === 1 ? `\`${planned[0].input.shown}\`` : 'the imported transcripts';
      at(keyNode, `Unexpected speaker label \`${key}\`, expected a label used in ${where}: ${known.map((l) => `\`${l}\``).join(', ') || '(none)'}${hint(key, known)}`, 'speaker-map-unknown-label');
      continue;
    }
    const read = yamlValue(doc, pair.value as Node);
    const value = 'value' in read ? read.value : undefined;
    if (typeof value === 'string') {
      map.set(key, { name: value });
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      at(pair.value as Node, `Unexpected value for \`${key}\`, expected a name or \`{ name: …, pseudonym: …, role: … }\``, 'speaker-map-syntax');
      continue;
    }
    const entry: SpeakerMapping = {};
    for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
      if (!['name', 'pseudonym', 'role'].includes(field) || (typeof v !== 'string' && typeof v !== 'number')) {
        at(pair.value as Node, `Unexpected \`${field}\` for \`${key}\`, expected \`name\`, \`pseudonym\` or \`role\` with a text value${hint(field, ['name', 'pseudonym', 'role'])}`, 'speaker-map-syntax');
        continue;
      }
      entry[field as keyof SpeakerMapping] = String(v);
    }
    map.set(key, entry);
  }
  return map;
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
