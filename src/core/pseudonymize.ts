// Pseudonyms for publishing. Every person a note names — each entry of its
// `participants` and each speaker label, declared or not — is replaced by
// the participant's `pseudonym`, or, when none is declared, by a stable code
// (P1, P2, …) given in first-appearance order across the sorted corpus.
// Names match whatever their case or Unicode form (`annabel`, `ANNABEL`,
// `Zoë` in NFD). A note whose path contains a name is published under its
// id. Members of the research team (`role: researcher`, `interviewer`,
// `observer`) keep their label: it names a role, not a person.
// Whatever is rendered is scanned afterwards (`nameLeaks`): a report that
// would still show a name is refused rather than published.
import type { Coding, Corpus, Diagnostic, FrontMatterValue, Note, Participant, Segment } from '../types.js';
import { canonicalName, codeKey, nameParts, namePattern, pathHasName, readable } from './names.js';

const TEAM_ROLES = new Set(['researcher', 'interviewer', 'observer', 'research-team']);

export function isTeamMember(participant: Participant): boolean {
  return typeof participant.role === 'string' && TEAM_ROLES.has(participant.role.trim().toLowerCase());
}

function declaredPseudonym(participant: Participant): string | undefined {
  const value = participant.pseudonym as unknown;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

interface Origin {
  file: string;
  line: number;
  column: number;
}

export interface PseudonymTable {
  /** Canonical name → replacement, for names with no pseudonym in the note at hand. */
  global: Map<string, string>;
  /** Per note: canonical name → replacement, from that note's own participants and speakers. */
  perNote: Map<string, Map<string, string>>;
  /** Per note: canonical labels of its research team, which stay. */
  team: Map<string, Set<string>>;
  /** Every real name that must not be published, with where it is first declared or used. */
  names: Map<string, Origin>;
  /** Note path → the path published in its place (its id), for paths that contain a name. */
  paths: Map<string, string>;
}

/** The people of a note: its participants, then speakers not listed among them, in order. */
function people(note: Note): { label: string; participant?: Participant; origin: Origin }[] {
  const at = note.fieldPositions.participants ?? { line: 1, column: 1 };
  const found: { label: string; participant?: Participant; origin: Origin }[] = note.participants.map((participant) => ({ label: participant.label, participant, origin: { file: note.path, line: at.line, column: at.column } }));
  const seen = new Set(found.map((p) => canonicalName(p.label)));
  for (const segment of note.segments) {
    if (segment.speaker === undefined || seen.has(canonicalName(segment.speaker))) continue;
    seen.add(canonicalName(segment.speaker));
    found.push({ label: segment.speaker, origin: { file: note.path, line: segment.range.start.line, column: segment.range.start.column } });
  }
  return found;
}

function byPath(notes: Note[]): Note[] {
  return [...notes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Builds the replacement table. A name declared with a pseudonym in a note
 * uses it in that note; elsewhere the first declared pseudonym (in path
 * order) is used; a name never given one gets the next free code `P<n>`,
 * skipping any code that reads like a declared pseudonym or a label.
 */
export function pseudonymTable(notes: Note[]): PseudonymTable {
  const sorted = byPath(notes);
  const taken = new Set<string>();
  const globalTeam = new Set<string>();
  const named = new Set<string>();
  for (const note of sorted) for (const person of people(note)) {
    const pseudonym = person.participant && declaredPseudonym(person.participant);
    if (pseudonym) taken.add(codeKey(pseudonym));
    taken.add(codeKey(person.label));
    if (person.participant && isTeamMember(person.participant)) globalTeam.add(canonicalName(person.label));
    else if (person.participant) named.add(canonicalName(person.label));
  }
  // A label declared on the team somewhere and as a person elsewhere is a person.
  for (const label of named) globalTeam.delete(label);
  let next = 1;
  const freshCode = (): string => {
    while (taken.has(codeKey(`P${next}`))) next++;
    taken.add(codeKey(`P${next}`));
    return `P${next}`;
  };
  const global = new Map<string, string>();
  const names = new Map<string, Origin>();
  const team = new Map<string, Set<string>>();
  // First pass: declared pseudonyms win globally in path order.
  for (const note of sorted) for (const person of people(note)) {
    const pseudonym = person.participant && declaredPseudonym(person.participant);
    const key = canonicalName(person.label);
    if (pseudonym && !(person.participant && isTeamMember(person.participant)) && !global.has(key)) global.set(key, pseudonym);
  }
  // Second pass: names without any pseudonym get codes in first-appearance order.
  const perNote = new Map<string, Map<string, string>>();
  for (const note of sorted) {
    const own = new Map<string, string>();
    const ownTeam = new Set<string>();
    for (const person of people(note)) {
      const key = canonicalName(person.label);
      if (key === '') continue;
      const onTeam = person.participant ? isTeamMember(person.participant) : globalTeam.has(key);
      if (onTeam) {
        ownTeam.add(key);
        continue;
      }
      if (!names.has(key)) names.set(key, person.origin);
      if (!global.has(key)) global.set(key, freshCode());
      const replacement = (person.participant && declaredPseudonym(person.participant)) ?? global.get(key)!;
      own.set(key, replacement);
      // A first name or surname alone names the person too ("Annabel" of "Annabel Jansen").
      for (const part of nameParts(person.label)) {
        const partKey = canonicalName(part);
        if (!names.has(partKey)) names.set(partKey, person.origin);
        if (!global.has(partKey)) global.set(partKey, global.get(key)!);
        if (!own.has(partKey)) own.set(partKey, replacement);
      }
    }
    perNote.set(note.path, own);
    team.set(note.path, ownTeam);
  }
  // A label that is already its own pseudonym (`P03: {pseudonym: P03}`) is no
  // name. Any other real name that shows is a leak, even when it is also
  // someone else's declared pseudonym: readers would take it for that person.
  const selfNamed = new Set([...perNote.values()].flatMap((own) => [...own].filter(([key, replacement]) => canonicalName(replacement) === key).map(([key]) => key)));
  for (const key of [...names.keys()]) if (selfNamed.has(key) || globalTeam.has(key)) names.delete(key);
  return { global, perNote, team, names, paths: publishedPaths(sorted, names.keys()) };
}

/** Paths that contain a name are published as the note's `id` (or `note-<n>` when that is missing, taken or named). */
function publishedPaths(sorted: Note[], names: Iterable<string>): Map<string, string> {
  const list = [...names];
  const paths = new Map<string, string>();
  const used = new Set(sorted.map((note) => note.path));
  sorted.forEach((note, index) => {
    if (!pathHasName(note.path, list)) return;
    const id = typeof note.data.id === 'string' ? note.data.id.trim() : '';
    let published = /^[\p{L}\p{N}._-]{1,100}$/u.test(id) && !used.has(id) && !pathHasName(id, list) ? id : `note-${index + 1}`;
    for (let n = 2; used.has(published); n++) published = `note-${index + 1}-${n}`;
    used.add(published);
    paths.set(note.path, published);
  });
  return paths;
}

/** A replacer for one note: whole words, any case or Unicode form, longest names first; a trailing possessive `s` is kept. */
export function nameReplacer(table: PseudonymTable, notePath: string): (text: string) => string {
  const merged = new Map(table.global);
  for (const [label, replacement] of table.perNote.get(notePath) ?? []) merged.set(label, replacement);
  for (const label of table.team.get(notePath) ?? []) merged.delete(label);
  for (const [label, replacement] of [...merged]) if (label === canonicalName(replacement)) merged.delete(label);
  const pattern = namePattern(merged.keys());
  if (!pattern) return (text) => readable(text);
  return (text) => readable(text).replace(pattern, (name: string) => merged.get(canonicalName(name)) ?? name);
}

function replaceValue(value: FrontMatterValue, replace: (text: string) => string): FrontMatterValue {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((item) => replaceValue(item, replace));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [replace(key), replaceValue(item, replace)]));
  return value;
}

export interface Pseudonymized {
  corpus: Corpus;
  table: PseudonymTable;
  /**
   * The replacer of front-matter values, the same in every note, so that a
   * value named in `--where`, `where:` or an `out: …{var}…` path can be
   * carried over: `group=annabel-family` selects what is published as `P01-family`.
   */
  value: (text: string) => string;
}

/** Filters on original values, as they select in the pseudonymised corpus. */
export function pseudonymizeFilters<F extends { where: Record<string, string[]> }>(filters: F, value: (text: string) => string): F {
  return { ...filters, where: Object.fromEntries(Object.entries(filters.where).map(([name, values]) => [name, values.map(value)])) };
}

/**
 * A copy of the corpus with names replaced in segment text, speaker labels,
 * headings, coding text, memos, front-matter values and the participant
 * lists, and with named paths replaced by ids. Offsets keep pointing into
 * the original file; lines are unchanged.
 */
export function pseudonymize(corpus: Corpus): Pseudonymized {
  const table = pseudonymTable(corpus.notes);
  const replacers = new Map(corpus.notes.map((note) => [note.path, nameReplacer(table, note.path)]));
  const value = nameReplacer(table, '');
  const pathOf = (path: string): string => table.paths.get(path) ?? path;
  const segmentId = (id: string): string => {
    const hash = id.lastIndexOf('#');
    return hash < 0 ? id : `${pathOf(id.slice(0, hash))}${id.slice(hash)}`;
  };
  const notes: Note[] = corpus.notes.map((note) => {
    const replace = replacers.get(note.path)!;
    const own = table.perNote.get(note.path) ?? new Map<string, string>();
    const team = table.team.get(note.path) ?? new Set<string>();
    const speaker = (label: string): string => (team.has(canonicalName(label)) ? label : own.get(canonicalName(label)) ?? replace(label));
    const segments: Segment[] = note.segments.map((segment) => {
      const copy: Segment = { ...segment, id: segmentId(segment.id), note: pathOf(segment.note), text: replace(segment.text), headings: segment.headings.map(replace) };
      if (segment.speaker !== undefined) copy.speaker = speaker(segment.speaker);
      return copy;
    });
    const participants = note.participants.map((p) => (isTeamMember(p) ? p : { label: speaker(p.label), ...(p.role !== undefined ? { role: p.role } : {}) }));
    const data = Object.fromEntries(Object.entries(note.data).filter(([key]) => key !== 'participants').map(([key, item]) => [key, replaceValue(item, value)]));
    return { ...note, path: pathOf(note.path), data, segments, participants, codings: note.codings.map((c) => pseudonymizeCoding(c, replace, pathOf, segmentId)) };
  });
  const codings = corpus.codings.map((coding) => pseudonymizeCoding(coding, replacers.get(coding.note) ?? readable, pathOf, segmentId));
  // A memo is the researcher's writing about named people: its words lose the names too, and its targets follow the renamed paths.
  const memos = corpus.memos?.map((memo) => ({
    ...memo,
    title: value(memo.title),
    body: value(memo.body),
    about: memo.about.map((target) => (target.kind === 'segment' && target.segment !== undefined ? { ...target, segment: segmentId(target.segment) } : target.kind === 'note' && target.note !== undefined ? { ...target, note: pathOf(target.note) } : target)),
  }));
  return { corpus: { ...corpus, notes, codings, ...(memos ? { memos } : {}) }, table, value };
}

/** The pseudonymised copy of a corpus (see `pseudonymize`). */
export function pseudonymizeCorpus(corpus: Corpus): Corpus {
  return pseudonymize(corpus).corpus;
}

function pseudonymizeCoding(coding: Coding, replace: (text: string) => string, pathOf: (path: string) => string, segmentId: (id: string) => string): Coding {
  const copy: Coding = { ...coding, note: pathOf(coding.note), segments: coding.segments.map(segmentId), text: replace(coding.text) };
  if (coding.memo !== undefined) copy.memo = replace(coding.memo);
  if (coding.matched !== undefined) copy.matched = replace(coding.matched);
  return copy;
}

/** The readings of rendered output a person would see: as written, with HTML entities, backslash escapes and URL escapes undone. */
function readings(content: string): string {
  const entities = content.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec || hex) {
      const code = dec ? Number(dec) : parseInt(hex!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[name!.toLowerCase()] ?? whole;
  });
  const unescaped = entities.replace(/\\(.)/gsu, '$1').replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const urls = unescaped.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  // NFKC as well: fullwidth or styled letters (`Ａｎｎａ`) read as the name.
  const all = [content, entities, unescaped, urls].join('\n');
  return `${readable(all)}\n${readable(all.normalize('NFKC'))}`;
}

/**
 * Where a real name still shows in rendered, pseudonymised output: one
 * origin per name found (the place the name is declared or first used),
 * never the name itself, so that the message does not publish it either.
 */
export function nameLeaks(table: PseudonymTable, content: string): Origin[] {
  const pattern = namePattern(table.names.keys());
  if (!pattern) return [];
  const found = new Map<string, Origin>();
  for (const match of readings(content).matchAll(pattern)) {
    const key = canonicalName(match[0]);
    const origin = table.names.get(key);
    if (origin && !found.has(key)) found.set(key, origin);
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

/** `pseudonym-leak` errors for a pseudonymised report that would still show names. */
export function leakDiagnostics(leaks: Origin[], report: string): Diagnostic[] {
  return leaks.map((origin) => ({
    ...origin,
    severity: 'error' as const,
    message: `Unexpected real name in ${report}, which is pseudonymised: the name declared or used here would still be published (in a file name, a code label, a title or a value fieldcode cannot replace); rename it, give the note an \`id\`, or drop the pseudonymised report. Nothing was written for it`,
    ruleId: 'pseudonym-leak',
  }));
}

/**
 * `unpseudonymized-name` warnings: a person (not on the research team) whose
 * name appears in the published text or as a speaker label while it has no
 * `pseudonym` — a participant without one, or a speaker missing from
 * `participants`. One warning per note and name.
 */
export function unpseudonymizedNames(corpus: Corpus, published: { note: string; text: string; speaker?: string }[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byNote = new Map<string, { text: string[]; speakers: Set<string> }>();
  for (const item of published) {
    const entry = byNote.get(item.note) ?? { text: [], speakers: new Set<string>() };
    entry.text.push(item.text);
    if (item.speaker) entry.speakers.add(canonicalName(item.speaker));
    byNote.set(item.note, entry);
  }
  for (const note of corpus.notes) {
    const entry = byNote.get(note.path);
    if (!entry) continue;
    const joined = entry.text.join('\n').normalize('NFC');
    for (const person of people(note)) {
      if (person.participant && (isTeamMember(person.participant) || declaredPseudonym(person.participant))) continue;
      const key = canonicalName(person.label);
      const shown = entry.speakers.has(key) || namePattern([person.label])!.test(joined);
      if (!shown) continue;
      diagnostics.push({
        ...person.origin,
        severity: 'warning',
        message: person.participant
          ? `Unexpected name \`${person.label}\` in a published report: the participant has no \`pseudonym\`; add one, or use --pseudonymize`
          : `Unexpected speaker \`${person.label}\` in a published report: the label is not listed in \`participants\`; list it with a \`pseudonym\` (or a team \`role\`), or use --pseudonymize`,
        ruleId: 'unpseudonymized-name',
      });
    }
  }
  return diagnostics;
}
