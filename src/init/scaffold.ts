// What `fieldcode init` writes: the project file, a codebook, one sample
// note per method and a .gitattributes rule. Pure: returns file contents; the
// command decides what exists already and writes the rest.

export const STANDARD_METHODS = ['participant-observation', 'focus-group', 'interview'] as const;

export interface InitAnswers {
  name: string;
  groups: string[];
  /** In research order: the first phase comes first in every report. */
  phases: string[];
  methods: string[];
  coder: string;
  /** The bundled working-components codebook, or an empty template. */
  codebook: 'bundled' | 'empty';
}

export interface PlannedFile {
  /** POSIX path relative to the project folder. */
  path: string;
  content: string;
}

export const BUNDLED_CODEBOOK_PATH = 'codebook/working-components.yaml';
export const BUNDLED_SCHEMA_PATH = 'codebook/codebook.schema.json';
/** The project file's schema, copied beside it so editors find it wherever the project lives. */
export const PROJECT_SCHEMA_PATH = 'fieldcode.schema.json';
export const EMPTY_CODEBOOK_PATH = 'codebook.yaml';
/** Check out text files with LF, as fieldcode writes them: with
 * core.autocrlf=true, reports would otherwise all look stale to
 * `build --check`, and standoff offsets would point elsewhere. */
export const GITATTRIBUTES_RULE = '* text=auto eol=lf';

const YAML_PLAIN = /^[A-Za-z][A-Za-z0-9 ._/-]*$/;
const YAML_KEYWORDS = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;

/** A YAML scalar: plain when that is safe, else double-quoted. */
export function yamlScalar(value: string): string {
  return YAML_PLAIN.test(value) && !YAML_KEYWORDS.test(value) && value.trim() === value ? value : JSON.stringify(value);
}

const flow = (values: string[]): string => `[${values.map(yamlScalar).join(', ')}]`;

/** Splits `a, b ,c` into trimmed, non-empty, unique values, keeping their order. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const value = part.trim();
    if (value) seen.add(value);
  }
  return [...seen];
}

/** A file-name-safe slug of a value (`Focus group` → `focus-group`). */
export function slug(value: string): string {
  const s = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'note';
}

export function projectFile(answers: InitAnswers): string {
  const codebook = answers.codebook === 'bundled' ? BUNDLED_CODEBOOK_PATH : EMPTY_CODEBOOK_PATH;
  return [
    `# yaml-language-server: $schema=./${PROJECT_SCHEMA_PATH}`,
    '# fieldcode project file, made by `fieldcode init`. Run `fieldcode check` after every change.',
    `name: ${JSON.stringify(answers.name)}`,
    `codebook: ${codebook}`,
    'notes: ["notes/**/*.md"]',
    `coder: ${yamlScalar(answers.coder)}`,
    '',
    '# The dimensions reports break counts down by. Every note says its values in',
    '# its front matter; `ordered` keeps phases in research order.',
    'variables:',
    `  group: { values: ${flow(answers.groups)}, required: true }`,
    `  phase: { values: ${flow(answers.phases)}, ordered: true, required: true }`,
    `  method: { values: ${flow(answers.methods)}, required: true }`,
    '',
    '# Reports that `fieldcode build` regenerates. Commit them with the notes: in CI,',
    '# `fieldcode build --check` fails when one is out of date (docs/reports.md).',
    'reports:',
    '  - name: frequencies',
    '    kind: frequencies',
    '    by: [group, phase]',
    '    out: reports/frequencies.md',
    '',
  ].join('\n');
}

export function emptyCodebook(answers: InitAnswers): string {
  return [
    '# Codebook: one entry per code. Ids are lowercase (`reciprocity`, `mutual-support.practical`);',
    '# nest codes under `codes:` of a parent. Keywords and patterns only suggest codes.',
    `name: ${JSON.stringify(`${answers.name} codebook`)}`,
    'version: "0.1.0"',
    'languages: [en]',
    'codes: []',
    '# An example code, to copy above (replace `codes: []` with `codes:`):',
    '#   - id: reciprocity',
    '#     label: Reciprocity',
    '#     definition: >-',
    '#       Participants both receive and give: help flows in more than one direction.',
    '#     use_when:',
    '#       - A participant offers their own time or skills after having been helped.',
    '#     not_when:',
    '#       - Help flows one way only.',
    '#     examples:',
    '#       - "She fixed my bike, so now I do her tax forms."',
    '#     keywords: [give back, in return]',
    '#     color: "#117733"',
    '',
  ].join('\n');
}

interface Turn {
  speaker?: string;
  text: string;
  /** Inline codes from the bundled codebook, added only when it is used. */
  codes?: string[];
  span?: { words: string; codes: string[] };
}

const SAMPLES: Record<string, { title: string; participants: string[]; turns: Turn[] }> = {
  'participant-observation': {
    title: 'Sample observation: a group meeting',
    participants: [],
    turns: [
      { text: 'Ten people around two tables in the community centre, coffee and a plate of biscuits. The facilitator opens with a round: everyone says how their week went and what they want to work on.' },
      { text: 'P03 arrives late with a bag of oranges for everyone and apologises twice. Nobody minds; two people move up to make room.', codes: ['mutual-support.practical'] },
      { text: 'During the round P01 says she has finally opened her pile of letters. P02 asks which one was the worst, and offers to go through it with her after the meeting.', span: { words: 'offers to go through it with her after the meeting', codes: ['mutual-support.practical'] } },
      { text: 'Reflection: the group talks easily about money today. To follow up: whether P01 and P02 really meet.' },
    ],
  },
  'focus-group': {
    title: 'Sample focus group: what the group brings',
    participants: ['P01', 'P02', 'P03', 'Moderator'],
    turns: [
      { speaker: 'Moderator', text: 'What do you get out of coming here?' },
      { speaker: 'P01', text: 'That I can say it out loud. At home I keep everything inside. Here nobody judges, they just nod because they know.', codes: ['mutual-support.emotional'] },
      { speaker: 'P02', text: 'For me it is practical. P01 helped me with the allowance forms, and now I explain them to the new people. I want to give back.', codes: ['reciprocity'] },
      { speaker: 'P03', text: 'I did not know anyone in this neighbourhood. Now I have three phone numbers.', codes: ['network-growth'] },
    ],
  },
  interview: {
    title: 'Sample interview: a year in the group',
    participants: ['P01', 'Interviewer'],
    turns: [
      { speaker: 'Interviewer', text: 'How would you describe your year in the group?' },
      { speaker: 'P01', text: 'Up and down. In the summer I stopped coming for a few weeks. I was ashamed about a letter I had not opened.' },
      { speaker: 'Interviewer', text: 'What made you come back?' },
      { speaker: 'P01', text: 'P02 rang my bell and said I did not have to be angry at them. And in the round someone told me straight away that I always wait until I feel like it. She was right.', span: { words: 'someone told me straight away that I always wait until I feel like it', codes: ['feedback'] } },
    ],
  },
};

const GENERIC = {
  title: 'Sample note',
  participants: [] as string[],
  turns: [
    { text: 'Replace this text with your own field notes. Each paragraph is a segment: the unit you code.' },
    { text: 'Code a whole paragraph with a tag at its end, or some words with a span, using ids from your codebook. Run `fieldcode tag` to do it interactively.' },
  ] as Turn[],
};

/** One sample note for a method: front matter with the first group and phase, then a few segments. */
export function sampleNote(method: string, answers: InitAnswers, date: string): PlannedFile {
  const sample = SAMPLES[method] ?? { ...GENERIC, title: `Sample note: ${method}` };
  const withCodes = answers.codebook === 'bundled';
  const lines = [
    '---',
    `id: ${yamlScalar(`sample-${slug(method)}`)}`,
    `group: ${yamlScalar(answers.groups[0])}`,
    `phase: ${yamlScalar(answers.phases[0])}`,
    `method: ${yamlScalar(method)}`,
    `date: ${date}`,
  ];
  if (sample.participants.length > 0) {
    lines.push('participants:');
    for (const label of sample.participants) {
      const role = /^(Interviewer|Moderator)$/.test(label) ? 'researcher' : 'participant';
      lines.push(`  ${label}: { role: ${role} }`);
    }
  }
  lines.push('---', '', `# ${sample.title}`, '', `This sample was made by \`fieldcode init\`; replace it with your own notes. Speakers are written as **Label:** at the start of a paragraph, codes as \`#id\` or \`[words]{#id}\`.`, '');
  for (const turn of sample.turns) {
    let text = turn.text;
    if (withCodes && turn.span) text = text.replace(turn.span.words, `[${turn.span.words}]{${turn.span.codes.map((c) => `#${c}`).join(' ')}}`);
    if (withCodes && turn.codes) text += ` ${turn.codes.map((c) => `#${c}`).join(' ')}`;
    lines.push(turn.speaker ? `**${turn.speaker}:** ${text}` : text, '');
  }
  return { path: `notes/sample-${slug(method)}.md`, content: lines.join('\n') };
}

/** Whether a .gitignore ignores the reports folder, which should be committed. */
export function ignoresReports(gitignore: string): boolean {
  return gitignore.split(/\r?\n/).some((line) => /^\/?reports(?:\/(?:\*\*?)?)?$/.test(line.trim()));
}

/** Whether a .gitattributes already has the LF rule. */
export function hasLfRule(gitattributes: string): boolean {
  return gitattributes.split(/\r?\n/).some((line) => line.trim().replace(/\s+/g, ' ') === GITATTRIBUTES_RULE);
}

/** The .gitattributes text with the LF rule appended (keeping its line endings). */
export function withLfRule(gitattributes: string): string {
  const eol = gitattributes.includes('\r\n') ? '\r\n' : '\n';
  const sep = gitattributes.length === 0 || gitattributes.endsWith('\n') ? '' : eol;
  return `${gitattributes}${sep}# fieldcode: LF line endings on every checkout, as fieldcode writes them${eol}${GITATTRIBUTES_RULE}${eol}`;
}

/** The .gitignore line for fieldcode's parse cache (rebuilt from the notes, so never committed). */
export const GITIGNORE_RULE = '.fieldcode/';

/** Whether a .gitignore already ignores `.fieldcode/` (with or without the slashes). */
export function hasCacheRule(gitignore: string): boolean {
  return gitignore.split(/\r?\n/).some((line) => /^\/?\.fieldcode(?:\/(?:\*\*?)?)?$/.test(line.trim()));
}

/** The .gitignore text with the cache rule appended (keeping its line endings). */
export function withCacheRule(gitignore: string): string {
  const eol = gitignore.includes('\r\n') ? '\r\n' : '\n';
  const sep = gitignore.length === 0 || gitignore.endsWith('\n') ? '' : eol;
  return `${gitignore}${sep}# fieldcode: the parse cache, rebuilt from the notes (docs/cache.md)${eol}${GITIGNORE_RULE}${eol}`;
}
