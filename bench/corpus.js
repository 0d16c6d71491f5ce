// The bench corpus: notes of about 30 KB made with a fixed seed, so every
// run (and test/core/parse-extensions.test.ts) sees the same files.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `count` notes of about 30 KB each; returns the total size in bytes. */
export function generate(dir, count, seed) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const groups = ['de-brug', 'krachtbron', 'samen-sterk', 'buurtkring'];
  const phases = ['I', 'II', 'III'];
  const methods = ['participant-observation', 'focus-group', 'interview'];
  const speakers = ['Anna', 'Ben', 'Carla', 'Dirk', 'Esra', 'Facilitator'];
  const words = 'we they she he group meeting money rent debt help support together week plan talk listen coffee neighbour child school work form letter municipality benefit worry step course job volunteer shop swap meal idea advice feedback return favour gave back network friends contact resistance setback shame trust samen helpen geld schuld week plan praten luisteren koffie buren kind school werk brief gemeente uitkering zorgen stap cursus baan vrijwilliger ruilen maaltijd idee advies terugdoen vrienden contact tegenslag schaamte vertrouwen'.split(' ');
  const codes = ['reciprocity', 'feedback', 'network-growth', 'handling-resistance', 'mutual-support.practical', 'mutual-support.emotional', 'self-confidence', 'next-step', 'own-direction'];
  const sentence = () => {
    const n = 6 + Math.floor(random() * 14);
    const out = [];
    for (let i = 0; i < n; i++) out.push(pick(words));
    out[0] = out[0][0].toUpperCase() + out[0].slice(1);
    return `${out.join(' ')}.`;
  };
  let total = 0;
  for (let i = 0; i < count; i++) {
    const lines = ['---', `id: bench-${i}`, `group: ${pick(groups)}`, `phase: ${pick(phases)}`, `method: ${pick(methods)}`, `date: 2024-0${1 + (i % 9)}-1${i % 10}`, '---', '', `# Session ${i}`, ''];
    let size = 0;
    while (size < 30000) {
      let paragraph = `**${pick(speakers)}:** ${sentence()} ${sentence()}`;
      const roll = random();
      if (roll < 0.25) paragraph += ` #${pick(codes)}`;
      else if (roll < 0.4) paragraph = paragraph.replace(/\. ([A-Z][^.]*\.)/, (_, words) => `. [${words}]{#${pick(codes)}}`);
      if (random() < 0.05) lines.push(`## Round ${size}`, '');
      lines.push(paragraph, '');
      size += paragraph.length + 2;
    }
    const text = `${lines.join('\n')}\n`;
    const file = join(dir, `note-${String(i).padStart(5, '0')}.md`);
    writeFileSync(file, text);
    total += statSync(file).size;
  }
  return total;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
