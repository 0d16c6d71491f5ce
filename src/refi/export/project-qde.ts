// Step 7 of a .qdpx export: the project.qde text, one writer per element of
// <Project> in the schema's order (Users, CodeBook, Variables, Cases, Sources,
// Notes, Sets), from the plan the earlier steps made.
import { codeGuid, PROJECT_NS, rootCodeIds, writeCodes } from '../codebook-xml.js';
import type { PlainText } from '../plain-text.js';
import { XmlWriter } from '../xml.js';
import type { Dates } from './dates.js';
import { sourceDescription, variableDescription } from './descriptions.js';
import type { MemoNote, ProjectMemos } from './project-memos.js';
import type { ExportScope } from './scope.js';
import type { Selection, Selections } from './selections.js';
import type { ExportUsers } from './users.js';
import { scalar, valueElement, type Cases, type DocumentSet, type VariableInfo } from './variables.js';

export interface ProjectPlan {
  users: ExportUsers;
  dates: Dates;
  projectMemos: ProjectMemos;
  variables: VariableInfo[];
  cases: Cases | undefined;
  names: Map<string, string>;
  plain: Map<string, PlainText>;
  selections: Selections;
  /** Present when `sets` is asked for. */
  sets: DocumentSet[] | undefined;
}

/** The project.qde text, and the source texts it refers to by internal file name (`<GUID>.txt`). */
export function writeProjectQde(scope: ExportScope, plan: ProjectPlan): { projectXml: string; sources: Map<string, string> } {
  const { corpus, codebook, options } = scope;
  const xml = new XmlWriter();
  xml.open('Project', [
    ['xmlns', PROJECT_NS],
    ['name', corpus.config.name ?? codebook.name ?? 'fieldcode project'],
    ['origin', options.origin ?? 'fieldcode'],
    ['creatingUserGUID', plan.users.guid(plan.users.projectUser)],
    ['creationDateTime', plan.dates.projectDate],
  ]);
  writeUsers(xml, plan.users);
  writeCodeBook(xml, scope, plan.projectMemos);
  writeVariables(xml, scope, plan.variables);
  if (plan.cases) writeCases(xml, scope, plan.cases);
  const sources = writeSources(xml, scope, plan);
  writeNotes(xml, [...plan.selections.memos, ...plan.projectMemos.notes]);
  if (plan.sets) writeSets(xml, scope, plan.sets);
  for (const memo of plan.projectMemos.refs.project) xml.empty('NoteRef', [['targetGUID', memo]]);
  xml.close('Project');
  return { projectXml: xml.toString(), sources };
}

function writeUsers(xml: XmlWriter, users: ExportUsers): void {
  xml.open('Users');
  for (const name of users.names) xml.empty('User', [['guid', users.guid(name)], ['name', name]]);
  xml.close('Users');
}

function writeCodeBook(xml: XmlWriter, scope: ExportScope, memos: ProjectMemos): void {
  const { codebook, guids } = scope;
  if (codebook.codes.length === 0) return;
  xml.open('CodeBook');
  xml.open('Codes');
  writeCodes(xml, codebook, rootCodeIds(codebook), guids, (code) => memos.refs.code.get(code.id) ?? []);
  xml.close('Codes');
  xml.close('CodeBook');
}

function writeVariables(xml: XmlWriter, scope: ExportScope, variables: VariableInfo[]): void {
  if (variables.length === 0) return;
  xml.open('Variables');
  for (const v of variables) {
    const attributes: Array<[string, string]> = [['guid', v.guid], ['name', v.name], ['typeOfVariable', v.type]];
    const description = variableDescription(scope.corpus.variables.find((spec) => spec.name === v.name));
    if (description) {
      xml.open('Variable', attributes);
      xml.text('Description', description);
      xml.close('Variable');
    } else xml.empty('Variable', attributes);
  }
  xml.close('Variables');
}

function writeCases(xml: XmlWriter, scope: ExportScope, cases: Cases): void {
  const { guids, notes, stable } = scope;
  const variable = cases.variable;
  xml.open('Cases');
  for (const [value, paths] of cases.byValue) {
    xml.open('Case', [['guid', guids.get('case', `${variable.name}:${value}`)], ['name', value]]);
    const first = notes.find((n) => n.path === paths[0])!;
    valueElement(xml, variable, scalar(first.data[variable.name])!);
    for (const path of paths) xml.empty('SourceRef', [['targetGUID', guids.get('source', stable(path))]]);
    xml.close('Case');
  }
  xml.close('Cases');
}

/** A TextSource per note, with its selections, memo references and values; returns the source texts. */
function writeSources(xml: XmlWriter, scope: ExportScope, plan: ProjectPlan): Map<string, string> {
  const { guids, notes, stable } = scope;
  const { users, dates } = plan;
  const sources = new Map<string, string>();
  if (notes.length === 0) return sources;
  xml.open('Sources');
  for (const note of notes) {
    const guid = guids.get('source', stable(note.path));
    const file = `${guid}.txt`;
    const text = plan.plain.get(note.path)!;
    sources.set(file, text.text);
    xml.open('TextSource', [
      ['guid', guid],
      ['name', plan.names.get(note.path)],
      ['plainTextPath', `internal://${file}`],
      ['creatingUser', users.guid(users.projectUser)],
      ['creationDateTime', dates.dateOf(note.path)],
    ]);
    xml.text('Description', sourceDescription(stable(note.path), note.data?.format === 'text', note.data?.participants));
    for (const selection of plan.selections.byNote.get(note.path) ?? []) writeSelection(xml, scope, plan, selection, text, dates.dateOf(note.path));
    for (const memo of plan.projectMemos.refs.source.get(note.path) ?? []) xml.empty('NoteRef', [['targetGUID', memo]]);
    for (const v of plan.variables) {
      const value = scalar(note.data?.[v.name]);
      if (value !== undefined) valueElement(xml, v, value);
    }
    xml.close('TextSource');
  }
  xml.close('Sources');
  return sources;
}

function writeSelection(xml: XmlWriter, scope: ExportScope, plan: ProjectPlan, selection: Selection, text: PlainText, date: string): void {
  const { codebook, guids } = scope;
  const utf16 = scope.options.offsets === 'utf16';
  xml.open('PlainTextSelection', [
    ['guid', selection.guid],
    ['name', selection.name],
    ['startPosition', utf16 ? text.unitOf(selection.start) : selection.start],
    ['endPosition', utf16 ? text.unitOf(selection.end) : selection.end],
    ['creatingUser', plan.users.guid(selection.coder)],
    ['creationDateTime', date],
  ]);
  // QualCoder reads a coding's memo from the selection's Description, not from NoteRef.
  const memo = selection.codings[0].coding.memo?.trim();
  if (selection.codings.length === 1 && memo) xml.text('Description', memo);
  for (const entry of selection.codings) {
    xml.open('Coding', [['guid', entry.guid], ['creatingUser', plan.users.guid(entry.coder)], ['creationDateTime', date]]);
    xml.empty('CodeRef', [['targetGUID', codeGuid(guids, codebook.byId.get(entry.coding.code)!)]]);
    if (entry.memoGuid) xml.empty('NoteRef', [['targetGUID', entry.memoGuid]]);
    xml.close('Coding');
  }
  xml.close('PlainTextSelection');
}

/** Coding memos, then project memos (with their record in the Description). */
function writeNotes(xml: XmlWriter, memos: MemoNote[]): void {
  if (memos.length === 0) return;
  xml.open('Notes');
  for (const memo of memos) {
    xml.open('Note', [['guid', memo.guid], ['name', memo.name], ['creatingUser', memo.user], ['creationDateTime', memo.date]]);
    if (memo.description !== undefined) xml.text('Description', memo.description);
    xml.text('PlainTextContent', memo.text);
    xml.close('Note');
  }
  xml.close('Notes');
}

function writeSets(xml: XmlWriter, scope: ExportScope, sets: DocumentSet[]): void {
  if (sets.length === 0) return;
  xml.open('Sets');
  for (const set of sets) {
    xml.open('Set', [['guid', scope.guids.get('set', set.key)], ['name', set.name]]);
    for (const path of set.paths) xml.empty('MemberSource', [['targetGUID', scope.guids.get('source', scope.stable(path))]]);
    xml.close('Set');
  }
  xml.close('Sets');
}
