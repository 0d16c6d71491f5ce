// The whole project as a REFI-QDA `.qdpx`: `project.qde` plus `sources/<GUID>.txt`.
// Pure: takes a loaded Corpus, returns bytes. Deterministic: GUIDs are UUIDv5 of
// stable names, dates come from the notes, and the zip has fixed order and times.
import type { Coding, Corpus, Diagnostic, FrontMatterValue, Note } from '../types.js';
import { codeGuid, codebookNamespace, PROJECT_NS, rootCodeIds, writeCodes } from './codebook-xml.js';
import { GuidFactory } from './guid.js';
import { notePlainText, type PlainText } from './plain-text.js';
import { XmlWriter } from './xml.js';
import { writeZip, type ZipEntry } from './zip.js';
import { formatTarget } from '../memos/target.js';

/** A project memo's own record in its Note's Description, so an import writes the memo back as it was. */
export const MEMO_PREFIX = 'fieldcode memo: ';

export interface QdpxOptions {
  /** Producing software, written as `origin`. Default `fieldcode`. */
  origin?: string;
  /** The user who exports (the project's `creatingUserGUID`). Default: the configured coder, else the first coder. */
  user?: string;
  /** Fallback `creationDateTime` when no note has a `date`. Default `2000-01-01T00:00:00Z`. */
  date?: string;
  /**
   * The variable whose values become named `<Case>`s (one case per value, with a
   * `SourceRef` to each note that has it). Default `group` when that variable
   * exists; `null` for no cases.
   */
  caseVariable?: string | null;
  /**
   * Also write ATLAS.ti-style document groups: one `<Set name="variable: value">`
   * per variable value, with a `MemberSource` per note (NOTES.md §3.5 item 4).
   * Off by default: QualCoder turns every source set into a variable.
   */
  sets?: boolean;
  /** Export only the codings of this coder. */
  coder?: string;
  /**
   * The stable name of a note for GUIDs and source names, e.g. its path relative
   * to the project root (note paths in a Corpus are relative to the working
   * directory). Default: `Note.path` as is.
   */
  notePath?: (path: string) => string;
  /**
   * Unit of `startPosition`/`endPosition`: Unicode code points (the standard,
   * default) or UTF-16 code units (what NVivo counts). They differ only in texts
   * with characters outside the Basic Multilingual Plane, such as emoji.
   */
  offsets?: 'codepoints' | 'utf16';
}

export interface QdpxBuild {
  /** Zip entries in write order: `project.qde`, then `sources/*.txt` by name. */
  entries: ZipEntry[];
  projectXml: string;
  /** Source texts by internal file name (`<GUID>.txt`). */
  sources: Map<string, string>;
  /** What could not be exported, and what other tools may read differently. */
  diagnostics: Diagnostic[];
}

export const DEFAULT_DATE = '2000-01-01T00:00:00Z';

/** Front-matter keys that are not exported as variables. */
/** Front-matter keys that are not exported as variables: no REFI counterpart, or fieldcode's own. */
const NOT_VARIABLES = new Set(['participants', 'format', 'coder']);

/**
 * `Description` of a source: where the note came from and how fieldcode reads it,
 * e.g. `fieldcode note notes/de-brug/I-observation.md (Markdown)`. The importer
 * reads the format back; other tools show it as the document's description.
 */
export function sourceDescription(path: string, plainText: boolean, participants?: unknown): string {
  const first = `fieldcode note ${path} (${plainText ? 'plain text' : 'Markdown'})`;
  // REFI-QDA has no place for who speaks in a document: the note's
  // `participants` travel as one JSON line, which an import writes back.
  return participants === undefined || participants === null ? first : `${first}\n${PARTICIPANTS_PREFIX}${JSON.stringify(participants)}`;
}

export const PARTICIPANTS_PREFIX = 'fieldcode participants: ';

/**
 * `Description` of a variable with declared values: `Values: [...]` (JSON),
 * then `Ordered: true` / `Required: true` when so. The importer reads it back, so
 * the order of groups and phases survives a round trip.
 */
export function variableDescription(spec: { values?: string[]; ordered?: boolean; required?: boolean } | undefined): string | undefined {
  if (!spec?.values || spec.values.length === 0) return undefined;
  const lines = [`Values: ${JSON.stringify(spec.values)}`];
  if (spec.ordered) lines.push('Ordered: true');
  if (spec.required) lines.push('Required: true');
  return lines.join('\n');
}

type Scalar = string | number | boolean;

function scalar(value: FrontMatterValue | undefined): Scalar | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value;
  if ((value as unknown) instanceof Date) {
    const date = value as unknown as Date;
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
  }
  return undefined;
}

/** `YYYY-MM-DDThh:mm:ssZ` from a front-matter date, or undefined. */
export function toDateTime(value: FrontMatterValue | undefined): string | undefined {
  const s = scalar(value);
  if (typeof s !== 'string') return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (day) {
    const date = new Date(`${s.trim()}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? undefined : `${s.trim()}T00:00:00Z`;
  }
  const time = Date.parse(s);
  if (/^\d{4}-\d{2}-\d{2}T/.test(s.trim()) && !Number.isNaN(time)) return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return undefined;
}

interface VariableInfo {
  name: string;
  guid: string;
  type: 'Text' | 'Integer' | 'Boolean';
}

function variableType(values: Scalar[]): VariableInfo['type'] {
  if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'Integer';
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'Boolean';
  return 'Text';
}

function valueElement(xml: XmlWriter, variable: VariableInfo, value: Scalar): void {
  xml.open('VariableValue');
  xml.empty('VariableRef', [['targetGUID', variable.guid]]);
  if (variable.type === 'Integer') xml.text('IntegerValue', String(value));
  else if (variable.type === 'Boolean') xml.text('BooleanValue', String(value));
  else xml.text('TextValue', String(value));
  xml.close('VariableValue');
}

function selectionName(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > 100 ? `${chars.slice(0, 99).join('')}…` : flat;
}

function positionOf(coding: Coding): { line: number; column: number } {
  return { line: coding.range?.start?.line ?? 1, column: coding.range?.start?.column ?? 1 };
}

/** A source name that is a file name on every system: no `/ \\ : * ? " < > |` or control characters. */
function safeSourceName(name: string): string {
  return name.replace(/[/\\:*?"<>|\u0000-\u001f]+/g, '-');
}

/**
 * Display names of the sources: the file name without extension, or, when two
 * notes share one, the path below the folder all notes share, joined with `--` (`de-brug--I-observation`).
 */
function sourceNames(notes: Note[], stable: (path: string) => string): Map<string, string> {
  const strip = (path: string): string => path.replace(/\.(md|markdown|txt)$/i, '');
  const base = (path: string): string => strip(path.split('/').pop() ?? path);
  const paths = notes.map((note) => stable(note.path));
  let common = paths.length > 0 ? paths[0].split('/').slice(0, -1) : [];
  for (const path of paths) {
    const dirs = path.split('/').slice(0, -1);
    let n = 0;
    while (n < common.length && n < dirs.length && common[n] === dirs[n]) n++;
    common = common.slice(0, n);
  }
  const counts = new Map<string, number>();
  for (const path of paths) counts.set(base(path), (counts.get(base(path)) ?? 0) + 1);
  const names = new Map<string, string>();
  for (const note of notes) {
    const path = stable(note.path);
    // `--` rather than `/`: QualCoder and qc copy a source to a file named after it.
    names.set(note.path, safeSourceName(counts.get(base(path)) === 1 ? base(path) : strip(path.split('/').slice(common.length).join('--'))));
  }
  return names;
}

interface SelectionCoding {
  coding: Coding;
  guid: string;
  coder: string;
  memoGuid?: string;
}

interface Selection {
  start: number;
  end: number;
  /** The one coder whose codings this selection holds. */
  coder: string;
  guid: string;
  name: string;
  codings: SelectionCoding[];
}

/** Builds the `.qdpx` entries and the `project.qde` text. */
export function buildQdpx(corpus: Corpus, options: QdpxOptions = {}): QdpxBuild {
  const diagnostics: Diagnostic[] = [];
  const utf16 = options.offsets === 'utf16';
  const codebook = corpus.codebook;
  const guids = new GuidFactory(codebookNamespace(codebook));
  const stable = options.notePath ?? ((path: string) => path);
  const notes = [...corpus.notes].sort((a, b) => (stable(a.path) < stable(b.path) ? -1 : stable(a.path) > stable(b.path) ? 1 : 0));
  const notesByPath = new Map(notes.map((note) => [note.path, note]));
  const codeOrder = new Map(codebook.codes.map((code, index) => [code.id, index]));
  const coderOf = (coding: Coding): string => (coding.coder && coding.coder.trim() ? coding.coder.trim() : 'unknown');

  // Codings that can be exported: not suggestions, known note, known code.
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

  // Users: every coder, the configured coder and the exporting user.
  const projectUser = options.user ?? corpus.config.coder ?? [...new Set(codings.map(coderOf))].sort()[0] ?? 'fieldcode';
  const projectMemos = corpus.memos ?? [];
  const memoAuthors = projectMemos.map((memo) => memo.author?.trim()).filter((a): a is string => !!a);
  const userNames = [...new Set([projectUser, ...(corpus.config.coder ? [corpus.config.coder] : []), ...codings.map(coderOf), ...memoAuthors])].sort();
  const userGuid = (name: string): string => guids.get('user', name);

  // Dates: the newest note date, else the fallback; never the clock.
  const noteDates = new Map<string, string>();
  for (const note of notes) {
    const date = toDateTime(note.data?.date);
    if (date) noteDates.set(note.path, date);
  }
  const projectDate = [...noteDates.values()].sort().pop() ?? options.date ?? DEFAULT_DATE;
  const dateOf = (path: string): string => noteDates.get(path) ?? projectDate;

  // Project memos (src/memos/): a Note each, referenced from the code or source
  // they are about; a memo on a cell or a phase has no REFI counterpart and is
  // referenced from the project. The Description keeps the memo's front matter.
  const memoRefs = { code: new Map<string, string[]>(), source: new Map<string, string[]>(), project: [] as string[] };
  const memoNotes = projectMemos.map((memo) => {
    const guid = guids.get('project-memo', memo.projectPath);
    const add = (map: Map<string, string[]>, key: string): void => {
      const list = map.get(key) ?? [];
      if (!list.includes(guid)) map.set(key, [...list, guid]);
    };
    let placed = false;
    for (const target of memo.about) {
      if (target.kind === 'code' && codebook.byId.has(target.id)) add(memoRefs.code, target.id);
      else if (target.kind === 'note' && target.note && notesByPath.has(target.note)) add(memoRefs.source, target.note);
      else if (target.kind === 'segment' && target.segment) {
        const note = notes.find((n) => target.segment!.startsWith(`${n.path}#`));
        if (note) add(memoRefs.source, note.path);
        else continue;
      } else continue;
      placed = true;
    }
    if (!placed) memoRefs.project.push(guid);
    const record = { path: memo.projectPath, about: memo.about.map(formatTarget), ...(memo.author ? { author: memo.author } : {}), ...(memo.date ? { date: memo.date } : {}), tags: memo.tags };
    return { guid, name: memo.title, user: userGuid(memo.author?.trim() || projectUser), date: memo.date && /^\d{4}-\d{2}-\d{2}$/.test(memo.date) ? `${memo.date}T00:00:00Z` : projectDate, description: `${MEMO_PREFIX}${JSON.stringify(record)}`, text: memo.body };
  });

  // Variables: the declared ones in their order, then other scalar front-matter keys by name.
  const declared = corpus.variables.map((v) => v.name);
  const extra = new Set<string>();
  for (const note of notes) {
    for (const [key, value] of Object.entries(note.data ?? {})) {
      if (!NOT_VARIABLES.has(key) && !declared.includes(key) && scalar(value) !== undefined) extra.add(key);
    }
  }
  const variableNames = [...declared.filter((name) => !NOT_VARIABLES.has(name)), ...[...extra].sort()];
  const variables: VariableInfo[] = variableNames
    .map((name) => {
      const values = notes.map((note) => scalar(note.data?.[name])).filter((v): v is Scalar => v !== undefined);
      return { name, guid: guids.get('variable', name), type: variableType(values), used: values.length > 0 };
    })
    .filter((v) => v.used)
    .map(({ name, guid, type }) => ({ name, guid, type }));
  for (const note of notes) {
    for (const [key, value] of Object.entries(note.data ?? {})) {
      if (key === 'participants' || NOT_VARIABLES.has(key)) continue;
      if (value !== null && typeof value === 'object' && !((value as unknown) instanceof Date)) {
        diagnostics.push({ file: note.path, line: note.frontMatter?.start.line ?? 1, column: 1, severity: 'info', message: `Front-matter field "${key}" is not a single value; REFI-QDA variables hold one value, so it is not exported`, ruleId: 'refi-export-skipped' });
      }
    }
  }

  // Cases: one per value of the case variable.
  const caseVariableName = options.caseVariable === null ? undefined : (options.caseVariable ?? 'group');
  const caseVariable = variables.find((v) => v.name === caseVariableName);
  const cases = new Map<string, string[]>();
  if (caseVariable) {
    const spec = corpus.variables.find((v) => v.name === caseVariable.name);
    const order = spec?.values ?? [];
    for (const note of notes) {
      const value = scalar(note.data?.[caseVariable.name]);
      if (value === undefined) continue;
      const key = String(value);
      if (!cases.has(key)) cases.set(key, []);
      cases.get(key)!.push(note.path);
    }
    const rank = (v: string): number => (order.includes(v) ? order.indexOf(v) : order.length);
    const sorted = [...cases.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const copy = new Map(cases);
    cases.clear();
    for (const key of sorted) cases.set(key, copy.get(key)!);
  }

  // Sources, selections and codings.
  const names = sourceNames(notes, stable);
  const sources = new Map<string, string>();
  const selectionsByNote = new Map<string, Selection[]>();
  const memos: Array<{ guid: string; name: string; user: string; date: string; text: string }> = [];
  const plain = new Map<string, PlainText>();
  for (const note of notes) {
    const text = notePlainText(note);
    plain.set(note.path, text);
    const astral = text.length !== text.text.length;
    if (astral) {
      diagnostics.push({ file: note.path, line: 1, column: 1, severity: 'info', message: utf16 ? 'The note has characters outside the Basic Multilingual Plane (such as emoji); offsets are written in UTF-16 units as NVivo counts them, not in code points as the standard says' : 'The note has characters outside the Basic Multilingual Plane (such as emoji); offsets are written in code points, which NVivo counts as two (see --offsets utf16)', ruleId: 'refi-astral' });
    }
  }
  const byNote = new Map<string, Coding[]>();
  for (const coding of codings) {
    if (!byNote.has(coding.note)) byNote.set(coding.note, []);
    byNote.get(coding.note)!.push(coding);
  }
  for (const note of notes) {
    const text = plain.get(note.path)!;
    const selections = new Map<string, Selection>();
    const codingKeys = new Map<string, number>();
    const list = (byNote.get(note.path) ?? []).slice().sort(
      (a, b) => a.start - b.start || a.end - b.end || (codeOrder.get(a.code)! - codeOrder.get(b.code)!) || (coderOf(a) < coderOf(b) ? -1 : coderOf(a) > coderOf(b) ? 1 : 0),
    );
    for (const coding of list) {
      const start = text.toCodePoint(coding.start);
      const end = text.toCodePoint(coding.end);
      if (end <= start) {
        diagnostics.push({ file: note.path, ...positionOf(coding), severity: 'warning', message: `Coding "${coding.code}" covers no exported text; not exported`, ruleId: 'refi-export-skipped' });
        continue;
      }
      const key = `${stable(note.path)}:${start}:${end}`;
      const coder = coderOf(coding);
      const base = `${key}:${coding.code}:${coder}`;
      const seen = codingKeys.get(base) ?? 0;
      codingKeys.set(base, seen + 1);
      const codingKey = seen === 0 ? base : `${base}#${seen + 1}`;
      // One selection per coder: QualCoder gives a selection one creating user,
      // so a selection shared by coders kept only one of them. A coding with a
      // memo has a selection of its own, whose Description (which QualCoder
      // reads) is that memo. The project's own coder keeps the GUIDs a
      // one-coder export always had.
      const hasMemo = !!coding.memo?.trim();
      const selectionKey = hasMemo ? `${codingKey}:memo` : coder === projectUser ? key : `${key}:${coder}`;
      let selection = selections.get(selectionKey);
      if (!selection) {
        selection = { start, end, coder, guid: guids.get('selection', selectionKey), name: selectionName(text.slice(start, end)), codings: [] };
        selections.set(selectionKey, selection);
      }
      const entry: SelectionCoding = { coding, guid: guids.get('coding', codingKey), coder };
      if (coding.memo && coding.memo.trim()) {
        entry.memoGuid = guids.get('memo', codingKey);
        const code = codebook.byId.get(coding.code)!;
        memos.push({ guid: entry.memoGuid, name: `Memo: ${code.label || code.id} in ${names.get(note.path)}`, user: userGuid(coder), date: dateOf(note.path), text: coding.memo });
      }
      selection.codings.push(entry);
    }
    selectionsByNote.set(note.path, [...selections.values()].sort((a, b) => a.start - b.start || a.end - b.end || (a.coder < b.coder ? -1 : a.coder > b.coder ? 1 : 0)));
  }

  const xml = new XmlWriter();
  xml.open('Project', [
    ['xmlns', PROJECT_NS],
    ['name', corpus.config.name ?? codebook.name ?? 'fieldcode project'],
    ['origin', options.origin ?? 'fieldcode'],
    ['creatingUserGUID', userGuid(projectUser)],
    ['creationDateTime', projectDate],
  ]);
  xml.open('Users');
  for (const name of userNames) xml.empty('User', [['guid', userGuid(name)], ['name', name]]);
  xml.close('Users');
  if (codebook.codes.length > 0) {
    xml.open('CodeBook');
    xml.open('Codes');
    writeCodes(xml, codebook, rootCodeIds(codebook), guids, (code) => memoRefs.code.get(code.id) ?? []);
    xml.close('Codes');
    xml.close('CodeBook');
  }
  if (variables.length > 0) {
    xml.open('Variables');
    for (const v of variables) {
      const attributes: Array<[string, string]> = [['guid', v.guid], ['name', v.name], ['typeOfVariable', v.type]];
      const description = variableDescription(corpus.variables.find((spec) => spec.name === v.name));
      if (description) {
        xml.open('Variable', attributes);
        xml.text('Description', description);
        xml.close('Variable');
      } else xml.empty('Variable', attributes);
    }
    xml.close('Variables');
  }
  if (caseVariable && cases.size > 0) {
    xml.open('Cases');
    for (const [value, paths] of cases) {
      xml.open('Case', [['guid', guids.get('case', `${caseVariable.name}:${value}`)], ['name', value]]);
      const first = notes.find((n) => n.path === paths[0])!;
      valueElement(xml, caseVariable, scalar(first.data[caseVariable.name])!);
      for (const path of paths) xml.empty('SourceRef', [['targetGUID', guids.get('source', stable(path))]]);
      xml.close('Case');
    }
    xml.close('Cases');
  }
  const entries: ZipEntry[] = [];
  if (notes.length > 0) {
    xml.open('Sources');
    for (const note of notes) {
      const guid = guids.get('source', stable(note.path));
      const file = `${guid}.txt`;
      sources.set(file, plain.get(note.path)!.text);
      xml.open('TextSource', [
        ['guid', guid],
        ['name', names.get(note.path)],
        ['plainTextPath', `internal://${file}`],
        ['creatingUser', userGuid(projectUser)],
        ['creationDateTime', dateOf(note.path)],
      ]);
      xml.text('Description', sourceDescription(stable(note.path), note.data?.format === 'text', note.data?.participants));
      const text = plain.get(note.path)!;
      for (const selection of selectionsByNote.get(note.path) ?? []) {
        xml.open('PlainTextSelection', [
          ['guid', selection.guid],
          ['name', selection.name],
          ['startPosition', utf16 ? text.unitOf(selection.start) : selection.start],
          ['endPosition', utf16 ? text.unitOf(selection.end) : selection.end],
          ['creatingUser', userGuid(selection.coder)],
          ['creationDateTime', dateOf(note.path)],
        ]);
        // QualCoder reads a coding's memo from the selection's Description, not from NoteRef.
        const memo = selection.codings[0].coding.memo?.trim();
        if (selection.codings.length === 1 && memo) xml.text('Description', memo);
        for (const entry of selection.codings) {
          xml.open('Coding', [['guid', entry.guid], ['creatingUser', userGuid(entry.coder)], ['creationDateTime', dateOf(note.path)]]);
          xml.empty('CodeRef', [['targetGUID', codeGuid(guids, codebook.byId.get(entry.coding.code)!)]]);
          if (entry.memoGuid) xml.empty('NoteRef', [['targetGUID', entry.memoGuid]]);
          xml.close('Coding');
        }
        xml.close('PlainTextSelection');
      }
      for (const memo of memoRefs.source.get(note.path) ?? []) xml.empty('NoteRef', [['targetGUID', memo]]);
      for (const v of variables) {
        const value = scalar(note.data?.[v.name]);
        if (value !== undefined) valueElement(xml, v, value);
      }
      xml.close('TextSource');
    }
    xml.close('Sources');
  }
  if (memos.length > 0 || memoNotes.length > 0) {
    xml.open('Notes');
    for (const memo of memos) {
      xml.open('Note', [['guid', memo.guid], ['name', memo.name], ['creatingUser', memo.user], ['creationDateTime', memo.date]]);
      xml.text('PlainTextContent', memo.text);
      xml.close('Note');
    }
    for (const memo of memoNotes) {
      xml.open('Note', [['guid', memo.guid], ['name', memo.name], ['creatingUser', memo.user], ['creationDateTime', memo.date]]);
      xml.text('Description', memo.description);
      xml.text('PlainTextContent', memo.text);
      xml.close('Note');
    }
    xml.close('Notes');
  }
  if (options.sets) {
    const sets: Array<{ name: string; key: string; paths: string[] }> = [];
    for (const v of variables) {
      const byValue = new Map<string, string[]>();
      for (const note of notes) {
        const value = scalar(note.data?.[v.name]);
        if (value === undefined) continue;
        if (!byValue.has(String(value))) byValue.set(String(value), []);
        byValue.get(String(value))!.push(note.path);
      }
      const order = corpus.variables.find((spec) => spec.name === v.name)?.values ?? [];
      const rank = (x: string): number => (order.includes(x) ? order.indexOf(x) : order.length);
      for (const value of [...byValue.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))) {
        sets.push({ name: `${v.name}: ${value}`, key: `${v.name}:${value}`, paths: byValue.get(value)! });
      }
    }
    if (sets.length > 0) {
      xml.open('Sets');
      for (const set of sets) {
        xml.open('Set', [['guid', guids.get('set', set.key)], ['name', set.name]]);
        for (const path of set.paths) xml.empty('MemberSource', [['targetGUID', guids.get('source', stable(path))]]);
        xml.close('Set');
      }
      xml.close('Sets');
    }
  }
  for (const memo of memoRefs.project) xml.empty('NoteRef', [['targetGUID', memo]]);
  xml.close('Project');
  const projectXml = xml.toString();
  const encoder = new TextEncoder();
  entries.push({ name: 'project.qde', data: encoder.encode(projectXml) });
  for (const name of [...sources.keys()].sort()) entries.push({ name: `sources/${name}`, data: encoder.encode(sources.get(name)!) });
  return { entries, projectXml, sources, diagnostics };
}

/** The project as `.qdpx` bytes. Two calls on the same corpus give identical bytes. */
export function exportQdpx(corpus: Corpus, options: QdpxOptions = {}): Uint8Array {
  return writeZip(buildQdpx(corpus, options).entries);
}
