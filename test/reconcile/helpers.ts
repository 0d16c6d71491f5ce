// A small project two coders coded in standoff files: they agree on the first
// paragraph, confuse trust and mistrust on the second, and only ben codes the third.
import { serializeStandoff, standoffCodingFromSpan, type StandoffCoding } from '../../src/standoff/format.js';
import { codebookYaml } from '../agree/helpers.js';
import { tempTree } from '../helpers/cli.js';

export const NOTE = '---\nid: visit\n---\nWe shared the meal and paid for each other.\n\nNobody trusted the new coordinator.\n\nThe weather was fine.\n';

function span(text: string, words: string, code: string, coder: string): StandoffCoding {
  const start = NOTE.indexOf(words);
  return standoffCodingFromSpan(NOTE, start, start + words.length, { code, coder })!;
}

export function reconcileProject(extra: Record<string, string> = {}): string {
  const codings = [
    span(NOTE, 'shared the meal and paid for each other', 'reciprocity', 'anna'),
    span(NOTE, 'We shared the meal', 'reciprocity', 'ben'),
    span(NOTE, 'Nobody trusted the new coordinator.', 'mistrust', 'anna'),
    span(NOTE, 'trusted the new coordinator', 'trust', 'ben'),
    span(NOTE, 'The weather was fine.', 'trust', 'ben'),
  ];
  return tempTree({
    'fieldcode.yaml': 'name: reconcile\ncodebook: codebook.yaml\nnotes: ["notes/**/*.md"]\n',
    'codebook.yaml': codebookYaml(['reciprocity', 'trust', 'mistrust']),
    'notes/visit.md': NOTE,
    'notes/visit.codings.yaml': serializeStandoff({ version: 'standoff/1', note: 'visit.md', codings }),
    ...extra,
  });
}
