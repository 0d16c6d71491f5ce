// Colour is decided once per stream. Order: --color/--no-color, then NO_COLOR
// (any non-empty value turns colour off, and wins over FORCE_COLOR because it
// is the reader's standing preference), then FORCE_COLOR (0 off, 1–3 levels),
// then whether the stream is a terminal. chalk alone never looks at NO_COLOR.
import type { OutStream } from './io.js';

export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(flag: boolean | undefined, env: Record<string, string | undefined>, stream: OutStream): ColorLevel {
  if (flag === false) return 0;
  if (flag === true) return terminalLevel(env) || 1;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    if (force === 'false' || force === '0') return 0;
    const level = Number.parseInt(force, 10);
    if (level >= 1 && level <= 3) return level as ColorLevel;
    return 1;
  }
  if (!stream.isTTY) return 0;
  if (env.TERM === 'dumb') return 0;
  return terminalLevel(env) || 1;
}

function terminalLevel(env: Record<string, string | undefined>): ColorLevel {
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM && /-256(color)?$/i.test(env.TERM)) return 2;
  return 1;
}
