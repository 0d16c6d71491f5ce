// Step 1 of a .qdpx import: the archive. Two passes over the zip: the
// project.qde first, then only the entries it refers to, so an archive full of
// unreferenced entries inflates none of them.
import { ok, problems, type Checked } from '../../model/checked.js';
import { DEFAULT_MAX_ENTRY_BYTES, readZip, type ZipEntry, type ZipProblem } from '../zip.js';
import { kid, kids, parseXml, type XmlElement } from '../xml-read.js';
import { diag } from './context.js';
import { decodeBytes } from '../../model/decode.js';

export interface ProjectArchive {
  /** The project.qde as shown in diagnostics: `<archive>/<entry>`. */
  file: string;
  /** Its root <Project> element. */
  root: XmlElement;
  /** The archive entry a `plainTextPath` refers to (`internal://`, bare, in `Sources/` or not, any case). */
  findEntry: (path: string) => ZipEntry | undefined;
}

const isQde = (name: string): boolean => !name.includes('/') && /\.qde$/i.test(name);

/** Reads the project.qde and the entries it refers to; any problem with the archive or the XML is the only diagnostic. */
export function readProjectArchive(bytes: Uint8Array, archive: string, maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES): Checked<ProjectArchive> {
  const zip = readZip(bytes, { maxEntryBytes, wanted: isQde });
  if ('problem' in zip) return zipProblem(archive, zip.problem);
  const qdes = zip.entries.filter((e) => isQde(e.name));
  const qde = qdes.find((e) => e.name.toLowerCase() === 'project.qde') ?? (qdes.length === 1 ? qdes[0] : undefined);
  if (!qde) {
    const message = qdes.length > 1 ? `The archive holds ${qdes.length} .qde files and none is named project.qde; cannot tell which is the project` : 'The archive has no project.qde, so it is not a REFI-QDA .qdpx project';
    return problems(diag(archive, 1, 1, 'error', message, 'qdpx-no-project'));
  }
  const file = `${archive}/${qde.name}`;
  const root = readProjectXml(file, qde.data);
  if (!root.ok) return root;
  const referenced = referencedEntries(root.value);
  const sourceZip = readZip(bytes, { maxEntryBytes, wanted: (name) => referenced.has(name.toLowerCase()) });
  if ('problem' in sourceZip) return zipProblem(archive, sourceZip.problem);
  const sourceEntries = new Map<string, ZipEntry>();
  for (const entry of sourceZip.entries) sourceEntries.set(entry.name.toLowerCase(), entry);
  const findEntry = (path: string): ZipEntry | undefined => {
    const [inSources, bare] = entryKeys(path);
    return sourceEntries.get(inSources) ?? sourceEntries.get(bare);
  };
  return ok({ file, root: root.value, findEntry });
}

function zipProblem(archive: string, problem: ZipProblem): Checked<never> {
  const message = problem.ruleId === 'qdpx-not-zip' && !problem.entry ? `${problem.message}; a .qdpx file is a zip archive` : problem.message;
  return problems(diag(archive, 1, 1, 'error', message, problem.ruleId));
}

function readProjectXml(file: string, data: Uint8Array): Checked<XmlElement> {
  const decoded = decodeBytes(data, 'lenient');
  if (decoded.lossy) return problems(diag(file, 1, 1, 'error', 'project.qde is not valid UTF-8', 'refi-not-utf8'));
  const parsed = parseXml(decoded.text);
  if ('error' in parsed) {
    return problems(diag(file, parsed.error.line, parsed.error.column, 'error', `Cannot read the project: not well-formed XML (${parsed.error.message})`, 'xml-not-well-formed'));
  }
  const root = parsed.root;
  if (root.local !== 'Project') {
    return problems(diag(file, root.line, root.column, 'error', `Unexpected root element <${root.local}>, expected <Project> of a REFI-QDA project`, 'qdpx-no-project'));
  }
  return ok(root);
}

/** The two archive names (lower case) a `plainTextPath` may stand for: under `sources/`, or as given. */
function entryKeys(path: string): string[] {
  const lower = path.replace(/^internal:\/\//i, '').replace(/^\/+/, '').toLowerCase();
  return [`sources/${lower}`, lower];
}

/** Every archive entry a Note or a source refers to; external (`relative://`, `absolute://`) paths are not in the archive. */
function referencedEntries(root: XmlElement): Set<string> {
  const referenced = new Set<string>();
  for (const element of [...kids(kid(root, 'Notes'), 'Note'), ...(kid(root, 'Sources')?.children ?? [])]) {
    const path = element.attrs.plainTextPath;
    if (path !== undefined && !/^(relative|absolute):\/\//i.test(path)) for (const key of entryKeys(path)) referenced.add(key);
  }
  return referenced;
}

