// What fieldcode writes into REFI-QDA Descriptions so that its own import
// gets back what the standard has no place for: a note's path, format and
// participants, a variable's declared values, a project memo's front matter.

/** A project memo's own record in its Note's Description, so an import writes the memo back as it was. */
export const MEMO_PREFIX = 'fieldcode memo: ';

export const PARTICIPANTS_PREFIX = 'fieldcode participants: ';

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
