// A synthetic project of `count` notes (the bench's shape, smaller), for the
// cache and worker tests: big enough that parsing takes a moment and that
// workers are used once their threshold is lowered.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';

const WORDS = 'we they group meeting money rent debt help support together week plan talk listen coffee neighbour child school work letter benefit worry step course job volunteer meal idea advice trust'.split(' ');
const CODES = ['reciprocity', 'feedback', 'network-growth', 'self-confidence', 'next-step'];
const SPEAKERS = ['Anna', 'Ben', 'Carla', 'Facilitator'];

export function corpus(count: number, paragraphs = 30): string {
  const dir = join(tempDir(), 'corpus');
  mkdirSync(join(dir, 'notes'), { recursive: true });
  let seed = 7;
  const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const sentence = (): string => Array.from({ length: 6 + next(10) }, () => WORDS[next(WORDS.length)]).join(' ') + '.';
  for (let i = 0; i < count; i += 1) {
    const lines = ['---', `group: g${i % 3}`, `phase: ${['I', 'II', 'III'][i % 3]}`, '---', '', `# Session ${i}`, ''];
    for (let p = 0; p < paragraphs; p += 1) {
      let text = `**${SPEAKERS[next(SPEAKERS.length)]}:** ${sentence()} ${sentence()}`;
      if (next(4) === 0) text += ` #${CODES[next(CODES.length)]}`;
      else if (next(5) === 0) text = `${text} [${sentence()}]{#${CODES[next(CODES.length)]}}`;
      lines.push(text, '');
    }
    writeFileSync(join(dir, 'notes', `note-${String(i).padStart(4, '0')}.md`), lines.join('\n'));
  }
  return dir;
}
