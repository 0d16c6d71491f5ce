// The speaker map of a transcript import (`--speakers FILE`): YAML from
// labels to names and pseudonyms, every problem placed where it is in it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, LineCounter, type Node } from 'yaml';
import type { Diagnostic } from '../types.js';
import { hint } from '../core/did-you-mean.js';
import { ok, problems, type Checked } from '../model/checked.js';
import { flagValue, usageProblem } from '../model/command-line.js';
import { parseYamlDocument, yamlValue } from '../model/yaml.js';
import { displayPath } from '../pipeline/paths.js';
import { readUtf8 } from '../pipeline/read-file.js';
import type { SpeakerMapping } from './to-note.js';

/** The labels the imported transcripts use, and how to name them in a message. */
export interface SpeakerLabels {
  known: string[];
  /** `\`file.vtt\`` for one transcript, else `the imported transcripts`. */
  where: string;
}

/**
 * Reads `label: { name, pseudonym, role }` (or `label: Name`) from a YAML
 * file. A label that none of the transcripts uses is an error at its key:
 * most often a typo, and its person would silently keep a real name.
 */
export function readSpeakerMap(argv: readonly string[], cwd: string, path: string, labels: SpeakerLabels, diagnostics: Diagnostic[]): Checked<Map<string, SpeakerMapping>> {
  const absolute = resolve(cwd, path);
  const shown = displayPath(cwd, absolute);
  if (!existsSync(absolute)) return problems(usageProblem(argv, `Cannot find the speaker map \`${path}\``, flagValue(argv, '--speakers', path), 'missing-file'));
  const file = readUtf8(absolute);
  if ('error' in file) return problems({ file: shown, line: 1, column: 1, severity: 'fatal', message: `Cannot read the speaker map \`${shown}\`: ${file.error}`, ruleId: 'unreadable-file' });
  return ok(speakerMapOf(shown, file.text, labels, diagnostics));
}

/** The mapping in a speaker map's text; each problem is pushed at its place in the file. */
export function speakerMapOf(shown: string, text: string, labels: SpeakerLabels, diagnostics: Diagnostic[]): Map<string, SpeakerMapping> {
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
  const known = labels.known;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyNode = pair.key as Node;
    if (!known.includes(key)) {
      at(keyNode, `Unexpected speaker label \`${key}\`, expected a label used in ${labels.where}: ${known.map((l) => `\`${l}\``).join(', ') || '(none)'}${hint(key, known)}`, 'speaker-map-unknown-label');
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

