// A small focus-group project for participants as cases.
import { tempTree } from '../helpers/cli.js';

const CODEBOOK = 'name: t\nversion: 1\ncodes:\n  - id: support\n    label: Support\n  - id: feedback\n    label: Feedback\n';
const CONFIG = 'name: t\nnotes: ["notes/**/*.md"]\ncodebook: codebook.yaml\nvariables:\n  group: {}\n  phase: { values: [I, II], ordered: true }\n';
const note = (id: string, group: string, phase: string, participants: string, body: string) =>
  `---\nid: ${id}\ngroup: ${group}\nphase: ${phase}\nmethod: focus-group\nparticipants:\n${participants}---\n\n${body}`;

/** Two people labelled Anna, in two groups; Ben has a project-wide id and appears in both phases. */
export function twoAnnas(): string {
  return tempTree({
    'fieldcode.yaml': CONFIG,
    'codebook.yaml': CODEBOOK,
    'notes/north-I.md': note('north-I', 'north', 'I', '  Anna: { pseudonym: P01, role: member }\n  Ben: { id: p02, pseudonym: P02, role: volunteer }\n', '**Anna:** Ben drove me. #support\n\n**Ben:** I like to help out.\n\n**Anna:** He told me I did well. #feedback\n'),
    'notes/north-II.md': note('north-II', 'north', 'II', '  Ben: { id: p02, pseudonym: P02, role: volunteer }\n', '**Ben:** Now I get help back too. #support\n'),
    'notes/south-I.md': note('south-I', 'south', 'I', '  Anna: { pseudonym: P03, role: member }\n', '**Anna:** Nobody helps me here. #feedback\n'),
  });
}
